import { z } from "zod";

/**
 * The clinic's usual call cadence (issue 22 item 5): when to try again after a call that did not reach
 * the patient. One step per attempt, "3h" (hours after the call) or "1d" (days later, at the same time
 * of day); the last step repeats for every later attempt. Stored as text ("3h,1d,2d") in
 * ClinicSettings.callCadence, edited by the admin on /staff/clinic. Client-safe (zod only): the
 * suggestion itself, in the clinic's time zone and opening hours, is lib/leads/call-next-try.ts.
 */

export const DEFAULT_CALL_CADENCE = "3h,1d,2d";

export const CALL_CADENCE_LIMITS = { stepsMax: 6, hoursMax: 72, daysMax: 30 } as const;

export interface CadenceStep {
  amount: number;
  unit: "h" | "d";
}

export const CALL_CADENCE_MESSAGE =
  `Write one step per attempt, separated by commas: hours ("3h", 1-${CALL_CADENCE_LIMITS.hoursMax}) or days ("1d", 1-${CALL_CADENCE_LIMITS.daysMax}), ` +
  `at most ${CALL_CADENCE_LIMITS.stepsMax} steps, e.g. "3h, 1d, 2d".`;

const STEP = /^(\d{1,3})\s*([hd])$/;

/** "3h, 1d,2D" -> the steps, or null when any step is not valid. */
export function parseCallCadence(text: string): CadenceStep[] | null {
  const parts = text
    .split(",")
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p !== "");
  if (parts.length === 0 || parts.length > CALL_CADENCE_LIMITS.stepsMax) return null;
  const steps: CadenceStep[] = [];
  for (const part of parts) {
    const match = STEP.exec(part);
    if (!match) return null;
    const amount = Number(match[1]);
    const unit = match[2] === "h" ? "h" : "d";
    const max = unit === "h" ? CALL_CADENCE_LIMITS.hoursMax : CALL_CADENCE_LIMITS.daysMax;
    if (amount < 1 || amount > max) return null;
    steps.push({ amount, unit });
  }
  return steps;
}

/** The steps written back the one way they are stored: "3h,1d,2d". */
export function formatCallCadence(steps: readonly CadenceStep[]): string {
  return steps.map((s) => `${s.amount}${s.unit}`).join(",");
}

/** "3 hours later, then the next day, then 2 days later" for the settings page. */
export function describeCallCadence(steps: readonly CadenceStep[]): string {
  const words = steps.map((s) =>
    s.unit === "h" ? `${s.amount} ${s.amount === 1 ? "hour" : "hours"} later` : s.amount === 1 ? "the next day" : `${s.amount} days later`,
  );
  return words.length === 0 ? "" : `${words[0]}${words.slice(1).map((w) => `, then ${w}`).join("")}`;
}

/** The admin's cadence text, normalised ("3h,1d,2d"). */
export const callCadenceSchema = z
  .string({ error: CALL_CADENCE_MESSAGE })
  .max(100, { error: CALL_CADENCE_MESSAGE })
  .transform((text, ctx) => {
    const steps = parseCallCadence(text);
    if (steps === null) {
      ctx.addIssue({ code: "custom", message: CALL_CADENCE_MESSAGE, input: text });
      return z.NEVER;
    }
    return formatCallCadence(steps);
  });
