import "server-only";

import type { CadenceStep } from "@/lib/clinic/call-cadence";
import { addBusinessMinutes, type BusinessCalendar } from "@/lib/clinic/hours";
import { addLocalDays, instantAt, localDateOf, wallClock } from "@/lib/clinic/time";

const HOUR_MS = 3_600_000;

/**
 * The next try the clinic's cadence suggests after call number `attempt` made at `at`: the step for
 * that attempt (the last step for every attempt beyond the list), then moved into opening hours.
 * - "Nh": N hours after the call;
 * - "Nd": N clinic dates later, at the same wall-clock time (walked by local date, so a
 *   daylight-saving change does not shift it by an hour).
 * When that instant falls outside opening hours (evening, weekend, a closed date), the next opening
 * is suggested instead. Null when the clinic has no opening hours at all within a year.
 */
export function suggestNextTry(calendar: BusinessCalendar, cadence: readonly CadenceStep[], attempt: number, at: Date): Date | null {
  const step = cadence[Math.min(Math.max(attempt, 1), cadence.length) - 1];
  if (!step) return null;
  let target: Date;
  if (step.unit === "h") {
    target = new Date(at.getTime() + step.amount * HOUR_MS);
  } else {
    const wall = wallClock(at, calendar.timeZone);
    const time = `${String(wall.getUTCHours()).padStart(2, "0")}:${String(wall.getUTCMinutes()).padStart(2, "0")}`;
    target = instantAt(addLocalDays(localDateOf(at, calendar.timeZone), step.amount), time, calendar.timeZone);
  }
  return addBusinessMinutes(calendar, target, 0, 366);
}
