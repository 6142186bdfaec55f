/**
 * The questionnaire's steps, in order: one home for the list that the patient's UI
 * (components/questionnaire/steps.ts) and the anonymous funnel counts (lib/reports) both use.
 */
export const STEP_IDS = ["about", "pattern", "norwood", "ludwig", "scars", "health", "goal", "review", "result"] as const;
export type StepId = (typeof STEP_IDS)[number];

export function isStepId(value: unknown): value is StepId {
  return typeof value === "string" && (STEP_IDS as readonly string[]).includes(value);
}
