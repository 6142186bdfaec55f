import { describe, expect, it } from "vitest";
import { EXPECTATION_MESSAGES, FLAG_MESSAGES } from "@/lib/candidacy/messages";
import { LOCALES } from "@/lib/i18n/locales";
import { EXPECTATION_CODES, FLAG_CODES } from "@/lib/candidacy/result";
import { DERIVED_PRICE_LABELS, PRICE_AREA_KEYS } from "@/lib/pricing/price-areas";

describe("messages", () => {
  it.each(LOCALES)("%s has a patient and a staff text for every flag", (locale) => {
    for (const code of FLAG_CODES) {
      const text = FLAG_MESSAGES[locale][code];
      expect(text.patient.trim().length, code).toBeGreaterThan(20);
      expect(text.staff.trim().length, code).toBeGreaterThan(20);
    }
    expect(Object.keys(FLAG_MESSAGES[locale]).sort()).toEqual([...FLAG_CODES].sort());
  });

  it.each(LOCALES)("%s has a text for every expectation and every price area", (locale) => {
    expect(Object.keys(EXPECTATION_MESSAGES[locale]).sort()).toEqual([...EXPECTATION_CODES].sort());
    for (const code of EXPECTATION_CODES) expect(EXPECTATION_MESSAGES[locale][code].patient.length).toBeGreaterThan(20);
    expect(Object.keys(DERIVED_PRICE_LABELS[locale].areas).sort()).toEqual([...PRICE_AREA_KEYS].sort());
  });

  it("Spanish texts are translations, not copies of the English ones", () => {
    for (const code of FLAG_CODES) {
      expect(FLAG_MESSAGES.es[code].patient).not.toBe(FLAG_MESSAGES.en[code].patient);
      expect(FLAG_MESSAGES.es[code].staff).not.toBe(FLAG_MESSAGES.en[code].staff);
    }
    for (const code of EXPECTATION_CODES) {
      expect(EXPECTATION_MESSAGES.es[code].patient).not.toBe(EXPECTATION_MESSAGES.en[code].patient);
    }
  });

  it("the expectations state the clinic page's facts", () => {
    const en = EXPECTATION_MESSAGES.en;
    expect(en.SEVERAL_SESSIONS.patient).toMatch(/1 and 4 in the first year/);
    expect(en.PIGMENT_FADES.patient).toMatch(/fades/);
    expect(en.BLUE_TONE_POSSIBLE.patient).toMatch(/may also take on a blue appearance/);
    expect(en.BLUE_TONE_POSSIBLE.patient).not.toMatch(/slightly|bluish/);
    expect(en.PIGMENT_IN_LYMPH_NODES.patient).toMatch(/lymph nodes/);
    expect(en.PIGMENT_IN_LYMPH_NODES.patient).toMatch(/long-term health effects of this are not known/);
    expect(en.MAINTENANCE_NEEDED.patient).toMatch(/maintenance sessions/);
    expect(en.RESULTS_VARY.patient).toMatch(/vary from person to person.*no one can predict the final outcome/);
    expect(en.PRICE_COVERS_TWO_SESSIONS.patient).toMatch(/first two sessions/);
    expect(en.SEVERAL_SESSIONS.patient).toMatch(/several sessions/);
    const es = EXPECTATION_MESSAGES.es;
    expect(es.SEVERAL_SESSIONS.patient).toMatch(/entre 1 y 4/);
    expect(es.BLUE_TONE_POSSIBLE.patient).toMatch(/aspecto azul/);
    expect(es.PIGMENT_IN_LYMPH_NODES.patient).toMatch(/ganglios linfáticos.*No se conocen los efectos a largo plazo/s);
  });

  it("an unhealthy scalp says it limits ink absorption and risks failure", () => {
    expect(FLAG_MESSAGES.en.SCALP_NOT_HEALTHY.patient).toMatch(/takes up less ink/);
    expect(FLAG_MESSAGES.en.SCALP_NOT_HEALTHY.patient).toMatch(/treatment fails/);
    expect(FLAG_MESSAGES.es.SCALP_NOT_HEALTHY.patient).toMatch(/absorbe menos tinta/);
  });

  it("Spanish says \"la SMP\" throughout, never \"el SMP\"", () => {
    const es = [
      ...Object.values(FLAG_MESSAGES.es).flatMap((t) => [t.patient, t.staff]),
      ...Object.values(EXPECTATION_MESSAGES.es).flatMap((t) => [t.patient, t.staff]),
    ];
    for (const text of es) expect(text).not.toMatch(/\b(el|del|al) SMP\b/i);
  });

  it("no placeholder or unfinished text", () => {
    const all = LOCALES.flatMap((l) => [
      ...Object.values(FLAG_MESSAGES[l]).flatMap((t) => [t.patient, t.staff]),
      ...Object.values(EXPECTATION_MESSAGES[l]).flatMap((t) => [t.patient, t.staff]),
    ]);
    for (const text of all) expect(text).not.toMatch(/TODO|TBD|\{\w+\}|undefined/);
  });

  it("the pigment expectation names what the clinic page lists and sends a metal allergy to the doctor (issue 19)", () => {
    const en = EXPECTATION_MESSAGES.en.PIGMENT_INGREDIENTS.patient;
    for (const ingredient of ["titanium dioxide", "lead", "chromium", "nickel", "iron oxides", "ash", "carbon black"]) expect(en).toContain(ingredient);
    expect(en).toMatch(/allergic to a metal.*tell the doctor/);
    const es = EXPECTATION_MESSAGES.es.PIGMENT_INGREDIENTS.patient;
    for (const ingredient of ["dióxido de titanio", "plomo", "cromo", "níquel", "óxidos de hierro", "ceniza", "negro de carbón"]) expect(es).toContain(ingredient);
    expect(es).toMatch(/alergia a algún metal.*dígaselo al médico/);
  });

  it("the hairline note says plainly that the hairline may sit higher than hoped (issue 19)", () => {
    expect(FLAG_MESSAGES.en.AGE_APPROPRIATE_HAIRLINE.patient).toMatch(/designed for your age.*may sit higher than you hope/);
    expect(FLAG_MESSAGES.en.AGE_APPROPRIATE_HAIRLINE.patient).toMatch(/20s and early 30s/);
    expect(FLAG_MESSAGES.es.AGE_APPROPRIATE_HAIRLINE.patient).toMatch(/según su edad.*más alta de lo que usted espera/);
  });

  it("with no hair loss and no scar, the reason says there is nothing to treat (issue 19)", () => {
    expect(FLAG_MESSAGES.en.NOTHING_TO_TREAT.patient).toMatch(/no hair loss and no scar.*nothing for it to treat/);
    expect(FLAG_MESSAGES.es.NOTHING_TO_TREAT.patient).toMatch(/no tiene pérdida de cabello ni cicatrices.*no hay nada que tratar/);
  });

  it("only the classic case claims SMP works best with advanced hair loss", () => {
    expect(FLAG_MESSAGES.en.SHAVED_LOOK_CLASSIC_CASE.patient).toMatch(/advanced hair loss/);
    for (const locale of LOCALES) {
      for (const code of FLAG_CODES) {
        if (code === "SHAVED_LOOK_CLASSIC_CASE") continue;
        expect(FLAG_MESSAGES[locale][code].patient, code).not.toMatch(/works best|advanced hair loss|mejores resultados|pérdida de cabello avanzada/);
      }
    }
  });

  it("no reason opens with the headline's words: \"Good news\" is the eligible verdict's alone (issue 19)", () => {
    for (const locale of LOCALES) {
      for (const code of FLAG_CODES) expect(FLAG_MESSAGES[locale][code].patient, code).not.toMatch(/good news|buenas noticias/i);
    }
  });

  it("Spanish names the physician one way: \"el médico\", never \"el doctor\" (issue 19)", () => {
    const es = [
      ...Object.values(FLAG_MESSAGES.es).flatMap((t) => [t.patient, t.staff]),
      ...Object.values(EXPECTATION_MESSAGES.es).flatMap((t) => [t.patient, t.staff]),
    ];
    for (const text of es) expect(text).not.toMatch(/\bdoctor(a|es)?\b/i);
  });
});
