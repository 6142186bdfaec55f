/**
 * The options of every answer, with no dependency at all: the questionnaire renders them at first
 * paint without loading zod, and lib/candidacy/answers.ts builds its schema from the same tuples.
 */

export const SEXES = ["male", "female", "other"] as const;
export const LOSS_PATTERNS = ["norwood", "diffuse_thinning", "alopecia_areata", "alopecia_totalis", "none"] as const;
export const NORWOOD_STAGES = ["1", "2", "2A", "3", "3A", "3V", "4", "4A", "5", "5A", "6", "7", "unknown"] as const;
export const LUDWIG_STAGES = ["I", "II", "III"] as const;
export const GOALS = ["scar_camouflage_only", "hairline_or_crown", "full_shaved_look", "add_density"] as const;
export const SCAR_KINDS = ["strip", "fue", "burn", "surgical_or_trauma", "birthmark", "other"] as const;
export const SKIN_CONDITIONS = ["psoriasis", "seborrheic_dermatitis", "dry_red_or_peeling", "other_active"] as const;
export const CHEMOTHERAPY = ["none", "current", "completed"] as const;
export const HEALTH_SCREEN_ITEMS = [
  "keloid_tendency",
  "bleeding_disorder_or_anticoagulants",
  "pregnant_or_breastfeeding",
  "pigment_allergy",
  "scalp_infection_or_wound",
] as const;

export type Sex = (typeof SEXES)[number];
export type LossPattern = (typeof LOSS_PATTERNS)[number];
export type NorwoodStage = (typeof NORWOOD_STAGES)[number];
export type LudwigStage = (typeof LUDWIG_STAGES)[number];
export type Goal = (typeof GOALS)[number];
export type ScarKind = (typeof SCAR_KINDS)[number];
export type SkinCondition = (typeof SKIN_CONDITIONS)[number];
export type Chemotherapy = (typeof CHEMOTHERAPY)[number];
export type HealthScreenItem = (typeof HEALTH_SCREEN_ITEMS)[number];
