/**
 * The checks of lib/clinic/time.ts (and the business hours built on it) that must give the same
 * answers whatever time zone the process itself runs in. time.test.ts runs them in this process and
 * in child processes started with TZ=UTC, Asia/Kolkata and America/Los_Angeles
 * (clinic-time-child.ts), and compares: every check passes everywhere, and the sampled results are
 * identical. Seeded, so every process draws the same cases.
 */
import fc from "fast-check";

import { DEFAULT_OPENING_HOURS } from "@/lib/clinic/defaults";
import { type BusinessCalendar, businessMinutesBetween } from "@/lib/clinic/hours";
import type { OpeningHours, Weekday } from "@/lib/clinic/schemas";
import {
  addLocalDays,
  clinicMidnight,
  eachLocalDate,
  formatWallClock,
  instantAt,
  localDateOf,
  localWeekdayOf,
  weekdayOf,
} from "@/lib/clinic/time";

const LA = "America/Los_Angeles";
const MADRID = "Europe/Madrid";
const HOUR = 3_600_000;
const SEED = 20_261_101;

const iso = (ms: number) => new Date(ms).toISOString();
const z = (text: string) => Date.parse(text);

/** One expected fact: what a call must return. */
export interface ClinicTimeExample {
  name: string;
  actual: () => unknown;
  expected: unknown;
}

const open = (hours: Partial<OpeningHours>): OpeningHours => ({ ...DEFAULT_OPENING_HOURS, ...hours });
const ALL_DAY = { open: "00:00", close: "24:00" };
const EARLY_SUNDAY = { sun: { open: "01:00", close: "04:00" } };
const dayLengthHours = (date: string, timeZone: string) =>
  (clinicMidnight(addLocalDays(date, 1), timeZone).getTime() - clinicMidnight(date, timeZone).getTime()) / HOUR;
/** Business minutes of `date` alone (its neighbours closed), counted from the day before to the day after. */
const minutesOn = (date: string, timeZone: string, hours: OpeningHours) =>
  businessMinutesBetween(
    { timeZone, openingHours: hours, closedDates: [addLocalDays(date, -1), addLocalDays(date, 1)] },
    clinicMidnight(addLocalDays(date, -1), timeZone),
    clinicMidnight(addLocalDays(date, 2), timeZone),
  );

/** Every 2026 clock change of Los Angeles (8 March, 1 November) and Madrid (29 March, 25 October). */
export const DST_2026_EXAMPLES: readonly ClinicTimeExample[] = [
  // Los Angeles, Sunday 8 March: 02:00 PST -> 03:00 PDT at 10:00Z (a 23-hour day).
  { name: "LA 2026-03-08 starts at 00:00 PST", actual: () => iso(clinicMidnight("2026-03-08", LA).getTime()), expected: "2026-03-08T08:00:00.000Z" },
  { name: "LA 2026-03-08 is 23 hours long", actual: () => dayLengthHours("2026-03-08", LA), expected: 23 },
  { name: "LA 2026-03-08 01:59 PST", actual: () => iso(instantAt("2026-03-08", "01:59", LA).getTime()), expected: "2026-03-08T09:59:00.000Z" },
  { name: "LA 2026-03-08 02:00 (skipped) is the jump", actual: () => iso(instantAt("2026-03-08", "02:00", LA).getTime()), expected: "2026-03-08T10:00:00.000Z" },
  { name: "LA 2026-03-08 02:30 (skipped) is the jump", actual: () => iso(instantAt("2026-03-08", "02:30", LA).getTime()), expected: "2026-03-08T10:00:00.000Z" },
  { name: "LA 2026-03-08 03:00 PDT", actual: () => iso(instantAt("2026-03-08", "03:00", LA).getTime()), expected: "2026-03-08T10:00:00.000Z" },
  { name: "LA 2026-03-08 03:30 PDT", actual: () => iso(instantAt("2026-03-08", "03:30", LA).getTime()), expected: "2026-03-08T10:30:00.000Z" },
  { name: "LA the clock at 09:59Z and 10:00Z on 8 March", actual: () => [formatWallClock(new Date(z("2026-03-08T09:59:00Z")), LA), formatWallClock(new Date(z("2026-03-08T10:00:00Z")), LA)], expected: ["2026-03-08 01:59", "2026-03-08 03:00"] },
  { name: "LA open 01:00-04:00 on 8 March is 2 business hours", actual: () => minutesOn("2026-03-08", LA, open(EARLY_SUNDAY)), expected: 120 },
  { name: "LA open all day on 8 March is 23 business hours", actual: () => minutesOn("2026-03-08", LA, open({ sun: ALL_DAY })), expected: 23 * 60 },
  // Los Angeles, Sunday 1 November: 02:00 PDT -> 01:00 PST at 09:00Z (a 25-hour day).
  { name: "LA 2026-11-01 starts at 00:00 PDT", actual: () => iso(clinicMidnight("2026-11-01", LA).getTime()), expected: "2026-11-01T07:00:00.000Z" },
  { name: "LA 2026-11-01 is 25 hours long", actual: () => dayLengthHours("2026-11-01", LA), expected: 25 },
  { name: "LA 2026-11-01 01:00 (repeated) is the first, PDT", actual: () => iso(instantAt("2026-11-01", "01:00", LA).getTime()), expected: "2026-11-01T08:00:00.000Z" },
  { name: "LA 2026-11-01 01:30 (repeated) is the first, PDT", actual: () => iso(instantAt("2026-11-01", "01:30", LA).getTime()), expected: "2026-11-01T08:30:00.000Z" },
  { name: "LA 2026-11-01 02:00 PST", actual: () => iso(instantAt("2026-11-01", "02:00", LA).getTime()), expected: "2026-11-01T10:00:00.000Z" },
  { name: "LA the clock at 08:59Z and 09:00Z on 1 November", actual: () => [formatWallClock(new Date(z("2026-11-01T08:59:00Z")), LA), formatWallClock(new Date(z("2026-11-01T09:00:00Z")), LA)], expected: ["2026-11-01 01:59", "2026-11-01 01:00"] },
  { name: "LA open 01:00-04:00 on 1 November is 4 business hours", actual: () => minutesOn("2026-11-01", LA, open(EARLY_SUNDAY)), expected: 240 },
  { name: "LA open all day on 1 November is 25 business hours", actual: () => minutesOn("2026-11-01", LA, open({ sun: ALL_DAY })), expected: 25 * 60 },
  // Madrid, Sunday 29 March: 02:00 CET -> 03:00 CEST at 01:00Z.
  { name: "Madrid 2026-03-29 starts at 00:00 CET", actual: () => iso(clinicMidnight("2026-03-29", MADRID).getTime()), expected: "2026-03-28T23:00:00.000Z" },
  { name: "Madrid 2026-03-29 is 23 hours long", actual: () => dayLengthHours("2026-03-29", MADRID), expected: 23 },
  { name: "Madrid 2026-03-29 02:30 (skipped) is the jump", actual: () => iso(instantAt("2026-03-29", "02:30", MADRID).getTime()), expected: "2026-03-29T01:00:00.000Z" },
  { name: "Madrid 2026-03-29 03:00 CEST", actual: () => iso(instantAt("2026-03-29", "03:00", MADRID).getTime()), expected: "2026-03-29T01:00:00.000Z" },
  { name: "Madrid 2026-03-29 01:59 CET", actual: () => iso(instantAt("2026-03-29", "01:59", MADRID).getTime()), expected: "2026-03-29T00:59:00.000Z" },
  { name: "Madrid open 01:00-04:00 on 29 March is 2 business hours", actual: () => minutesOn("2026-03-29", MADRID, open(EARLY_SUNDAY)), expected: 120 },
  // Madrid, Sunday 25 October: 03:00 CEST -> 02:00 CET at 01:00Z.
  { name: "Madrid 2026-10-25 starts at 00:00 CEST", actual: () => iso(clinicMidnight("2026-10-25", MADRID).getTime()), expected: "2026-10-24T22:00:00.000Z" },
  { name: "Madrid 2026-10-25 is 25 hours long", actual: () => dayLengthHours("2026-10-25", MADRID), expected: 25 },
  { name: "Madrid 2026-10-25 02:30 (repeated) is the first, CEST", actual: () => iso(instantAt("2026-10-25", "02:30", MADRID).getTime()), expected: "2026-10-25T00:30:00.000Z" },
  { name: "Madrid 2026-10-25 03:00 CET", actual: () => iso(instantAt("2026-10-25", "03:00", MADRID).getTime()), expected: "2026-10-25T02:00:00.000Z" },
  { name: "Madrid the clock at 00:59Z and 01:00Z on 25 October", actual: () => [formatWallClock(new Date(z("2026-10-25T00:59:00Z")), MADRID), formatWallClock(new Date(z("2026-10-25T01:00:00Z")), MADRID)], expected: ["2026-10-25 02:59", "2026-10-25 02:00"] },
  { name: "Madrid open 01:00-04:00 on 25 October is 4 business hours", actual: () => minutesOn("2026-10-25", MADRID, open(EARLY_SUNDAY)), expected: 240 },
  // Walking the dates of each change: by date, the weekdays still follow one another.
  { name: "the dates around LA's spring change", actual: () => eachLocalDate("2026-03-07", "2026-03-09").map((d) => `${d} ${weekdayOf(d)}`), expected: ["2026-03-07 sat", "2026-03-08 sun", "2026-03-09 mon"] },
  { name: "the dates around Madrid's autumn change", actual: () => eachLocalDate("2026-10-24", "2026-10-26").map((d) => `${d} ${weekdayOf(d)}`), expected: ["2026-10-24 sat", "2026-10-25 sun", "2026-10-26 mon"] },
  { name: "a week of LA dates from 2026-10-29 steps through 1 November", actual: () => addLocalDays("2026-10-29", 7), expected: "2026-11-05" },
  { name: "the LA date at the end of the 25-hour day", actual: () => [localDateOf(new Date(z("2026-11-02T07:59:59.999Z")), LA), localDateOf(new Date(z("2026-11-02T08:00:00Z")), LA)], expected: ["2026-11-01", "2026-11-02"] },
  { name: "the Madrid weekday just after the spring change", actual: () => localWeekdayOf(new Date(z("2026-03-29T01:00:00Z")), MADRID), expected: "sun" },
];

// --- properties ----------------------------------------------------------------------------------

/** Zones with every kind of change: none, whole hours both hemispheres, half an hour (Lord Howe), a skipped midnight (Santiago), +05:30. */
const ZONES = ["UTC", LA, MADRID, "Asia/Kolkata", "Asia/Tokyo", "Australia/Lord_Howe", "America/Santiago", "America/New_York"] as const;
const zoneArb = fc.constantFrom(...ZONES);
const dayNumberArb = fc.integer({ min: 0, max: 3 * 366 });
const dateArb = dayNumberArb.map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const minuteArb = fc.integer({ min: 0, max: 24 * 60 });
const wallTime = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
const instantArb = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) });

/** Independent readings from Intl (not Temporal): the oracle for the local date and weekday. */
const intlDate = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(ms));
const WEEKDAY_SHORT: Record<string, Weekday> = { Mon: "mon", Tue: "tue", Wed: "wed", Thu: "thu", Fri: "fri", Sat: "sat", Sun: "sun" };
const intlWeekday = (date: string) =>
  WEEKDAY_SHORT[new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "short" }).format(new Date(`${date}T12:00:00Z`))];

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/** A property under its name, run with the shared seed: null when it holds, else fast-check's report. */
function named<Ts extends [unknown, ...unknown[]]>(name: string, property: fc.IProperty<Ts>): (numRuns: number) => string | null {
  return (numRuns) => {
    const details = fc.check(property, { seed: SEED, numRuns });
    return details.failed ? `${name}: ${fc.defaultReportMessage(details) ?? "failed"}` : null;
  };
}

const PROPERTIES: ReadonlyArray<(numRuns: number) => string | null> = [
  named(
    "localDateOf agrees with Intl's reading of the zone",
    fc.property(zoneArb, instantArb, (tz, ms) => check(localDateOf(new Date(ms), tz) === intlDate(ms, tz), `${tz} ${iso(ms)}`)),
  ),
  named(
    "addLocalDays steps dates, and back again, with the weekday following",
    fc.property(dateArb, fc.integer({ min: -400, max: 400 }), (date, n) => {
      const moved = addLocalDays(date, n);
      check(addLocalDays(moved, -n) === date, `${date} ${n}`);
      check(weekdayOf(moved) === intlWeekday(moved), `weekday of ${moved}`);
      check(weekdayOf(addLocalDays(date, 7 * n)) === weekdayOf(date), `${date} + ${n} weeks`);
    }),
  ),
  named(
    "eachLocalDate lists consecutive dates, both ends included",
    fc.property(dateArb, fc.integer({ min: -3, max: 62 }), (from, n) => {
      const dates = eachLocalDate(from, addLocalDays(from, n));
      check(dates.length === Math.max(0, n + 1), `${from} ${n}: ${dates.length}`);
      dates.forEach((d, i) => check(d === addLocalDays(from, i), `${from} #${i}`));
    }),
  ),
  named(
    "a clinic date's instants are exactly those whose local date it is",
    fc.property(zoneArb, dateArb, (tz, date) => {
      const start = clinicMidnight(date, tz).getTime();
      const next = clinicMidnight(addLocalDays(date, 1), tz).getTime();
      check(localDateOf(new Date(start), tz) === date, `${tz} ${date} start`);
      check(localDateOf(new Date(start - 1), tz) === addLocalDays(date, -1), `${tz} ${date} before`);
      check(localDateOf(new Date(next - 1), tz) === date, `${tz} ${date} end`);
      check(next - start >= 22 * HOUR && next - start <= 26 * HOUR, `${tz} ${date} length ${next - start}`);
    }),
  ),
  named(
    "instantAt is the first instant the clock reads that time or later",
    fc.property(zoneArb, dateArb, minuteArb, (tz, date, minute) => {
      const time = wallTime(minute);
      const target = time === "24:00" ? `${addLocalDays(date, 1)} 00:00` : `${date} ${time}`;
      const t = instantAt(date, time, tz).getTime();
      check(formatWallClock(new Date(t), tz) >= target, `${tz} ${target}: reads ${formatWallClock(new Date(t), tz)}`);
      check(formatWallClock(new Date(t - 1), tz) < target, `${tz} ${target}: not the first`);
    }),
  ),
  named(
    "instantAt never goes back as the wall time goes forward",
    fc.property(zoneArb, dateArb, minuteArb, minuteArb, (tz, date, a, b) => {
      const [early, late] = a <= b ? [a, b] : [b, a];
      check(instantAt(date, wallTime(early), tz) <= instantAt(date, wallTime(late), tz), `${tz} ${date} ${early} ${late}`);
    }),
  ),
  named(
    "a day open 00:00-24:00 has as many business minutes as the day is long",
    fc.property(zoneArb, dateArb, (tz, date) => {
      const hours = Object.fromEntries(Object.keys(DEFAULT_OPENING_HOURS).map((d) => [d, ALL_DAY])) as unknown as OpeningHours;
      const calendar: BusinessCalendar = { timeZone: tz, openingHours: hours, closedDates: [addLocalDays(date, 1)] };
      const minutes = businessMinutesBetween(calendar, clinicMidnight(date, tz), clinicMidnight(addLocalDays(date, 3), tz));
      check(minutes === dayLengthHours(date, tz) * 60 + dayLengthHours(addLocalDays(date, 2), tz) * 60, `${tz} ${date}: ${minutes}`);
    }),
  ),
];

/** What a process found: its own time zone's offset (proof the TZ took hold), failures, and sampled results. */
export interface ClinicTimeReport {
  processTimeZone: string;
  /** new Date("2026-01-15T12:00:00Z").getTimezoneOffset() in this process: 0 (UTC), -330 (Kolkata), 480 (Los Angeles). */
  processOffsetMinutes: number;
  failures: string[];
  samples: unknown[];
}

export function clinicTimeReport(numRuns = 150): ClinicTimeReport {
  const failures: string[] = [];
  for (const example of DST_2026_EXAMPLES) {
    const actual = example.actual();
    if (JSON.stringify(actual) !== JSON.stringify(example.expected)) {
      failures.push(`${example.name}: ${JSON.stringify(actual)} (expected ${JSON.stringify(example.expected)})`);
    }
  }
  for (const property of PROPERTIES) {
    const failure = property(numRuns);
    if (failure !== null) failures.push(failure);
  }
  const samples = fc
    .sample(fc.tuple(zoneArb, dateArb, minuteArb, instantArb), { seed: SEED, numRuns: 60 })
    .map(([tz, date, minute, ms]) => {
      const at = instantAt(date, wallTime(minute), tz);
      const calendar: BusinessCalendar = { timeZone: tz, openingHours: DEFAULT_OPENING_HOURS, closedDates: [] };
      return [
        tz,
        date,
        wallTime(minute),
        at.toISOString(),
        localDateOf(new Date(ms), tz),
        localWeekdayOf(new Date(ms), tz),
        formatWallClock(new Date(ms), tz),
        clinicMidnight(date, tz).toISOString(),
        businessMinutesBetween(calendar, new Date(Math.min(ms, at.getTime())), new Date(Math.max(ms, at.getTime()))),
      ];
    });
  return {
    processTimeZone: process.env.TZ ?? "",
    processOffsetMinutes: new Date("2026-01-15T12:00:00Z").getTimezoneOffset(),
    failures,
    samples,
  };
}
