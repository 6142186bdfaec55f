/**
 * Business hours of the clinic: pure, client-safe, time-zone correct (Intl) and DST-safe.
 *
 * The open interval of a local day D is [instantOf(D, open), instantOf(D, close)), where instantOf is
 * the FIRST instant at which the clinic's wall clock reads at least that time on D. So:
 * - on a spring-forward day an opening time inside the skipped hour opens when the clock jumps;
 * - on a fall-back day the repeated hour counts once per instant (a 09:00-17:00 day is 8 h of
 *   business time on every day of the year, unless the transition falls inside the opening hours,
 *   in which case the day is really 7 or 9 hours long);
 * - closed weekdays (null) and closed dates (YYYY-MM-DD, local) have no interval at all.
 * isOpenAt and businessMinutesBetween use the same intervals, so they always agree.
 */
import { minutesOfTime, type OpeningHours, type Weekday } from "@/lib/clinic/schemas";

/** The part of the clinic profile that business time depends on. */
export interface BusinessCalendar {
  timeZone: string;
  openingHours: OpeningHours;
  closedDates: readonly string[];
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Date.getUTCDay() order. */
const WEEKDAY_BY_UTC_DAY: readonly Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of `instant` in `timeZone`, as milliseconds of a UTC date with the same reading. */
export function wallClockMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  const ms = ((instant % 1000) + 1000) % 1000;
  return (
    Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0) +
    ms
  );
}

/**
 * The first instant at which the wall clock of `timeZone` reads at least `wall` (a wall-clock reading
 * as UTC milliseconds). Exact for every real time zone (at most one offset change within a day).
 */
function firstInstantAtWall(wall: number, timeZone: string): number {
  const offsets = new Set<number>();
  for (const probe of [wall - DAY_MS, wall, wall + DAY_MS]) offsets.add(wallClockMs(probe, timeZone) - probe);
  const candidates = [...offsets].map((offset) => wall - offset).sort((a, b) => a - b);
  const exact = candidates.find((c) => wallClockMs(c, timeZone) === wall);
  if (exact !== undefined) return exact;
  // The reading is skipped (spring forward): search the instant where the clock jumps past it.
  let lo = candidates.filter((c) => wallClockMs(c, timeZone) < wall).at(-1) ?? wall - DAY_MS;
  let hi = candidates.find((c) => wallClockMs(c, timeZone) > wall) ?? wall + DAY_MS;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallClockMs(mid, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** "YYYY-MM-DD" of a wall-clock reading. */
function dayKey(wall: number): string {
  return new Date(wall).toISOString().slice(0, 10);
}

/** The local date ("YYYY-MM-DD") of `instant` in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): string {
  return dayKey(wallClockMs(instant.getTime(), timeZone));
}

/** The local weekday of `instant` in `timeZone`. */
export function localWeekdayOf(instant: Date, timeZone: string): Weekday {
  return WEEKDAY_BY_UTC_DAY[new Date(wallClockMs(instant.getTime(), timeZone)).getUTCDay()] as Weekday;
}

/** The open interval [start, end) in epoch ms of the local day starting at wall-clock midnight `dayStart`, or null. */
function openIntervalOfDay(calendar: BusinessCalendar, dayStart: number, closed: ReadonlySet<string>): [number, number] | null {
  if (closed.has(dayKey(dayStart))) return null;
  const hours = calendar.openingHours[WEEKDAY_BY_UTC_DAY[new Date(dayStart).getUTCDay()] as Weekday];
  if (!hours) return null;
  const start = firstInstantAtWall(dayStart + minutesOfTime(hours.open) * MINUTE_MS, calendar.timeZone);
  const end = firstInstantAtWall(dayStart + minutesOfTime(hours.close) * MINUTE_MS, calendar.timeZone);
  return end > start ? [start, end] : null;
}

function wallMidnightOf(instant: number, timeZone: string): number {
  const wall = wallClockMs(instant, timeZone);
  return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
}

/** True when the clinic is open at `at` (its local weekday hours, not a closed date). */
export function isOpenAt(calendar: BusinessCalendar, at: Date): boolean {
  const t = at.getTime();
  const closed = new Set(calendar.closedDates);
  const day = wallMidnightOf(t, calendar.timeZone);
  // The neighbouring days too: in a zone that falls back across midnight, an instant of the
  // repeated hour belongs to the interval of the next day.
  for (const d of [day - DAY_MS, day, day + DAY_MS]) {
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
  // One day either side: see isOpenAt.
  const lastDay = wallMidnightOf(b, calendar.timeZone) + DAY_MS;
  let total = 0;
  for (let day = wallMidnightOf(a, calendar.timeZone) - DAY_MS; day <= lastDay; day += DAY_MS) {
    const interval = openIntervalOfDay(calendar, day, closed);
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
  const firstDay = wallMidnightOf(a, calendar.timeZone) - DAY_MS; // one day before: see isOpenAt
  for (let i = 0; i <= horizonDays + 1; i++) {
    const interval = openIntervalOfDay(calendar, firstDay + i * DAY_MS, closed);
    if (!interval) continue;
    const start = Math.max(interval[0], a);
    if (start >= interval[1]) continue;
    if (start + remaining <= interval[1]) return new Date(start + remaining);
    remaining -= interval[1] - start;
  }
  return null;
}
