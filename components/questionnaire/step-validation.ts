import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldError, FieldErrors, Resolver } from "react-hook-form";
import { z } from "zod";
import { ANSWER_MESSAGES } from "@/lib/candidacy/answer-messages";
import { answersSubsetSchema, candidacyAnswersSchema, type CandidacyAnswers } from "@/lib/candidacy/answers";
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

// The page's Content-Security-Policy forbids eval: zod must not even try it (a console issue).
z.config({ jitless: true });

/**
 * The schema each step validates with, derived from the one candidacy schema for the step's own
 * questions (STEP_FIELDS). `trigger(STEP_FIELDS[step])` reports only the step's own fields, so a
 * step schema may also read an earlier answer (a stage reads the pattern) without blocking on it.
 */
const STEP_RESOLVERS = Object.fromEntries(
  // Each step schema covers a subset of the answers; RHF only reads the errors it reports.
  (Object.keys(STEP_FIELDS) as QuestionStepId[]).map((step) => [
    step,
    zodResolver(answersSubsetSchema(STEP_FIELDS[step])) as unknown as Resolver<AnswerFormValues>,
  ]),
) as Record<QuestionStepId, Resolver<AnswerFormValues>>;

const MESSAGE_KEYS = new Map<string, string>(Object.entries(ANSWER_MESSAGES).map(([key, message]) => [message, key]));

/**
 * The schema's English messages become message keys (e.g. "ageUnder18"); the page shows its own
 * words under validation.answers.<key>.
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
