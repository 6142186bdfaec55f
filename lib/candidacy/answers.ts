import { z } from "zod";
import {
  SEXES,
  LOSS_PATTERNS,
  NORWOOD_STAGES,
  LUDWIG_STAGES,
  GOALS,
  SCAR_KINDS,
  SKIN_CONDITIONS,
  CHEMOTHERAPY,
  HEALTH_SCREEN_ITEMS,
  type LossPattern,
  type LudwigStage,
  type NorwoodStage,
} from "@/lib/candidacy/options";
import { ANSWER_MESSAGES } from "@/lib/candidacy/answer-messages";

/**
 * `CandidacyAnswers`, exactly as docs/api-v1.md defines it. This schema is the one source of truth:
 * the API, the questionnaire steps and the seed script all derive from it.
 */

export {
  SEXES,
  LOSS_PATTERNS,
  NORWOOD_STAGES,
  LUDWIG_STAGES,
  GOALS,
  SCAR_KINDS,
  SKIN_CONDITIONS,
  CHEMOTHERAPY,
  HEALTH_SCREEN_ITEMS,
  type Sex,
  type LossPattern,
  type NorwoodStage,
  type LudwigStage,
  type Goal,
  type ScarKind,
  type SkinCondition,
  type Chemotherapy,
  type HealthScreenItem,
} from "@/lib/candidacy/options";

const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: ANSWER_MESSAGES.choose });

/**
 * A multi-choice answer: each option at most once. The duplicate is reported at its index
 * (e.g. ["scars", 1]) so the error stays attached to the field.
 */
const multiChoice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.enum(values, { error: ANSWER_MESSAGES.chooseListed }), { error: ANSWER_MESSAGES.chooseListed })
    .superRefine((items, ctx) => {
      for (let i = 1; i < items.length; i++) {
        if (items.indexOf(items[i] as T[number]) < i) {
          ctx.addIssue({ code: "custom", message: ANSWER_MESSAGES.duplicate, path: [i], input: items[i] });
        }
      }
    });

const ageSchema = z
  .number({
    error: (issue) => (issue.input === undefined ? ANSWER_MESSAGES.ageMissing : ANSWER_MESSAGES.ageNotNumber),
  })
  .int({ error: ANSWER_MESSAGES.ageNotWhole })
  .min(18, { error: ANSWER_MESSAGES.ageUnder18 })
  .max(100, { error: ANSWER_MESSAGES.ageOver100 });

/**
 * The field rules without the cross-field ones. Kept separate because zod refuses `.pick()` on an
 * object that carries refinements; field-level checks (age range, duplicates) live on the fields
 * themselves and so survive `.pick()`.
 */
export const candidacyAnswersShape = z.strictObject(
  {
    sex: choice(SEXES),
    age: ageSchema,
    lossPattern: choice(LOSS_PATTERNS),
    norwoodStage: choice(NORWOOD_STAGES).optional(),
    ludwigStage: choice(LUDWIG_STAGES).optional(),
    goal: choice(GOALS),
    scars: multiChoice(SCAR_KINDS),
    skinConditions: multiChoice(SKIN_CONDITIONS),
    dermatologyClearance: z.boolean({ error: ANSWER_MESSAGES.yesNo }),
    chemotherapy: choice(CHEMOTHERAPY),
    healthScreen: multiChoice(HEALTH_SCREEN_ITEMS).optional(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? ANSWER_MESSAGES.unknownField
        : issue.code === "invalid_type"
          ? ANSWER_MESSAGES.notAnObject
          : undefined,
  },
);

type HairLossFields = { lossPattern: LossPattern; norwoodStage?: NorwoodStage | undefined; ludwigStage?: LudwigStage | undefined };

/** Cross-field rules of the hair-loss question; each issue names the field it belongs to. */
export function refineHairLoss(value: HairLossFields, ctx: Pick<z.RefinementCtx, "addIssue">): void {
  if (value.lossPattern === "norwood") {
    if (value.norwoodStage === undefined) {
      ctx.addIssue({ code: "custom", message: ANSWER_MESSAGES.norwoodStageMissing, path: ["norwoodStage"], input: value.norwoodStage });
    }
  } else if (value.norwoodStage !== undefined) {
    ctx.addIssue({ code: "custom", message: ANSWER_MESSAGES.norwoodStageForbidden, path: ["norwoodStage"], input: value.norwoodStage });
  }
  if (value.ludwigStage !== undefined && value.lossPattern !== "diffuse_thinning") {
    ctx.addIssue({ code: "custom", message: ANSWER_MESSAGES.ludwigStageForbidden, path: ["ludwigStage"], input: value.ludwigStage });
  }
}

/** All cross-field rules of the answers (today only the hair-loss ones). */
export function refineCandidacyAnswers(
  value: z.infer<typeof candidacyAnswersShape>,
  ctx: z.RefinementCtx<z.infer<typeof candidacyAnswersShape>>,
): void {
  refineHairLoss(value, ctx);
}

/** The full, strict schema: unknown fields are rejected, conditional stages enforced. */
export const candidacyAnswersSchema = candidacyAnswersShape.superRefine(refineCandidacyAnswers);

export type CandidacyAnswers = z.infer<typeof candidacyAnswersSchema>;
/** What a client may send (identical to the output today: no transforms). */
export type CandidacyAnswersInput = z.input<typeof candidacyAnswersSchema>;

/** The answers the hair-loss rule (refineHairLoss) reads together. */
const HAIR_LOSS_FIELDS = ["lossPattern", "norwoodStage", "ludwigStage"] as const satisfies readonly (keyof CandidacyAnswers)[];

/**
 * The schema of some of the answers (one questionnaire step's), derived from the full schema: the
 * same rule for each field, and the hair-loss rule whenever a stage is among them (with the pattern
 * it depends on). NOT strict: a step form validates the whole form state and must ignore the other
 * steps' fields. Which answers each step asks is the questionnaire's one grouping
 * (STEP_FIELDS, components/questionnaire/steps.ts). The API always uses the strict candidacyAnswersSchema.
 */
export function answersSubsetSchema(fields: readonly (keyof CandidacyAnswers)[]) {
  const asksStage = fields.some((field) => field === "norwoodStage" || field === "ludwigStage");
  const keys = new Set<keyof CandidacyAnswers>(asksStage ? [...fields, ...HAIR_LOSS_FIELDS] : fields);
  const mask = Object.fromEntries([...keys].map((key) => [key, true])) as Partial<Record<keyof CandidacyAnswers, true>>;
  const schema = z.object(candidacyAnswersShape.pick(mask).shape);
  return asksStage ? schema.superRefine((value, ctx) => refineHairLoss(value as HairLossFields, ctx)) : schema;
}
