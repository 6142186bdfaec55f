/**
 * Business hours of the clinic: pure (no I/O), built on the clinic's dates and instants of
 * lib/clinic/time.ts, so time-zone correct and DST-safe; days are walked by local date.
 *
 * The open interval of a local day D is [instantAt(D, open), instantAt(D, close)): instantAt is the
 * FIRST instant at which the clinic's wall clock reads at least that time on D. So:
 * - on a spring-forward day an opening time inside the skipped hour opens when the clock jumps;
 * - on a fall-back day the repeated hour counts once per instant (a 09:00-17:00 day is 8 h of
 *   business time on every day of the year, unless the transition falls inside the opening hours,
 *   in which case the day is really 7 or 9 hours long);
 * - closed weekdays (null) and closed dates (YYYY-MM-DD, local) have no interval at all.
 * isOpenAt and businessMinutesBetween use the same intervals, so they always agree.
 */
import type { OpeningHours } from "@/lib/clinic/schemas";
import { addLocalDays, eachLocalDate, instantAt, type LocalDate, localDateOf, weekdayOf } from "@/lib/clinic/time";

/** The part of the clinic profile that business time depends on. */
export interface BusinessCalendar {
  timeZone: string;
  openingHours: OpeningHours;
  closedDates: readonly string[];
}

const MINUTE_MS = 60_000;

/** The open interval [start, end) in epoch ms of the clinic date `date`, or null (closed). */
function openIntervalOfDay(calendar: BusinessCalendar, date: LocalDate, closed: ReadonlySet<string>): [number, number] | null {
  if (closed.has(date)) return null;
  const hours = calendar.openingHours[weekdayOf(date)];
  if (!hours) return null;
  const start = instantAt(date, hours.open, calendar.timeZone).getTime();
  const end = instantAt(date, hours.close, calendar.timeZone).getTime();
  return end > start ? [start, end] : null;
}

/** True when the clinic is open at `at` (its local weekday hours, not a closed date). */
export function isOpenAt(calendar: BusinessCalendar, at: Date): boolean {
  const t = at.getTime();
  const closed = new Set(calendar.closedDates);
  const day = localDateOf(at, calendar.timeZone);
  // The neighbouring dates too: in a zone that falls back across midnight, an instant of the
  // repeated hour belongs to the interval of the next date.
  for (const d of [addLocalDays(day, -1), day, addLocalDays(day, 1)]) {
    const interval = openIntervalOfDay(calendar, d, closed);
    if (interval !== null && t >= interval[0] && t < interval[1]) return true;
  }
  return false;
}

/**
 * Business time between `from` and `to` in whole milliseconds: the length of [from, to) that falls
 * inside opening hours. 0 when `to` is not after `from`. Additive: ms(a, c) = ms(a, b) + ms(b, c).
 */
export function businessMillisecondsBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (!(b > a)) return 0;
  const closed = new Set(calendar.closedDates);
  // One date either side: see isOpenAt.
  const dates = eachLocalDate(addLocalDays(localDateOf(from, calendar.timeZone), -1), addLocalDays(localDateOf(to, calendar.timeZone), 1));
  let total = 0;
  for (const date of dates) {
    const interval = openIntervalOfDay(calendar, date, closed);
    if (!interval) continue;
    const overlap = Math.min(interval[1], b) - Math.max(interval[0], a);
    if (overlap > 0) total += overlap;
  }
  return total;
}

/** Business minutes between `from` and `to` (fractional; 0 when `to` is not after `from`). */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  return businessMillisecondsBetween(calendar, from, to) / MINUTE_MS;
}

/**
 * The instant at which `minutes` business minutes have passed since `from` (e.g. when a new inquiry
 * becomes due for its reply target): the inverse of businessMinutesBetween. With minutes <= 0 it is
 * `from` inside opening hours, else the next opening. Looks at most `horizonDays` ahead (default
 * 400); null when the clinic is never open in that time.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, from: Date, minutes: number, horizonDays = 400): Date | null {
  let remaining = Math.max(0, minutes) * MINUTE_MS;
  const a = from.getTime();
  const closed = new Set(calendar.closedDates);
  let date = addLocalDays(localDateOf(from, calendar.timeZone), -1); // one date before: see isOpenAt
  for (let i = 0; i <= horizonDays + 1; i++, date = addLocalDays(date, 1)) {
    const interval = openIntervalOfDay(calendar, date, closed);
    if (!interval) continue;
    const start = Math.max(interval[0], a);
    if (start >= interval[1]) continue;
    if (start + remaining <= interval[1]) return new Date(start + remaining);
    remaining -= interval[1] - start;
  }
  return null;
}
