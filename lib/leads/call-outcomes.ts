/**
 * How a call to the patient went (issue 22 item 5): the one list, with the staff's words for each.
 * Client-safe: the inquiry page's buttons, the inbox row and the timeline read these.
 */
export const CALL_OUTCOMES = ["reached", "no_answer", "voicemail", "wrong_number", "call_later"] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const CALL_OUTCOME_LABELS: Readonly<Record<CallOutcome, string>> = {
  reached: "Reached",
  no_answer: "No answer",
  voicemail: "Left voicemail",
  wrong_number: "Wrong number",
  call_later: "Asked to call later",
};

/** After these the clinic tries again: a next try is suggested from its cadence. */
export const OUTCOMES_WITH_NEXT_TRY: readonly CallOutcome[] = ["no_answer", "voicemail", "call_later"];

export function isCallOutcome(value: unknown): value is CallOutcome {
  return typeof value === "string" && (CALL_OUTCOMES as readonly string[]).includes(value);
}

/** "1 attempt", "2 attempts". */
export function attemptsText(count: number): string {
  return `${count} ${count === 1 ? "attempt" : "attempts"}`;
}
