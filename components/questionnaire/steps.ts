import type { CandidacyAnswersInput } from "@/lib/candidacy/answers";
import { asksForClearance } from "@/lib/candidacy/clearance";
import { asksHealthScreenItem } from "@/lib/candidacy/screening";
import { STEP_IDS, type StepId } from "@/lib/questionnaire/step-ids";

export { STEP_IDS, isStepId, type StepId } from "@/lib/questionnaire/step-ids";

/**
 * The questionnaire's steps: which questions each asks and when it applies. Validation lives in
 * step-validation.ts (loaded just after first paint); the UI adds no rule of its own, it only
 * decides which questions to ask.
 */

/** The steps that ask questions (review lists the answers, result shows the verdict). */
export type QuestionStepId = Exclude<StepId, "review" | "result">;

/**
 * The step count the patient sees never changes: the picture of the hair loss is part of the
 * hair-loss step (2 of 6), whichever pictures apply, and the review of the answers is the last.
 */
export const PROGRESS_TOTAL = 6;
const PROGRESS_NUMBER: Readonly<Record<Exclude<StepId, "result">, number>> = {
  about: 1,
  pattern: 2,
  norwood: 2,
  ludwig: 2,
  scars: 3,
  health: 4,
  goal: 5,
  review: 6,
};

/** "Step N of 6" for a step; null on the result (every step is done). */
export function progressNumber(step: StepId): number | null {
  return step === "result" ? null : PROGRESS_NUMBER[step];
}

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

/** A fresh questionnaire: nothing chosen; "none ticked" lists start empty. */
export const EMPTY_ANSWERS: Partial<AnswerFormValues> = {
  scars: [],
  skinConditions: [],
  dermatologyClearance: false,
  healthScreen: [],
};

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
export function answersCandidate(values: Partial<AnswerFormValues>): Partial<AnswerFormValues> {
  const candidate: Partial<AnswerFormValues> = {
    sex: values.sex,
    age: values.age,
    lossPattern: values.lossPattern,
    goal: values.goal,
    scars: values.scars ?? [],
    skinConditions: values.skinConditions ?? [],
    dermatologyClearance: asksForClearance(values.skinConditions) ? values.dermatologyClearance === true : false,
    chemotherapy: values.chemotherapy,
    // A screening answer that no longer applies (the sex changed after it was ticked) is not sent.
    healthScreen: (values.healthScreen ?? []).filter((item) => asksHealthScreenItem(item, values.sex)),
  };
  if (values.lossPattern === "norwood") candidate.norwoodStage = values.norwoodStage;
  if (values.lossPattern === "diffuse_thinning" && values.ludwigStage !== undefined) {
    candidate.ludwigStage = values.ludwigStage;
  }
  return candidate;
}
