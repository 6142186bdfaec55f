import {
  aboutYouSchema,
  candidacyAnswersSchema,
  candidacyAnswersShape,
  goalSchema,
  hairLossSchema,
  healthSchema,
  type CandidacyAnswers,
  type CandidacyAnswersInput,
} from "@/lib/candidacy/answers";

/**
 * The questionnaire's steps. Every schema here is derived from the one candidacy schema in
 * lib/candidacy; the UI adds no rule of its own, it only decides which questions to ask.
 */

export const STEP_IDS = ["about", "pattern", "norwood", "ludwig", "scars", "health", "goal", "result"] as const;
export type StepId = (typeof STEP_IDS)[number];
export type QuestionStepId = Exclude<StepId, "result">;

/** The form holds the answers being given; untouched questions are simply undefined. */
export type AnswerFormValues = CandidacyAnswersInput;
export type AnswerField = keyof AnswerFormValues;

export const STEP_FIELDS: Readonly<Record<QuestionStepId, readonly AnswerField[]>> = {
  about: ["sex", "age"],
  pattern: ["lossPattern"],
  norwood: ["norwoodStage"],
  ludwig: ["ludwigStage"],
  scars: ["scars"],
  health: ["skinConditions", "dermatologyClearance", "chemotherapy", "healthScreen"],
  goal: ["goal"],
};

/**
 * The schema each step validates with. `trigger(STEP_FIELDS[step])` only reports the step's own
 * fields, so a step schema may mention later questions without blocking this one.
 */
export const STEP_SCHEMAS = {
  about: aboutYouSchema,
  pattern: candidacyAnswersShape.pick({ lossPattern: true }),
  norwood: hairLossSchema,
  ludwig: hairLossSchema,
  scars: goalSchema,
  health: healthSchema,
  goal: goalSchema,
} as const;

/** A fresh questionnaire: nothing chosen; "none ticked" lists start empty. */
export const EMPTY_ANSWERS: Partial<AnswerFormValues> = {
  scars: [],
  skinConditions: [],
  dermatologyClearance: false,
  healthScreen: [],
};

/** Skin conditions that only a dermatologist can clear; the clearance question follows them. */
const CLEARANCE_CONDITIONS = new Set<string>(["psoriasis", "seborrheic_dermatitis"]);

export function asksForClearance(skinConditions: readonly string[] | undefined): boolean {
  return (skinConditions ?? []).some((condition) => CLEARANCE_CONDITIONS.has(condition));
}

export function stepApplies(step: StepId, values: Partial<AnswerFormValues>): boolean {
  if (step === "norwood") return values.lossPattern === "norwood";
  if (step === "ludwig") return values.lossPattern === "diffuse_thinning";
  return true;
}

export function applicableSteps(values: Partial<AnswerFormValues>): StepId[] {
  return STEP_IDS.filter((step) => stepApplies(step, values));
}

/**
 * The answers as the API wants them: questions that no longer apply (after the patient changed
 * an earlier answer) are dropped rather than sent stale. The schema then has the last word.
 */
export function toCandidacyAnswers(
  values: Partial<AnswerFormValues>,
): { ok: true; answers: CandidacyAnswers } | { ok: false; firstInvalidStep: QuestionStepId } {
  const candidate: Partial<AnswerFormValues> = {
    sex: values.sex,
    age: values.age,
    lossPattern: values.lossPattern,
    goal: values.goal,
    scars: values.scars ?? [],
    skinConditions: values.skinConditions ?? [],
    dermatologyClearance: asksForClearance(values.skinConditions) ? values.dermatologyClearance === true : false,
    chemotherapy: values.chemotherapy,
    healthScreen: values.healthScreen ?? [],
  };
  if (values.lossPattern === "norwood") candidate.norwoodStage = values.norwoodStage;
  if (values.lossPattern === "diffuse_thinning" && values.ludwigStage !== undefined) {
    candidate.ludwigStage = values.ludwigStage;
  }
  const parsed = candidacyAnswersSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, answers: parsed.data };
  const invalidFields = new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "")));
  const firstInvalidStep =
    (Object.keys(STEP_FIELDS) as QuestionStepId[]).find(
      (step) => stepApplies(step, values) && STEP_FIELDS[step].some((field) => invalidFields.has(field)),
    ) ?? "about";
  return { ok: false, firstInvalidStep };
}
