/**
 * Clinic time: the ONE home of the clinic's local dates, the instants they stand for, and the wall
 * clock as staff read it (decision 017). Business hours are built on it in lib/clinic/hours.ts.
 *
 * Instants are stored and passed as `Date`s; a date of the clinic's calendar is a `LocalDate`
 * ("YYYY-MM-DD", no zone); a wall-clock time is "HH:MM". Every zone conversion and every step of a
 * date goes through Temporal (temporal-polyfill), which reads the zone's rules from Intl and never
 * the process's own time zone, so results are the same whatever TZ the server runs under.
 *
 * Days are walked BY LOCAL DATE (2026-03-07 -> 2026-03-08 -> 2026-03-09), never by adding 24 hours
 * to an instant: across a daylight-saving change a day is 23 or 25 hours long.
 *
 * The rule for wall times at a clock change (instantAt, clinicMidnight, opening hours):
 * a wall time stands for the FIRST instant at which the clinic's clock reads that time or later.
 * - Repeated (the clock falls back, 01:30 happens twice): the first, earlier, occurrence.
 * - Skipped (the clock springs forward, 02:30 never happens): the instant the clock jumps
 *   (2026-03-08 02:30 in Los Angeles is 03:00 PDT, 10:00Z).
 * So instantAt never goes backwards as the wall time goes forwards (a 02:30 slot cannot start after
 * a 03:00 one), and an interval of wall times on a day is never negative.
 *
 * Server-side by intent: no client component imports this module (decision 017, bundle size).
 */
import { Temporal } from "temporal-polyfill";

import { DEFAULT_CLINIC_TIME_ZONE } from "@/lib/clinic/defaults";
import type { Weekday } from "@/lib/clinic/schemas";

/** A date of the clinic's calendar, "YYYY-MM-DD". Which instants it covers depends on a time zone. */
export type LocalDate = string;
/** A wall-clock time "HH:MM" (00:00-23:59), or "24:00": the start of the next date. */
export type WallTime = string;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WALL_TIME = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
/** Temporal's dayOfWeek (1 = Monday ... 7 = Sunday) - 1. */
const WEEKDAY_BY_ISO_INDEX: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

function plainDate(date: LocalDate): Temporal.PlainDate {
  return Temporal.PlainDate.from(date, { overflow: "reject" });
}

// --- local dates (no time zone) ------------------------------------------------------------------

/** `date` plus `days` calendar days (negative: earlier). */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  return plainDate(date).add({ days }).toString();
}

/** `date` plus whole years, the same month and day (29 February becomes 1 March). */
export function addLocalYears(date: LocalDate, years: number): LocalDate {
  const d = plainDate(date);
  return d
    .with({ day: 1 })
    .add({ years })
    .add({ days: d.day - 1 })
    .toString();
}

/** Every date from `from` to `to`, both included, in order (none when `to` is before `from`). */
export function eachLocalDate(from: LocalDate, to: LocalDate): LocalDate[] {
  const dates: LocalDate[] = [];
  const last = plainDate(to);
  for (let d = plainDate(from); Temporal.PlainDate.compare(d, last) <= 0; d = d.add({ days: 1 })) dates.push(d.toString());
  return dates;
}

/** True for a real calendar date written "YYYY-MM-DD" ("2026-02-30" is not one). */
export function isLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  try {
    plainDate(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * A date typed into a staff form or filter, which accepts what Date.parse accepts: a day past the
 * month's end rolls over ("2026-02-30" is 2026-03-02). RangeError when it is no date at all (month 13, day 32).
 */
export function rollOverLocalDate(value: string): LocalDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [Number.NaN, Number.NaN, Number.NaN];
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) throw new RangeError(`Not a date: ${value}`);
  return Temporal.PlainDate.from({ year, month, day: 1 })
    .add({ days: day - 1 })
    .toString();
}

/** The weekday of a date of the calendar. */
export function weekdayOf(date: LocalDate): Weekday {
  return WEEKDAY_BY_ISO_INDEX[plainDate(date).dayOfWeek - 1] as Weekday;
}

/** The Monday on or before `date` (weeks run Monday to Sunday). */
export function mondayOf(date: LocalDate): LocalDate {
  return plainDate(date)
    .subtract({ days: plainDate(date).dayOfWeek - 1 })
    .toString();
}

// --- the zone's offset, cached per UTC day (exports read it for every date of 100,000 rows) --------

/** Per time zone: UTC day number -> the zone's offset in ms that whole day (null: it changes that day). */
const dayOffsets = new Map<string, Map<number, number | null>>();

function exactOffsetMs(ms: number, timeZone: string): number {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).offsetNanoseconds / 1e6;
}

/**
 * Offset of `timeZone` from UTC at `ms`, in milliseconds (e.g. -28,800,000 for PST). Read once per
 * UTC day (at its start and its end; equal means no change within the day, as every real zone
 * changes at most once a day), exactly on the few days it changes.
 */
function offsetMsAt(ms: number, timeZone: string): number {
  let days = dayOffsets.get(timeZone);
  if (!days) dayOffsets.set(timeZone, (days = new Map()));
  const day = Math.floor(ms / DAY_MS);
  let offset = days.get(day);
  if (offset === undefined) {
    const start = exactOffsetMs(day * DAY_MS, timeZone);
    offset = start === exactOffsetMs((day + 1) * DAY_MS - 1, timeZone) ? start : null;
    if (days.size > 20_000) days.clear();
    days.set(day, offset);
  }
  return offset ?? exactOffsetMs(ms, timeZone);
}

/** Offset in whole minutes (the wall clock to the minute, as staff read it; -480 for PST). */
function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const ms = instant.getTime();
  return Number.isNaN(ms) ? 0 : Math.round(offsetMsAt(ms, timeZone) / MINUTE_MS);
}

// --- instants and local dates --------------------------------------------------------------------

/** The clinic's local date of `instant`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const ms = instant.getTime();
  return new Date(ms + offsetMsAt(ms, timeZone)).toISOString().slice(0, 10);
}

/** The clinic's local weekday of `instant`. */
export function localWeekdayOf(instant: Date, timeZone: string): Weekday {
  return weekdayOf(localDateOf(instant, timeZone));
}

/**
 * The instant of wall time `time` ("HH:MM", or "24:00") on `date` in `timeZone`: the first instant at
 * which the clock reads that time or later (the rule at clock changes is in this file's header).
 */
export function instantAt(date: LocalDate, time: WallTime, timeZone: string): Date {
  const key = `${timeZone} ${date} ${time}`;
  let ms = instants.get(key);
  if (ms === undefined) {
    if (instants.size > 20_000) instants.clear();
    instants.set(key, (ms = instantAtMs(date, time, timeZone)));
  }
  return new Date(ms);
}

/** "zone date time" -> epoch ms: business hours ask for the same few opening times of the same days on every inbox render. */
const instants = new Map<string, number>();

function instantAtMs(date: LocalDate, time: WallTime, timeZone: string): number {
  if (!WALL_TIME.test(time)) throw new RangeError(`Not a wall time (HH:MM or 24:00): ${time}`);
  const wall =
    time === "24:00"
      ? plainDate(date).add({ days: 1 }).toPlainDateTime()
      : plainDate(date).toPlainDateTime({ hour: Number(time.slice(0, 2)), minute: Number(time.slice(3, 5)) });
  const earlier = wall.toZonedDateTime(timeZone, { disambiguation: "earlier" });
  if (Temporal.PlainDateTime.compare(earlier.toPlainDateTime(), wall) === 0) return earlier.epochMilliseconds;
  // Skipped: "earlier" is the reading moved back by the gap, just before the change; the clock
  // first reads past `wall` at the change itself.
  const change = earlier.getTimeZoneTransition("next");
  if (!change) throw new RangeError(`No clock change after a skipped wall time in ${timeZone}`);
  return change.epochMilliseconds;
}

/** The start of a clinic date (its 00:00, or the first instant of the date when 00:00 is skipped). */
export function clinicMidnight(date: LocalDate, timeZone: string = DEFAULT_CLINIC_TIME_ZONE): Date {
  return instantAt(date, "00:00", timeZone);
}

/** Clinic dates `from` to `to` (both included) as instants [gte, lt): from's start to the start of the date after `to`. */
export function localDatesRange(from: LocalDate, to: LocalDate, timeZone: string): { gte: Date; lt: Date } {
  return { gte: clinicMidnight(from, timeZone), lt: clinicMidnight(addLocalDays(to, 1), timeZone) };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A staff filter's `from` / `to` as a half-open range [gte, lt): a date ("2026-11-01") is that clinic
 * date (a date-only `to` includes its whole day; rollOverLocalDate reads it); a full ISO date-time is
 * taken as it is (`to` exclusive).
 */
export function dateRange(from?: string, to?: string, timeZone: string = DEFAULT_CLINIC_TIME_ZONE): { gte?: Date; lt?: Date } {
  const range: { gte?: Date; lt?: Date } = {};
  if (from) range.gte = DATE_ONLY.test(from) ? clinicMidnight(rollOverLocalDate(from), timeZone) : new Date(from);
  if (to) range.lt = DATE_ONLY.test(to) ? clinicMidnight(addLocalDays(rollOverLocalDate(to), 1), timeZone) : new Date(to);
  return range;
}

/** The first day of the current calendar month to today, in the clinic's time zone ("this month"). */
export function thisMonthRange(now: Date = new Date(), timeZone: string = DEFAULT_CLINIC_TIME_ZONE): { from: LocalDate; to: LocalDate } {
  const today = plainDate(localDateOf(now, timeZone));
  return { from: today.with({ day: 1 }).toString(), to: today.toString() };
}

/** The first and last day of the previous calendar month in the clinic's time zone ("Export last month"). */
export function lastMonthRange(now: Date = new Date(), timeZone: string = DEFAULT_CLINIC_TIME_ZONE): { from: LocalDate; to: LocalDate } {
  const firstOfThisMonth = plainDate(localDateOf(now, timeZone)).with({ day: 1 });
  return { from: firstOfThisMonth.subtract({ months: 1 }).toString(), to: firstOfThisMonth.subtract({ days: 1 }).toString() };
}

// --- the wall clock as staff read it (exports, the audit log) --------------------------------------

/** The wall-clock date and time of `instant` in `timeZone`, to the minute, as a Date whose UTC fields hold them (for spreadsheets). */
export function wallClock(instant: Date, timeZone: string = DEFAULT_CLINIC_TIME_ZONE): Date {
  return new Date(instant.getTime() + zoneOffsetMinutes(instant, timeZone) * MINUTE_MS);
}

/** UTC day number -> "YYYY-MM-DD " (formatWallClock; an export formats hundreds of thousands of dates on a few hundred days). */
const dayTexts = new Map<number, string>();
/** Minute of the day -> "HH:MM". */
const MINUTE_TEXTS = Array.from({ length: 1440 }, (_, m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);
/** Day numbers of 0000-01-01 and 9999-12-31: toISOString's plain four-digit years. */
const FIRST_PLAIN_DAY = -719_528;
const LAST_PLAIN_DAY = 2_932_896;

/** "YYYY-MM-DD HH:MM" of `instant` in `timeZone` (the wall clock's ISO reading, to the minute). */
export function formatWallClock(instant: Date, timeZone: string = DEFAULT_CLINIC_TIME_ZONE): string {
  const wall = wallClock(instant, timeZone);
  const ms = wall.getTime();
  const day = Math.floor(ms / DAY_MS);
  if (!(day >= FIRST_PLAIN_DAY && day <= LAST_PLAIN_DAY)) return wall.toISOString().slice(0, 16).replace("T", " ");
  let text = dayTexts.get(day);
  if (text === undefined) {
    if (dayTexts.size > 20_000) dayTexts.clear();
    dayTexts.set(day, (text = `${wall.toISOString().slice(0, 10)} `));
  }
  return text + MINUTE_TEXTS[Math.floor((ms - day * DAY_MS) / MINUTE_MS)];
}

/** `instant` as ISO-8601 with the clinic's offset at that instant ("2026-12-08T09:00:00-08:00"): the same instant, read in the clinic's zone. */
export function isoWithOffset(instant: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone).toString({ timeZoneName: "never", smallestUnit: "second" });
}
