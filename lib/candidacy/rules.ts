import type { CandidacyAnswers } from "@/lib/candidacy/answers";
import { FLAG_CODES, SEVERITIES, STATUSES, type CandidacyStatus, type FlagCode } from "@/lib/candidacy/result";

/**
 * The candidacy rules, one line of data each, with the fact it encodes (`source`), so
 * "where is the rule for psoriasis?" is one grep. Sources: the clinic's SMP page (each `source`
 * names its passage), the product brief, the API contract (docs/api-v1.md).
 * See docs/decisions/002-status-precedence.md for severities and status floors.
 */

/**
 * What a flag means for the status. The union makes the contract's invariants compile-time
 * facts: a blocker always means clearance_required; a caution is at least
 * eligible_with_conditions, and a caution that routes to the doctor means consult_required.
 */
export type FlagDefinition =
  | { readonly severity: "blocker"; readonly status: "clearance_required" }
  | { readonly severity: "caution"; readonly status: "consult_required" | "eligible_with_conditions" }
  | { readonly severity: "info"; readonly status: "eligible" };

export const FLAG_DEFINITIONS: Readonly<Record<FlagCode, FlagDefinition>> = {
  DERM_CLEARANCE_REQUIRED: { severity: "blocker", status: "clearance_required" },
  SCALP_NOT_HEALTHY: { severity: "blocker", status: "clearance_required" },
  // Health-screen items: severity caution (the contract's enum has no "consult"), routed to the doctor.
  KELOID_TENDENCY: { severity: "caution", status: "consult_required" },
  BLEEDING_RISK: { severity: "caution", status: "consult_required" },
  PREGNANCY_OR_BREASTFEEDING: { severity: "caution", status: "consult_required" },
  PIGMENT_ALLERGY: { severity: "caution", status: "consult_required" },
  // Nothing for SMP to treat: not a refusal, but not "eligible" either; the doctor talks it through.
  NOTHING_TO_TREAT: { severity: "caution", status: "consult_required" },
  DERM_CLEARANCE_ON_FILE: { severity: "caution", status: "eligible_with_conditions" },
  SCAR_REDUCED_RESPONSE: { severity: "caution", status: "eligible_with_conditions" },
  CHEMO_FEEL_WELL: { severity: "caution", status: "eligible_with_conditions" },
  AGE_APPROPRIATE_HAIRLINE: { severity: "info", status: "eligible" },
  PRICE_ESTIMATE: { severity: "info", status: "eligible" },
  STAGE_TO_CONFIRM: { severity: "info", status: "eligible" },
  ALOPECIA_GOOD_CANDIDATE: { severity: "info", status: "eligible" },
  THINNING_GOOD_CANDIDATE: { severity: "info", status: "eligible" },
  BIRTHMARK_CAMOUFLAGE: { severity: "info", status: "eligible" },
  CHEMO_COMPLETED: { severity: "info", status: "eligible" },
  SHAVED_LOOK_CLASSIC_CASE: { severity: "info", status: "eligible" },
  SHAVED_LOOK_POSSIBLE: { severity: "info", status: "eligible" },
  DENSITY_WHERE_HAIR_REMAINS: { severity: "info", status: "eligible" },
};

/**
 * Facts about the answers that rules can test. `featuresOf` computes them once per evaluation as
 * one bitmask, so every rule is plain data and evaluating all of them is a few bit operations.
 */
export const FEATURES = [
  "skin:psoriasis",
  "skin:seborrheic_dermatitis",
  "skin:dry_red_or_peeling",
  "skin:other_active",
  "dermatologyClearance",
  "screen:keloid_tendency",
  "screen:bleeding_disorder_or_anticoagulants",
  "screen:pregnant_or_breastfeeding",
  "screen:pigment_allergy",
  "screen:scalp_infection_or_wound",
  /** Any scar kind except a birthmark (a birthmark is not scar tissue). */
  "scars:scar_tissue",
  "scars:birthmark",
  "chemo:current",
  "chemo:completed",
  "age:under_35",
  "goal:hairline_or_crown",
  "goal:full_shaved_look",
  "goal:add_density",
  /** lossPattern norwood with stage "unknown" (or, defensively, missing). */
  "norwood:unknown",
  "pattern:diffuse_thinning",
  "pattern:alopecia_areata",
  "pattern:alopecia_totalis",
  /** Any hair loss at all: lossPattern is not "none". */
  "loss:some",
  /** Norwood 5, 5A, 6 or 7: the page's "advance balding patterns". */
  "loss:advanced",
  /** No exact price-table row applied (decided by quotePrice). */
  "price:estimate",
] as const;
export type Feature = (typeof FEATURES)[number];

export const FEATURE_BIT = Object.freeze(Object.fromEntries(FEATURES.map((f, i) => [f, 1 << i]))) as Readonly<Record<Feature, number>>;

/** A rule applies when ALL `all` features hold, at least one `any` feature holds (if given) and no `none` feature holds. */
export interface RuleCondition {
  readonly all?: readonly Feature[];
  readonly any?: readonly Feature[];
  readonly none?: readonly Feature[];
}

export interface Rule {
  /** Stable id, quoted in tests and docs. */
  readonly id: string;
  readonly flag: FlagCode;
  /** The fact this rule encodes, briefly, and where it comes from. */
  readonly source: string;
  readonly when: RuleCondition;
}

/** Every active skin condition the questionnaire lists; a dermatologist's clearance lifts the block of each. */
const ANY_SKIN_CONDITION: readonly Feature[] = ["skin:psoriasis", "skin:seborrheic_dermatitis", "skin:dry_red_or_peeling", "skin:other_active"];

/** Something SMP can work on: hair loss of any kind, a scar or a birthmark. */
const SOMETHING_TO_TREAT: readonly Feature[] = ["loss:some", "scars:scar_tissue", "scars:birthmark"];

/** The Norwood stages the page calls advanced balding (5 and beyond). */
const ADVANCED_NORWOOD_STAGES: ReadonlySet<string> = new Set(["5", "5A", "6", "7"]);

export const RULES: readonly Rule[] = [
  {
    id: "derm-clearance-required",
    flag: "DERM_CLEARANCE_REQUIRED",
    source: 'Clinic page, "Is Healthy Skin Required": active psoriasis or seborrheic dermatitis, procedure can NOT be done until a dermatologist treats it and gives clearance.',
    when: { any: ["skin:psoriasis", "skin:seborrheic_dermatitis"], none: ["dermatologyClearance"] },
  },
  {
    id: "scalp-not-healthy-skin",
    flag: "SCALP_NOT_HEALTHY",
    source: 'Clinic page, "Is Healthy Skin Required": healthy skin required; dry, red or peeling skin tolerates it badly; active disorders may worsen and limit ink absorption (risk of failure). "ANY active skin disorder" is cleared by a dermatologist, so clearance lifts this one too (decision 002).',
    when: { any: ["skin:dry_red_or_peeling", "skin:other_active"], none: ["dermatologyClearance"] },
  },
  {
    id: "derm-clearance-on-file",
    flag: "DERM_CLEARANCE_ON_FILE",
    source: 'Clinic page, "Is Healthy Skin Required": any active skin disorder can be treated once the dermatologist gives clearance; no blocker, but staff must see the written clearance (decision 002).',
    when: { any: ANY_SKIN_CONDITION, all: ["dermatologyClearance"] },
  },
  {
    id: "scalp-not-healthy-infection",
    flag: "SCALP_NOT_HEALTHY",
    source: "API contract, healthScreen: an infection or open wound is a SCALP_NOT_HEALTHY blocker (healthy skin required).",
    when: { any: ["screen:scalp_infection_or_wound"] },
  },
  {
    id: "screen-keloid",
    flag: "KELOID_TENDENCY",
    source: "Brief, beyond the source page: other clinics screen for keloid tendency; route to the doctor, never a refusal.",
    when: { any: ["screen:keloid_tendency"] },
  },
  {
    id: "screen-bleeding",
    flag: "BLEEDING_RISK",
    source: "Brief, beyond the source page: bleeding disorders or blood thinners; route to the doctor.",
    when: { any: ["screen:bleeding_disorder_or_anticoagulants"] },
  },
  {
    id: "screen-pregnancy",
    flag: "PREGNANCY_OR_BREASTFEEDING",
    source: "Brief, beyond the source page: pregnancy or breastfeeding; route to the doctor.",
    when: { any: ["screen:pregnant_or_breastfeeding"] },
  },
  {
    id: "screen-pigment-allergy",
    flag: "PIGMENT_ALLERGY",
    source: "Brief, beyond the source page: pigment allergy; route to the doctor.",
    when: { any: ["screen:pigment_allergy"] },
  },
  {
    id: "nothing-to-treat",
    flag: "NOTHING_TO_TREAT",
    source:
      'Clinic page, intro: SMP places pigment "in areas of alopecia"; "Indications": burns, scars or birthmarks. No hair loss and no scar or birthmark: nothing for SMP to treat, so not eligible; the doctor talks it through (consult, never a refusal the page does not make; decision 021).',
    when: { none: SOMETHING_TO_TREAT },
  },
  {
    id: "scar-reduced-response",
    flag: "SCAR_REDUCED_RESPONSE",
    source: 'Clinic page, "Medical Conditions": scars have a reduced response, scar tissue absorbs pigment differently. A birthmark is not scar tissue (decision 002).',
    when: { any: ["scars:scar_tissue"] },
  },
  {
    id: "birthmark",
    flag: "BIRTHMARK_CAMOUFLAGE",
    source: 'Clinic page, "Indications": patients with burns, scars or birthmarks are eligible.',
    when: { any: ["scars:birthmark"] },
  },
  {
    id: "chemo-current",
    flag: "CHEMO_FEEL_WELL",
    source: 'Clinic page, "Chemotherapy": yes, if the patient feels well enough. Caution, not an exclusion.',
    when: { any: ["chemo:current"] },
  },
  {
    id: "chemo-completed",
    flag: "CHEMO_COMPLETED",
    source: "Clinic page sets no limit after chemotherapy; info so the doctor asks about recovery (decision 002).",
    when: { any: ["chemo:completed"] },
  },
  {
    id: "age-appropriate-hairline",
    flag: "AGE_APPROPRIATE_HAIRLINE",
    source: 'Clinic page, "Common Mistakes": too-low hairlines in patients in their 20s and early 30s; design age-appropriate hairlines. Contract: age < 35 and hairline work or a full shaved look. The patient reads plainly that the hairline may sit higher than hoped, and the result does not open with "good news" (verdictOf, decision 021).',
    when: { all: ["age:under_35"], any: ["goal:hairline_or_crown", "goal:full_shaved_look"] },
  },
  {
    id: "norwood-stage-unknown",
    flag: "STAGE_TO_CONFIRM",
    source: 'Brief, beyond the source page: "not sure" must be possible; staff confirm at consultation and the quote is an estimate. Info only, status not downgraded (decision 002).',
    when: { any: ["norwood:unknown"] },
  },
  {
    id: "alopecia-good-candidate",
    flag: "ALOPECIA_GOOD_CANDIDATE",
    source: 'Clinic page, "Medical Conditions": alopecia areata or totalis patients are excellent candidates.',
    when: { any: ["pattern:alopecia_areata", "pattern:alopecia_totalis"] },
  },
  {
    id: "thinning-good-candidate",
    flag: "THINNING_GOOD_CANDIDATE",
    source: 'Clinic page, "Can Women Have SMP" and intro: thinning hair and low visual density; women respond well to pigment added to thinning hair.',
    when: { any: ["pattern:diffuse_thinning"] },
  },
  {
    id: "shaved-look-classic-case",
    flag: "SHAVED_LOOK_CLASSIC_CASE",
    source: 'Clinic page, "Indications": "best for patients with advance balding patterns who choose to shave their scalp". Only advanced loss (Norwood 5 and beyond) and a shaved look (decision 021).',
    when: { all: ["goal:full_shaved_look", "loss:advanced"] },
  },
  {
    id: "shaved-look-possible",
    flag: "SHAVED_LOOK_POSSIBLE",
    source:
      'Clinic page, intro and "Indications": SMP creates the look of a shaved scalp; any healthy scalp that needs the appearance of density; patients who want to shave their scalp. A shaved look without advanced loss: possible, without the "best case" claim (decision 021).',
    when: { all: ["goal:full_shaved_look"], any: SOMETHING_TO_TREAT, none: ["loss:advanced"] },
  },
  {
    id: "density-where-hair-remains",
    flag: "DENSITY_WHERE_HAIR_REMAINS",
    source: 'Clinic page, intro and "Indications": thinning hairlines, low visual density; for less advanced patterns SMP adds density where there is hair. Thinning and alopecia have their own notes; with no hair loss there is no thinning to soften (decision 021).',
    when: {
      all: ["loss:some"],
      any: ["goal:hairline_or_crown", "goal:add_density"],
      none: ["pattern:diffuse_thinning", "pattern:alopecia_areata", "pattern:alopecia_totalis"],
    },
  },
  {
    id: "price-estimate",
    flag: "PRICE_ESTIMATE",
    source: "Brief, gaps: no table row for this case; the range is derived from the table and marked as an estimate (decision 001).",
    when: { any: ["price:estimate"] },
  },
];

const B = FEATURE_BIT;

/** The features of one set of answers, as a bitmask. The only place that reads answer fields for rules. */
export function featuresOf(a: CandidacyAnswers, priceIsEstimate: boolean): number {
  let f = 0;
  for (const c of a.skinConditions) {
    switch (c) {
      case "psoriasis": f |= B["skin:psoriasis"]; break;
      case "seborrheic_dermatitis": f |= B["skin:seborrheic_dermatitis"]; break;
      case "dry_red_or_peeling": f |= B["skin:dry_red_or_peeling"]; break;
      case "other_active": f |= B["skin:other_active"]; break;
    }
  }
  for (const s of a.scars) f |= s === "birthmark" ? B["scars:birthmark"] : B["scars:scar_tissue"];
  if (a.healthScreen !== undefined) {
    for (const h of a.healthScreen) {
      switch (h) {
        case "keloid_tendency": f |= B["screen:keloid_tendency"]; break;
        case "bleeding_disorder_or_anticoagulants": f |= B["screen:bleeding_disorder_or_anticoagulants"]; break;
        case "pregnant_or_breastfeeding": f |= B["screen:pregnant_or_breastfeeding"]; break;
        case "pigment_allergy": f |= B["screen:pigment_allergy"]; break;
        case "scalp_infection_or_wound": f |= B["screen:scalp_infection_or_wound"]; break;
      }
    }
  }
  if (a.dermatologyClearance === true) f |= B.dermatologyClearance;
  if (a.chemotherapy === "current") f |= B["chemo:current"];
  else if (a.chemotherapy === "completed") f |= B["chemo:completed"];
  if (a.age < 35) f |= B["age:under_35"];
  if (a.goal === "hairline_or_crown") f |= B["goal:hairline_or_crown"];
  else if (a.goal === "full_shaved_look") f |= B["goal:full_shaved_look"];
  else if (a.goal === "add_density") f |= B["goal:add_density"];
  if (a.lossPattern !== "none") f |= B["loss:some"];
  switch (a.lossPattern) {
    case "norwood":
      if (a.norwoodStage === undefined || a.norwoodStage === "unknown") f |= B["norwood:unknown"];
      else if (ADVANCED_NORWOOD_STAGES.has(a.norwoodStage)) f |= B["loss:advanced"];
      break;
    case "diffuse_thinning": f |= B["pattern:diffuse_thinning"]; break;
    case "alopecia_areata": f |= B["pattern:alopecia_areata"]; break;
    case "alopecia_totalis": f |= B["pattern:alopecia_totalis"]; break;
  }
  if (priceIsEstimate) f |= B["price:estimate"];
  return f;
}

const maskOf = (features: readonly Feature[] | undefined) => (features ?? []).reduce((m, f) => m | FEATURE_BIT[f], 0);

/** A rule compiled to three masks; `ruleMatches` is the whole rule engine. */
export interface CompiledRule {
  readonly rule: Rule;
  readonly all: number;
  readonly any: number;
  readonly none: number;
}

export const COMPILED_RULES: readonly CompiledRule[] = RULES.map((rule) => ({
  rule,
  all: maskOf(rule.when.all),
  any: maskOf(rule.when.any),
  none: maskOf(rule.when.none),
}));

export function ruleMatches(r: CompiledRule, features: number): boolean {
  return (features & r.all) === r.all && (r.any === 0 || (features & r.any) !== 0) && (features & r.none) === 0;
}

/** The rules that apply to these answers, in RULES order (for tests and staff explanations). */
export function matchingRules(answers: CandidacyAnswers, priceIsEstimate: boolean): Rule[] {
  const f = featuresOf(answers, priceIsEstimate);
  return COMPILED_RULES.filter((r) => ruleMatches(r, f)).map((r) => r.rule);
}

const SEVERITY_RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<(typeof SEVERITIES)[number], number>;
export const STATUS_RANK = Object.fromEntries(STATUSES.map((s, i) => [s, i])) as Record<CandidacyStatus, number>;

/**
 * The order flags are shown in: blockers, then cautions (doctor-routed first), then info;
 * ties keep FLAG_CODES order. Deterministic by construction.
 */
export const FLAG_ORDER: readonly FlagCode[] = [...FLAG_CODES].sort((x, y) => {
  const dx = FLAG_DEFINITIONS[x];
  const dy = FLAG_DEFINITIONS[y];
  return (
    SEVERITY_RANK[dx.severity] - SEVERITY_RANK[dy.severity] ||
    STATUS_RANK[dx.status] - STATUS_RANK[dy.status] ||
    FLAG_CODES.indexOf(x) - FLAG_CODES.indexOf(y)
  );
});

/** Status precedence over a set of flags: the highest status any flag implies, else eligible. */
export function statusOf(codes: Iterable<FlagCode>): CandidacyStatus {
  let status: CandidacyStatus = "eligible";
  for (const code of codes) {
    const implied = FLAG_DEFINITIONS[code].status;
    if (STATUS_RANK[implied] < STATUS_RANK[status]) status = implied;
  }
  return status;
}
