import { SHOWN_ANSWER_MESSAGE_KEYS, type AnswerMessageKey } from "@/lib/candidacy/answer-messages";

export type { AnswerMessageKey };

/*
 * The shared schemas carry English messages (the API returns them as they are). The page shows
 * the patient's language instead: step-validation.ts turns each schema message into its key in
 * lib/candidacy/answer-messages.ts, and the page shows its words under the same key. An unknown
 * message becomes a general, still-translated sentence, never raw English.
 */

export function answerMessageKey(message: string | undefined): AnswerMessageKey {
  return SHOWN_ANSWER_MESSAGE_KEYS.find((key) => key === message) ?? "generic";
}

/** Finds the key of a message in a schema's message table (or accepts the key itself). */
export function keyOf<T extends Record<string, string>>(table: T, message: string | undefined): keyof T | undefined {
  if (!message) return undefined;
  if (Object.hasOwn(table, message)) return message as keyof T;
  return (Object.keys(table) as (keyof T)[]).find((key) => table[key] === message);
}
