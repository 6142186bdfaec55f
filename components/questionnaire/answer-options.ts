import type {
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

/*
 * The answer options, for rendering. lib/candidacy/answers.ts is the source of truth, but
 * importing its tuples would also load zod and every schema at first paint (about 30 KB
 * gzipped); validation is loaded a moment later instead (step-validation.ts). These copies
 * cannot drift: `exactly` fails to compile unless a list holds every option of the shared type,
 * and nothing else.
 */
type Exactly<T extends string, L extends readonly T[]> = [T] extends [L[number]] ? L : never;
const exactly =
  <T extends string>() =>
  <const L extends readonly T[]>(list: Exactly<T, L>) =>
    list;

export const SEX_OPTIONS = exactly<Sex>()(["male", "female", "other"]);
export const LOSS_PATTERN_OPTIONS = exactly<LossPattern>()([
  "norwood",
  "diffuse_thinning",
  "alopecia_areata",
  "alopecia_totalis",
  "none",
]);
export const NORWOOD_OPTIONS = exactly<NorwoodStage>()([
  "1", "2", "2A", "3", "3A", "3V", "4", "4A", "5", "5A", "6", "7", "unknown",
]);
export const LUDWIG_OPTIONS = exactly<LudwigStage>()(["I", "II", "III"]);
export const GOAL_OPTIONS = exactly<Goal>()(["scar_camouflage_only", "hairline_or_crown", "full_shaved_look", "add_density"]);
export const SCAR_OPTIONS = exactly<ScarKind>()(["strip", "fue", "burn", "surgical_or_trauma", "birthmark", "other"]);
export const SKIN_CONDITION_OPTIONS = exactly<SkinCondition>()([
  "psoriasis",
  "seborrheic_dermatitis",
  "dry_red_or_peeling",
  "other_active",
]);
export const CHEMOTHERAPY_OPTIONS = exactly<Chemotherapy>()(["none", "current", "completed"]);
export const HEALTH_SCREEN_OPTIONS = exactly<HealthScreenItem>()([
  "keloid_tendency",
  "bleeding_disorder_or_anticoagulants",
  "pregnant_or_breastfeeding",
  "pigment_allergy",
  "scalp_infection_or_wound",
]);
