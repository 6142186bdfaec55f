import { ANSWER_MESSAGES } from "@/lib/candidacy/answers";

/*
 * The shared schemas carry English messages (the API returns them as they are). The pages show
 * the patient's language instead: each English message is looked up by its wording in the
 * schema's own message table and replaced by the translation under the same key. A message the
 * table doesn't know falls back to a general, still-translated sentence, never to raw English.
 */

export type AnswerMessageKey = keyof typeof ANSWER_MESSAGES | "ludwigStageMissing" | "generic";

/** Finds the key of a message in a schema's message table (or accepts the key itself). */
export function keyOf<T extends Record<string, string>>(table: T, message: string | undefined): keyof T | undefined {
  if (!message) return undefined;
  if (Object.hasOwn(table, message)) return message as keyof T; // The UI's own errors use the key itself.
  return (Object.keys(table) as (keyof T)[]).find((key) => table[key] === message);
}

export function answerMessageKey(message: string | undefined): AnswerMessageKey {
  if (message === "ludwigStageMissing") return "ludwigStageMissing";
  return keyOf(ANSWER_MESSAGES, message) ?? "generic";
}
