import type {
  CandidacyAnswers,
  Chemotherapy,
  Goal,
  HealthScreenItem,
  LossPattern,
  LudwigStage,
  NorwoodStage,
  ScarKind,
  Sex,
  SkinCondition,
} from "@/lib/candidacy/answers";
import type { FlagCode, FlagSeverity } from "@/lib/candidacy/result";

/**
 * Each answer in plain words for the front desk (English; staff-facing, so worded for a phone
 * call rather than addressed to the patient). `Record<Enum, string>` makes a new option without
 * a label a compile error. Client-safe.
 */
export const SEX_LABELS: Readonly<Record<Sex, string>> = { male: "Man", female: "Woman", other: "Other / prefers not to say" };

export const LOSS_PATTERN_LABELS: Readonly<Record<LossPattern, string>> = {
  norwood: "Receding hairline and/or thinning crown (Norwood pattern)",
  diffuse_thinning: "Diffuse thinning over the top (Ludwig pattern)",
  alopecia_areata: "Round bald patches (alopecia areata)",
  alopecia_totalis: "No hair left on the scalp (alopecia totalis)",
  none: "No hair loss (e.g. scar only)",
};

export const NORWOOD_LABELS: Readonly<Record<NorwoodStage, string>> = {
  "1": "Norwood 1 (no real recession)",
  "2": "Norwood 2 (slight recession at the temples)",
  "2A": "Norwood 2A (front hairline moved back evenly)",
  "3": "Norwood 3 (deep temple recession)",
  "3A": "Norwood 3A (whole front moved back)",
  "3V": "Norwood 3 vertex (temples and crown)",
  "4": "Norwood 4 (bald crown, thin bridge)",
  "4A": "Norwood 4A (front-to-back recession)",
  "5": "Norwood 5 (crown and front almost joined)",
  "5A": "Norwood 5A (advanced front-to-back)",
  "6": "Norwood 6 (bridge gone, horseshoe remains)",
  "7": "Norwood 7 (only a narrow band at the sides and back)",
  unknown: "Not sure (confirm at the consultation)",
};

export const LUDWIG_LABELS: Readonly<Record<LudwigStage, string>> = {
  I: "Ludwig I (mild thinning at the parting)",
  II: "Ludwig II (wider parting, clearly thinner on top)",
  III: "Ludwig III (very thin on top)",
};

export const GOAL_LABELS: Readonly<Record<Goal, string>> = {
  scar_camouflage_only: "Hide a scar only",
  hairline_or_crown: "Hairline or crown",
  full_shaved_look: "Full shaved look",
  add_density: "More density behind existing hair",
};

export const SCAR_LABELS: Readonly<Record<ScarKind, string>> = {
  strip: "Strip (FUT) transplant scar",
  fue: "FUE transplant dots",
  burn: "Burn scar",
  surgical_or_trauma: "Surgical or injury scar",
  birthmark: "Birthmark",
  other: "Other scar",
};

export const SKIN_LABELS: Readonly<Record<SkinCondition, string>> = {
  psoriasis: "Psoriasis (active now)",
  seborrheic_dermatitis: "Seborrheic dermatitis (active now)",
  dry_red_or_peeling: "Dry, red or peeling scalp",
  other_active: "Another active scalp condition",
};

export const CHEMO_LABELS: Readonly<Record<Chemotherapy, string>> = {
  none: "No",
  current: "Yes, currently",
  completed: "Yes, finished",
};

export const HEALTH_SCREEN_LABELS: Readonly<Record<HealthScreenItem, string>> = {
  keloid_tendency: "Tends to form raised (keloid) scars",
  bleeding_disorder_or_anticoagulants: "Bleeding disorder or blood thinners",
  pregnant_or_breastfeeding: "Pregnant or breastfeeding",
  pigment_allergy: "Reaction to pigment or tattoo ink before",
  scalp_infection_or_wound: "Scalp infection or open wound",
};

export const SEVERITY_LABELS: Readonly<Record<FlagSeverity, string>> = {
  blocker: "Blocker",
  caution: "Caution",
  info: "Note",
};

export const PREFERRED_CONTACT_LABELS: Readonly<Record<string, string>> = { phone: "Phone call", email: "Email", sms: "Text message" };

const list = (items: readonly string[] | undefined, labels: Readonly<Record<string, string>>, none: string) =>
  items && items.length > 0 ? items.map((i) => labels[i] ?? i).join("; ") : none;

/** Every answer as [question, answer] in the questionnaire's order. */
export function answersInPlainWords(a: CandidacyAnswers): [string, string][] {
  const rows: [string, string][] = [
    ["Sex", SEX_LABELS[a.sex]],
    ["Age", `${a.age}`],
    ["Hair loss", LOSS_PATTERN_LABELS[a.lossPattern]],
  ];
  if (a.norwoodStage) rows.push(["Norwood stage", NORWOOD_LABELS[a.norwoodStage]]);
  if (a.lossPattern === "diffuse_thinning") rows.push(["Ludwig stage", a.ludwigStage ? LUDWIG_LABELS[a.ludwigStage] : "Not sure"]);
  rows.push(
    ["Goal", GOAL_LABELS[a.goal]],
    ["Scars", list(a.scars, SCAR_LABELS, "None")],
    ["Active scalp conditions", list(a.skinConditions, SKIN_LABELS, "None (healthy scalp)")],
    ["Dermatologist's written clearance", a.dermatologyClearance ? "Yes" : "No"],
    ["Chemotherapy", CHEMO_LABELS[a.chemotherapy]],
    ["Health screening", a.healthScreen === undefined ? "Not asked" : list(a.healthScreen, HEALTH_SCREEN_LABELS, "None of these")],
  );
  return rows;
}

/** Flag codes as the front desk reads them in the inbox (the code itself is shown in a tooltip). */
export const FLAG_LABELS: Readonly<Record<FlagCode, string>> = {
  DERM_CLEARANCE_REQUIRED: "Needs a dermatologist's clearance",
  SCALP_NOT_HEALTHY: "Scalp not healthy yet",
  SCAR_REDUCED_RESPONSE: "Scar may hold less pigment",
  CHEMO_FEEL_WELL: "Chemotherapy: wait until well",
  AGE_APPROPRIATE_HAIRLINE: "Age-appropriate hairline",
  PRICE_ESTIMATE: "Price is an estimate",
  DERM_CLEARANCE_ON_FILE: "Clearance on file",
  NOTHING_TO_TREAT: "Nothing to treat",
  KELOID_TENDENCY: "Keloid tendency",
  BLEEDING_RISK: "Bleeding risk",
  PREGNANCY_OR_BREASTFEEDING: "Pregnant or breastfeeding",
  PIGMENT_ALLERGY: "Reacted to pigment before",
  STAGE_TO_CONFIRM: "Stage to confirm",
  ALOPECIA_GOOD_CANDIDATE: "Alopecia: good candidate",
  THINNING_GOOD_CANDIDATE: "Thinning: good candidate",
  BIRTHMARK_CAMOUFLAGE: "Birthmark camouflage",
  CHEMO_COMPLETED: "Chemotherapy finished",
  SHAVED_LOOK_CLASSIC_CASE: "Classic shaved-look case",
  SHAVED_LOOK_POSSIBLE: "Shaved look (not advanced loss)",
  DENSITY_WHERE_HAIR_REMAINS: "Density where hair remains",
};
