/*
 * The answer options, for rendering: the same tuples as the schema, from lib/candidacy/options.ts,
 * which loads no zod (validation arrives a moment after first paint: step-validation.ts).
 */
export {
  SEXES as SEX_OPTIONS,
  LOSS_PATTERNS as LOSS_PATTERN_OPTIONS,
  NORWOOD_STAGES as NORWOOD_OPTIONS,
  LUDWIG_STAGES as LUDWIG_OPTIONS,
  GOALS as GOAL_OPTIONS,
  SCAR_KINDS as SCAR_OPTIONS,
  SKIN_CONDITIONS as SKIN_CONDITION_OPTIONS,
  CHEMOTHERAPY as CHEMOTHERAPY_OPTIONS,
  HEALTH_SCREEN_ITEMS as HEALTH_SCREEN_OPTIONS,
} from "@/lib/candidacy/options";
