import { describe, expect, it } from "vitest";
import { DERIVED_PRICE_LABELS, EXPECTATION_MESSAGES, FLAG_MESSAGES } from "@/lib/candidacy/messages";
import { LOCALES } from "@/lib/i18n/locales";
import { EXPECTATION_CODES, FLAG_CODES } from "@/lib/candidacy/result";
import { PRICE_AREA_KEYS } from "@/lib/pricing/quote-price";

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
});
