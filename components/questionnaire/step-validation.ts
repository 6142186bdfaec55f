import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldError, FieldErrors, Resolver } from "react-hook-form";
import {
  ANSWER_MESSAGES,
  aboutYouSchema,
  candidacyAnswersSchema,
  candidacyAnswersShape,
  goalSchema,
  hairLossSchema,
  healthSchema,
  type CandidacyAnswers,
} from "@/lib/candidacy/answers";
import {
  STEP_FIELDS,
  answersCandidate,
  stepApplies,
  type AnswerFormValues,
  type QuestionStepId,
} from "./steps";

/*
 * Validation for the questionnaire, with the shared candidacy schema. Loaded on its own (see
 * Questionnaire.tsx) because zod and the schemas are most of the page's JavaScript and nothing
 * needs them before the first "Next".
 */

/**
 * The schema each step validates with, all derived from the one candidacy schema.
 * `trigger(STEP_FIELDS[step])` reports only the step's own fields, so a step schema may mention
 * later questions without blocking this one.
 */
const STEP_SCHEMAS = {
  about: aboutYouSchema,
  pattern: candidacyAnswersShape.pick({ lossPattern: true }),
  norwood: hairLossSchema,
  ludwig: hairLossSchema,
  scars: goalSchema,
  health: healthSchema,
  goal: goalSchema,
} as const;

const STEP_RESOLVERS = Object.fromEntries(
  // Each step schema covers a subset of the answers; RHF only reads the errors it reports.
  Object.entries(STEP_SCHEMAS).map(([step, schema]) => [step, zodResolver(schema) as unknown as Resolver<AnswerFormValues>]),
) as Record<QuestionStepId, Resolver<AnswerFormValues>>;

const MESSAGE_KEYS = new Map<string, string>(Object.entries(ANSWER_MESSAGES).map(([key, message]) => [message, key]));

/**
 * The schema's English messages become message keys (e.g. "ageUnder18"); the page shows the
 * translation under validation.answers.<key>.
 */
function withMessageKeys(errors: FieldErrors<AnswerFormValues>): FieldErrors<AnswerFormValues> {
  const keyed: Record<string, FieldError> = {};
  for (const [field, error] of Object.entries(errors)) {
    if (!error) continue;
    const message = typeof error.message === "string" ? error.message : undefined;
    keyed[field] = { type: String(error.type ?? "invalid"), message: (message && MESSAGE_KEYS.get(message)) ?? "generic" };
  }
  return keyed as FieldErrors<AnswerFormValues>;
}

export async function resolveStep(
  step: QuestionStepId,
  ...args: Parameters<Resolver<AnswerFormValues>>
): Promise<Awaited<ReturnType<Resolver<AnswerFormValues>>>> {
  const result = await STEP_RESOLVERS[step](...args);
  return { values: result.values, errors: withMessageKeys(result.errors) } as Awaited<ReturnType<Resolver<AnswerFormValues>>>;
}

/** The full answers, checked by the API's own strict schema, or the first step to fix. */
export function checkAnswers(
  values: Partial<AnswerFormValues>,
): { ok: true; answers: CandidacyAnswers } | { ok: false; firstInvalidStep: QuestionStepId } {
  const parsed = candidacyAnswersSchema.safeParse(answersCandidate(values));
  if (parsed.success) return { ok: true, answers: parsed.data };
  const invalidFields = new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "")));
  const firstInvalidStep =
    (Object.keys(STEP_FIELDS) as QuestionStepId[]).find(
      (step) => stepApplies(step, values) && STEP_FIELDS[step].some((field) => invalidFields.has(field)),
    ) ?? "about";
  return { ok: false, firstInvalidStep };
}
