import { describe, expect, it } from "vitest";
import type { CandidacyAnswers } from "@/lib/candidacy/answers";
import { evaluate, evaluateCandidacy } from "@/lib/candidacy/evaluate";
import { EXPECTATION_MESSAGES, FLAG_MESSAGES } from "@/lib/candidacy/messages";
import { LOCALES, type AppLocale } from "@/lib/i18n/locales";
import {
  EXPECTATION_CODES,
  FLAG_CODES,
  RULES_VERSION,
  candidacyResultSchema,
  type CandidacyStatus,
  type FlagCode,
} from "@/lib/candidacy/result";
import { FLAG_DEFINITIONS, FLAG_ORDER, RULES, matchingRules, statusOf } from "@/lib/candidacy/rules";
import { DEFAULT_PRICE_TABLE } from "@/lib/pricing/price-table";
import { buildAnswers } from "@/tests/support/candidacy-builders";

const run = (answers: CandidacyAnswers, locale?: AppLocale) => evaluateCandidacy(answers, DEFAULT_PRICE_TABLE, { locale });
const codes = (answers: CandidacyAnswers) => run(answers).flags.map((f) => f.code);

describe("evaluateCandidacy: one case per rule, flag and status branch", () => {
  // [name, overrides, expected flag codes in order, expected status]
  it.each<[string, Partial<CandidacyAnswers>, FlagCode[], CandidacyStatus]>([
    ["healthy NW6 shaved look: only the reason it fits", {}, ["SHAVED_LOOK_CLASSIC_CASE"], "eligible"],
    ["psoriasis without clearance", { skinConditions: ["psoriasis"] }, ["DERM_CLEARANCE_REQUIRED", "SHAVED_LOOK_CLASSIC_CASE"], "clearance_required"],
    ["seborrheic dermatitis without clearance", { skinConditions: ["seborrheic_dermatitis"] }, ["DERM_CLEARANCE_REQUIRED", "SHAVED_LOOK_CLASSIC_CASE"], "clearance_required"],
    [
      "psoriasis with clearance",
      { skinConditions: ["psoriasis"], dermatologyClearance: true },
      ["DERM_CLEARANCE_ON_FILE", "SHAVED_LOOK_CLASSIC_CASE"],
      "eligible_with_conditions",
    ],
    [
      "seborrheic dermatitis with clearance",
      { skinConditions: ["seborrheic_dermatitis"], dermatologyClearance: true },
      ["DERM_CLEARANCE_ON_FILE", "SHAVED_LOOK_CLASSIC_CASE"],
      "eligible_with_conditions",
    ],
    ["clearance without any condition changes nothing", { dermatologyClearance: true }, ["SHAVED_LOOK_CLASSIC_CASE"], "eligible"],
    [
      "psoriasis with clearance and also dry, red or peeling skin: clearance covers both",
      { skinConditions: ["psoriasis", "dry_red_or_peeling"], dermatologyClearance: true },
      ["DERM_CLEARANCE_ON_FILE", "SHAVED_LOOK_CLASSIC_CASE"],
      "eligible_with_conditions",
    ],
    [
      "dry, red or peeling skin with clearance",
      { skinConditions: ["dry_red_or_peeling"], dermatologyClearance: true },
      ["DERM_CLEARANCE_ON_FILE", "SHAVED_LOOK_CLASSIC_CASE"],
      "eligible_with_conditions",
    ],
    [
      "another active condition with clearance",
      { skinConditions: ["other_active"], dermatologyClearance: true },
      ["DERM_CLEARANCE_ON_FILE", "SHAVED_LOOK_CLASSIC_CASE"],
      "eligible_with_conditions",
    ],
    [
      "clearance does not lift an infection or open wound",
      { skinConditions: ["other_active"], dermatologyClearance: true, healthScreen: ["scalp_infection_or_wound"] },
      ["SCALP_NOT_HEALTHY", "DERM_CLEARANCE_ON_FILE", "SHAVED_LOOK_CLASSIC_CASE"],
      "clearance_required",
    ],
    [
      "infection or wound with clearance and no skin condition: still blocked",
      { dermatologyClearance: true, healthScreen: ["scalp_infection_or_wound"] },
      ["SCALP_NOT_HEALTHY", "SHAVED_LOOK_CLASSIC_CASE"],
      "clearance_required",
    ],
    ["Norwood 3, hairline: density where hair remains", { norwoodStage: "3", goal: "hairline_or_crown" }, ["DENSITY_WHERE_HAIR_REMAINS"], "eligible"],
    // Changed in rules 2026-12-2 (decision 021): was ["PRICE_ESTIMATE", "DENSITY_WHERE_HAIR_REMAINS"], eligible.
    // No hair loss and no scar: nothing for SMP to treat; the doctor talks it through.
    ["no hair loss, add density", { lossPattern: "none", norwoodStage: undefined, goal: "add_density" }, ["NOTHING_TO_TREAT", "PRICE_ESTIMATE"], "consult_required"],
    ["dry, red or peeling skin", { skinConditions: ["dry_red_or_peeling"] }, ["SCALP_NOT_HEALTHY", "SHAVED_LOOK_CLASSIC_CASE"], "clearance_required"],
    ["another active scalp condition", { skinConditions: ["other_active"] }, ["SCALP_NOT_HEALTHY", "SHAVED_LOOK_CLASSIC_CASE"], "clearance_required"],
    ["scalp infection or wound", { healthScreen: ["scalp_infection_or_wound"] }, ["SCALP_NOT_HEALTHY", "SHAVED_LOOK_CLASSIC_CASE"], "clearance_required"],
    [
      "both scalp rules raise SCALP_NOT_HEALTHY once",
      { skinConditions: ["other_active", "dry_red_or_peeling"], healthScreen: ["scalp_infection_or_wound"] },
      ["SCALP_NOT_HEALTHY", "SHAVED_LOOK_CLASSIC_CASE"],
      "clearance_required",
    ],
    [
      "both blockers, blocker order follows FLAG_ORDER",
      { skinConditions: ["other_active", "psoriasis"] },
      ["DERM_CLEARANCE_REQUIRED", "SCALP_NOT_HEALTHY", "SHAVED_LOOK_CLASSIC_CASE"],
      "clearance_required",
    ],
    ["keloid tendency", { healthScreen: ["keloid_tendency"] }, ["KELOID_TENDENCY", "SHAVED_LOOK_CLASSIC_CASE"], "consult_required"],
    ["bleeding disorder or blood thinners", { healthScreen: ["bleeding_disorder_or_anticoagulants"] }, ["BLEEDING_RISK", "SHAVED_LOOK_CLASSIC_CASE"], "consult_required"],
    ["pregnant or breastfeeding", { sex: "female", healthScreen: ["pregnant_or_breastfeeding"] }, ["PREGNANCY_OR_BREASTFEEDING", "SHAVED_LOOK_CLASSIC_CASE"], "consult_required"],
    ["pigment allergy", { healthScreen: ["pigment_allergy"] }, ["PIGMENT_ALLERGY", "SHAVED_LOOK_CLASSIC_CASE"], "consult_required"],
    ["empty health screen", { healthScreen: [] }, ["SHAVED_LOOK_CLASSIC_CASE"], "eligible"],
    [
      "consult beats conditions",
      { healthScreen: ["pigment_allergy"], chemotherapy: "current" },
      ["PIGMENT_ALLERGY", "CHEMO_FEEL_WELL", "SHAVED_LOOK_CLASSIC_CASE"],
      "consult_required",
    ],
    [
      "clearance beats consult",
      { healthScreen: ["keloid_tendency", "scalp_infection_or_wound"] },
      ["SCALP_NOT_HEALTHY", "KELOID_TENDENCY", "SHAVED_LOOK_CLASSIC_CASE"],
      "clearance_required",
    ],
    ["strip scar (NW6 with scars is an exact row)", { scars: ["strip"] }, ["SCAR_REDUCED_RESPONSE", "SHAVED_LOOK_CLASSIC_CASE"], "eligible_with_conditions"],
    ["FUE scars", { scars: ["fue"] }, ["SCAR_REDUCED_RESPONSE", "SHAVED_LOOK_CLASSIC_CASE"], "eligible_with_conditions"],
    ["burn scar", { scars: ["burn"] }, ["SCAR_REDUCED_RESPONSE", "SHAVED_LOOK_CLASSIC_CASE"], "eligible_with_conditions"],
    ["surgical or trauma scar", { scars: ["surgical_or_trauma"] }, ["SCAR_REDUCED_RESPONSE", "SHAVED_LOOK_CLASSIC_CASE"], "eligible_with_conditions"],
    ["other scar", { scars: ["other"] }, ["SCAR_REDUCED_RESPONSE", "SHAVED_LOOK_CLASSIC_CASE"], "eligible_with_conditions"],
    ["birthmark alone is not scar tissue", { scars: ["birthmark"] }, ["BIRTHMARK_CAMOUFLAGE", "SHAVED_LOOK_CLASSIC_CASE"], "eligible"],
    [
      "birthmark and a scar",
      { scars: ["birthmark", "burn"] },
      ["SCAR_REDUCED_RESPONSE", "BIRTHMARK_CAMOUFLAGE", "SHAVED_LOOK_CLASSIC_CASE"],
      "eligible_with_conditions",
    ],
    ["chemotherapy now", { chemotherapy: "current" }, ["CHEMO_FEEL_WELL", "SHAVED_LOOK_CLASSIC_CASE"], "eligible_with_conditions"],
    ["chemotherapy completed", { chemotherapy: "completed" }, ["CHEMO_COMPLETED", "SHAVED_LOOK_CLASSIC_CASE"], "eligible"],
    ["age 34, full shaved look", { age: 34 }, ["AGE_APPROPRIATE_HAIRLINE", "SHAVED_LOOK_CLASSIC_CASE"], "eligible"],
    ["age 35, full shaved look: no hairline note", { age: 35 }, ["SHAVED_LOOK_CLASSIC_CASE"], "eligible"],
    [
      "age 22, hairline on NW2: exact row",
      { age: 22, norwoodStage: "2", goal: "hairline_or_crown" },
      ["AGE_APPROPRIATE_HAIRLINE", "DENSITY_WHERE_HAIR_REMAINS"],
      "eligible",
    ],
    ["age 25, add density: no hairline note", { age: 25, goal: "add_density" }, ["PRICE_ESTIMATE", "DENSITY_WHERE_HAIR_REMAINS"], "eligible"],
    ["age 25, scar only: no hairline note", { age: 25, goal: "scar_camouflage_only", scars: ["strip"] }, ["SCAR_REDUCED_RESPONSE"], "eligible_with_conditions"],
    // The next four changed in rules 2026-12-2 (decision 021): each ended with SHAVED_LOOK_CLASSIC_CASE. The
    // classic-case reason ("works best with advanced hair loss") now needs advanced loss (Norwood 5+).
    ["Norwood 4: derived price", { norwoodStage: "4" }, ["PRICE_ESTIMATE", "SHAVED_LOOK_POSSIBLE"], "eligible"],
    ["Norwood not sure", { norwoodStage: "unknown" }, ["PRICE_ESTIMATE", "STAGE_TO_CONFIRM", "SHAVED_LOOK_POSSIBLE"], "eligible"],
    ["alopecia areata", { lossPattern: "alopecia_areata" }, ["PRICE_ESTIMATE", "ALOPECIA_GOOD_CANDIDATE", "SHAVED_LOOK_POSSIBLE"], "eligible"],
    ["alopecia totalis", { lossPattern: "alopecia_totalis" }, ["PRICE_ESTIMATE", "ALOPECIA_GOOD_CANDIDATE", "SHAVED_LOOK_POSSIBLE"], "eligible"],
    // Held cases of issue 19 (rules 2026-12-2, decision 021).
    [
      "issue 19: man of 30, no hair loss, no scars, shaved look: nothing to treat, not eligible",
      { age: 30, lossPattern: "none", goal: "full_shaved_look" },
      ["NOTHING_TO_TREAT", "AGE_APPROPRIATE_HAIRLINE", "PRICE_ESTIMATE"],
      "consult_required",
    ],
    ["no hair loss, no scars, hairline at 45", { age: 45, lossPattern: "none", goal: "hairline_or_crown" }, ["NOTHING_TO_TREAT", "PRICE_ESTIMATE"], "consult_required"],
    [
      "no hair loss but a birthmark: something to treat",
      { lossPattern: "none", goal: "scar_camouflage_only", scars: ["birthmark"] },
      ["BIRTHMARK_CAMOUFLAGE"],
      "eligible",
    ],
    [
      "no hair loss, a scar, shaved look: the scar is something to treat, not the classic case",
      { lossPattern: "none", goal: "full_shaved_look", scars: ["burn"] },
      ["SCAR_REDUCED_RESPONSE", "PRICE_ESTIMATE", "SHAVED_LOOK_POSSIBLE"],
      "eligible_with_conditions",
    ],
    [
      "issue 19: man of 28, Norwood 2, hairline: the age note, status eligible (headline: verdict tests)",
      { age: 28, norwoodStage: "2", goal: "hairline_or_crown" },
      ["AGE_APPROPRIATE_HAIRLINE", "DENSITY_WHERE_HAIR_REMAINS"],
      "eligible",
    ],
    ["Norwood 5, shaved look: advanced loss, the classic case", { norwoodStage: "5" }, ["PRICE_ESTIMATE", "SHAVED_LOOK_CLASSIC_CASE"], "eligible"],
    ["Norwood 5A, shaved look: the classic case", { norwoodStage: "5A" }, ["PRICE_ESTIMATE", "SHAVED_LOOK_CLASSIC_CASE"], "eligible"],
    ["Norwood 7, shaved look: the classic case", { norwoodStage: "7" }, ["PRICE_ESTIMATE", "SHAVED_LOOK_CLASSIC_CASE"], "eligible"],
    ["Norwood 4A, shaved look: possible, not the classic case", { norwoodStage: "4A" }, ["PRICE_ESTIMATE", "SHAVED_LOOK_POSSIBLE"], "eligible"],
    ["Norwood 3, shaved look: possible, not the classic case", { norwoodStage: "3" }, ["PRICE_ESTIMATE", "SHAVED_LOOK_POSSIBLE"], "eligible"],
    [
      "diffuse thinning, shaved look: possible, not the classic case",
      { sex: "female", lossPattern: "diffuse_thinning", ludwigStage: "III" },
      ["PRICE_ESTIMATE", "THINNING_GOOD_CANDIDATE", "SHAVED_LOOK_POSSIBLE"],
      "eligible",
    ],
    [
      "woman with diffuse thinning",
      { sex: "female", lossPattern: "diffuse_thinning", ludwigStage: "II", goal: "add_density" },
      ["PRICE_ESTIMATE", "THINNING_GOOD_CANDIDATE"],
      "eligible",
    ],
    ["scar camouflage only, no loss pattern", { lossPattern: "none", goal: "scar_camouflage_only", scars: ["surgical_or_trauma"] }, ["SCAR_REDUCED_RESPONSE"], "eligible_with_conditions"],
    [
      "everything at once: fixed order blockers, cautions, info",
      {
        age: 20,
        norwoodStage: "unknown",
        scars: ["birthmark", "strip"],
        skinConditions: ["seborrheic_dermatitis", "dry_red_or_peeling"],
        chemotherapy: "current",
        healthScreen: ["pigment_allergy", "keloid_tendency", "bleeding_disorder_or_anticoagulants", "pregnant_or_breastfeeding"],
      },
      [
        "DERM_CLEARANCE_REQUIRED",
        "SCALP_NOT_HEALTHY",
        "KELOID_TENDENCY",
        "BLEEDING_RISK",
        "PREGNANCY_OR_BREASTFEEDING",
        "PIGMENT_ALLERGY",
        "SCAR_REDUCED_RESPONSE",
        "CHEMO_FEEL_WELL",
        "AGE_APPROPRIATE_HAIRLINE",
        "PRICE_ESTIMATE",
        "STAGE_TO_CONFIRM",
        "BIRTHMARK_CAMOUFLAGE",
        // Changed in rules 2026-12-2 (decision 021): was SHAVED_LOOK_CLASSIC_CASE; a stage "not sure" is not advanced loss.
        "SHAVED_LOOK_POSSIBLE",
      ],
      "clearance_required",
    ],
  ])("%s", (_name, overrides, expectedCodes, expectedStatus) => {
    const answers = buildAnswers(overrides);
    const result = run(answers);
    expect(result.flags.map((f) => f.code)).toEqual(expectedCodes);
    expect(result.status).toBe(expectedStatus);
    expect(candidacyResultSchema.safeParse(result).success).toBe(true);
  });

  it("every flag code is raised by at least one case of some rule", () => {
    const raisedByRules = new Set(RULES.map((r) => r.flag));
    expect([...raisedByRules].sort()).toEqual([...FLAG_CODES].sort());
  });

  it("every rule has an id, a flag and a source, and ids are unique", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z0-9-]+$/);
      expect(rule.source.length).toBeGreaterThan(20);
    }
  });

  it("the psoriasis rule is one grep away and names the clinic page", () => {
    const rule = RULES.find((r) => r.source.toLowerCase().includes("psoriasis") && r.flag === "DERM_CLEARANCE_REQUIRED");
    expect(rule?.id).toBe("derm-clearance-required");
    expect(rule?.source).toContain("Clinic page");
  });

  it("matchingRules lists the rules behind the flags", () => {
    const ids = matchingRules(buildAnswers({ skinConditions: ["other_active"], healthScreen: ["scalp_infection_or_wound"] }), false).map((r) => r.id);
    expect(ids).toEqual(["scalp-not-healthy-skin", "scalp-not-healthy-infection", "shaved-look-classic-case"]);
  });
});

describe("status precedence", () => {
  it.each<[FlagCode[], CandidacyStatus]>([
    [[], "eligible"],
    [["PRICE_ESTIMATE", "ALOPECIA_GOOD_CANDIDATE"], "eligible"],
    [["SCAR_REDUCED_RESPONSE", "PRICE_ESTIMATE"], "eligible_with_conditions"],
    [["SCAR_REDUCED_RESPONSE", "KELOID_TENDENCY"], "consult_required"],
    [["KELOID_TENDENCY", "SCALP_NOT_HEALTHY", "CHEMO_FEEL_WELL"], "clearance_required"],
  ])("statusOf(%j) = %s", (flags, status) => {
    expect(statusOf(flags)).toBe(status);
  });

  it("blockers imply clearance_required and cautions are never plain eligible", () => {
    for (const code of FLAG_CODES) {
      const def = FLAG_DEFINITIONS[code];
      if (def.severity === "blocker") expect(def.status).toBe("clearance_required");
      if (def.severity === "caution") expect(def.status).not.toBe("eligible");
      if (def.severity === "info") expect(def.status).toBe("eligible");
    }
  });

  it("FLAG_ORDER lists all codes: blockers, then cautions, then info", () => {
    expect(FLAG_ORDER).toHaveLength(FLAG_CODES.length);
    const severities = FLAG_ORDER.map((c) => FLAG_DEFINITIONS[c].severity);
    expect(severities.join(",")).toMatch(/^(blocker,)*(caution,)*(info,?)*$/);
    expect(FLAG_ORDER[0]).toBe("DERM_CLEARANCE_REQUIRED");
  });
});

describe("result shape and locales", () => {
  it("has the contract's fixed parts", () => {
    const result = run(buildAnswers());
    expect(result.sessions).toEqual({ min: 1, max: 4, period: "first_year" });
    expect(result.rulesVersion).toBe(RULES_VERSION);
    // Changed from "2026-12-1": issue 19's rules (decision 021).
    expect(RULES_VERSION).toBe("2026-12-2");
    expect(result.expectations.map((e) => e.code)).toEqual([...EXPECTATION_CODES]);
    expect(result.price).toEqual({
      minUsd: 5500,
      maxUsd: 5500,
      basis: "standard_nw6",
      estimate: false,
      label: "Standard procedure (Norwood 6 benchmark)",
      tableVersion: 1,
    });
  });

  it("evaluate is an alias", () => {
    expect(evaluate).toBe(evaluateCandidacy);
  });

  it.each(LOCALES)("patient texts follow locale %s; staff texts default to English", (locale) => {
    const answers = buildAnswers({ skinConditions: ["psoriasis"], chemotherapy: "current" });
    const result = run(answers, locale);
    expect(result.flags[0]).toEqual({
      code: "DERM_CLEARANCE_REQUIRED",
      severity: "blocker",
      patientMessage: FLAG_MESSAGES[locale].DERM_CLEARANCE_REQUIRED.patient,
      staffMessage: FLAG_MESSAGES.en.DERM_CLEARANCE_REQUIRED.staff,
    });
    expect(result.expectations[0]?.patientMessage).toBe(EXPECTATION_MESSAGES[locale].SEVERAL_SESSIONS.patient);
  });

  it("Spanish is really Spanish, staff Spanish on request", () => {
    const result = evaluateCandidacy(buildAnswers({ norwoodStage: "4" }), DEFAULT_PRICE_TABLE, { locale: "es", staffLocale: "es" });
    expect(result.flags[0]?.patientMessage).toContain("estimado");
    expect(result.flags[0]?.staffMessage).toBe(FLAG_MESSAGES.es.PRICE_ESTIMATE.staff);
    expect(result.price.label).toBe("Norwood 4 (estimado a partir de la tabla de la clínica)");
    expect(result.expectations.find((e) => e.code === "BLUE_TONE_POSSIBLE")?.patientMessage).toContain("azul");
    expect(result.expectations.find((e) => e.code === "PIGMENT_IN_LYMPH_NODES")?.patientMessage).toContain("ganglios linfáticos");
  });

  it("an unsupported locale falls back to English", () => {
    const result = evaluateCandidacy(buildAnswers({ chemotherapy: "current" }), DEFAULT_PRICE_TABLE, { locale: "fr" as "en" });
    expect(result.flags[0]?.patientMessage).toBe(FLAG_MESSAGES.en.CHEMO_FEEL_WELL.patient);
  });

  it("results do not share mutable arrays between calls", () => {
    const a = run(buildAnswers({ scars: ["burn"] }));
    a.flags.push(a.flags[0]!);
    a.expectations.pop();
    const b = run(buildAnswers({ scars: ["burn"] }));
    expect(b.flags).toHaveLength(2);
    expect(b.expectations).toHaveLength(EXPECTATION_CODES.length);
  });

  it("does not mutate its input", () => {
    const answers = buildAnswers({ scars: ["strip", "birthmark"], healthScreen: ["keloid_tendency"] });
    const copy = structuredClone(answers);
    run(answers);
    expect(answers).toEqual(copy);
  });

  it("codes helper sanity: a clean NW2 hairline job has only the reason it fits", () => {
    expect(codes(buildAnswers({ norwoodStage: "2", goal: "hairline_or_crown" }))).toEqual(["DENSITY_WHERE_HAIR_REMAINS"]);
  });
});
