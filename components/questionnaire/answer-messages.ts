/*
 * The shared schemas carry English messages (the API returns them as they are). The page shows
 * the patient's language instead: step-validation.ts turns each schema message into its key in
 * lib/candidacy's ANSWER_MESSAGES, and the page shows the translation under the same key. An
 * unknown message becomes a general, still-translated sentence, never raw English.
 */

const ANSWER_MESSAGE_KEYS = [
  "choose",
  "chooseListed",
  "yesNo",
  "ageMissing",
  "ageNotNumber",
  "ageNotWhole",
  "ageUnder18",
  "ageOver100",
  "duplicate",
  "norwoodStageMissing",
  "ludwigStageMissing",
  "norwoodStageForbidden",
  "ludwigStageForbidden",
  "unknownField",
  "generic",
] as const;
export type AnswerMessageKey = (typeof ANSWER_MESSAGE_KEYS)[number];

export function answerMessageKey(message: string | undefined): AnswerMessageKey {
  return ANSWER_MESSAGE_KEYS.find((key) => key === message) ?? "generic";
}

/** Finds the key of a message in a schema's message table (or accepts the key itself). */
export function keyOf<T extends Record<string, string>>(table: T, message: string | undefined): keyof T | undefined {
  if (!message) return undefined;
  if (Object.hasOwn(table, message)) return message as keyof T;
  return (Object.keys(table) as (keyof T)[]).find((key) => table[key] === message);
}
