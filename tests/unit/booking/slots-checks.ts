/**
 * Checks of lib/booking/slots.ts that must give the same answers whatever time zone the process runs
 * in: a clinic in America/Los_Angeles and one in Europe/Madrid, open every day, across every 2026
 * clock change. slots.test.ts runs them here and in child processes with TZ=UTC, Asia/Kolkata and
 * America/Los_Angeles (slots-child.ts, the harness of tests/unit/clinic/time.test.ts) and compares.
 */
import type { OpeningHours } from "@/lib/clinic/schemas";
import { freeSlots, type SlotRules } from "@/lib/booking/slots";

const DAILY = (open: string, close: string): OpeningHours => ({
  mon: { open, close },
  tue: { open, close },
  wed: { open, close },
  thu: { open, close },
  fri: { open, close },
  sat: { open, close },
  sun: { open, close },
});

export function rules(timeZone: string, hours: OpeningHours, overrides: Partial<SlotRules> = {}): SlotRules {
  return {
    timeZone,
    openingHours: hours,
    closedDates: [],
    lengthMinutes: 30,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 0,
    bookingWindowDays: 400,
    stepMinutes: 30,
    ...overrides,
  };
}

const NOW = new Date("2026-01-01T00:00:00Z");

/** Slots of one clinic date on the clinic's single calendar. */
export function slotsOf(timeZone: string, hours: OpeningHours, date: string): string[] {
  return freeSlots(rules(timeZone, hours), {
    from: date,
    to: date,
    now: NOW,
    calendars: [{ key: "clinic", weeklyHours: hours, timeOff: [] }],
    bookings: [],
  }).map((s) => s.start.toISOString());
}

export interface DstCase {
  name: string;
  timeZone: string;
  date: string;
  hours: OpeningHours;
  /** The first slot: the opening hour of that date, as a UTC instant. */
  first: string;
  count: number;
}

/** Every 2026 change of Los Angeles (8 March, 1 November) and Madrid (29 March, 25 October), the day before and the day itself. */
export const DST_CASES: readonly DstCase[] = [
  { name: "LA, the day before spring forward (PST)", timeZone: "America/Los_Angeles", date: "2026-03-07", hours: DAILY("09:00", "17:00"), first: "2026-03-07T17:00:00.000Z", count: 16 },
  { name: "LA, spring forward day (PDT)", timeZone: "America/Los_Angeles", date: "2026-03-08", hours: DAILY("09:00", "17:00"), first: "2026-03-08T16:00:00.000Z", count: 16 },
  { name: "LA, spring forward, hours across the change (00:00-06:00 is 5 h)", timeZone: "America/Los_Angeles", date: "2026-03-08", hours: DAILY("00:00", "06:00"), first: "2026-03-08T08:00:00.000Z", count: 10 },
  { name: "LA, the day before fall back (PDT)", timeZone: "America/Los_Angeles", date: "2026-10-31", hours: DAILY("09:00", "17:00"), first: "2026-10-31T16:00:00.000Z", count: 16 },
  { name: "LA, fall back day (PST)", timeZone: "America/Los_Angeles", date: "2026-11-01", hours: DAILY("09:00", "17:00"), first: "2026-11-01T17:00:00.000Z", count: 16 },
  { name: "LA, fall back, hours across the change (00:00-06:00 is 7 h)", timeZone: "America/Los_Angeles", date: "2026-11-01", hours: DAILY("00:00", "06:00"), first: "2026-11-01T07:00:00.000Z", count: 14 },
  { name: "Madrid, the day before spring forward (CET)", timeZone: "Europe/Madrid", date: "2026-03-28", hours: DAILY("09:00", "17:00"), first: "2026-03-28T08:00:00.000Z", count: 16 },
  { name: "Madrid, spring forward day (CEST)", timeZone: "Europe/Madrid", date: "2026-03-29", hours: DAILY("09:00", "17:00"), first: "2026-03-29T07:00:00.000Z", count: 16 },
  { name: "Madrid, spring forward, hours across the change (00:00-06:00 is 5 h)", timeZone: "Europe/Madrid", date: "2026-03-29", hours: DAILY("00:00", "06:00"), first: "2026-03-28T23:00:00.000Z", count: 10 },
  { name: "Madrid, the day before fall back (CEST)", timeZone: "Europe/Madrid", date: "2026-10-24", hours: DAILY("09:00", "17:00"), first: "2026-10-24T07:00:00.000Z", count: 16 },
  { name: "Madrid, fall back day (CET)", timeZone: "Europe/Madrid", date: "2026-10-25", hours: DAILY("09:00", "17:00"), first: "2026-10-25T08:00:00.000Z", count: 16 },
  { name: "Madrid, fall back, hours across the change (00:00-06:00 is 7 h)", timeZone: "Europe/Madrid", date: "2026-10-25", hours: DAILY("00:00", "06:00"), first: "2026-10-24T22:00:00.000Z", count: 14 },
  { name: "LA, the day after fall back", timeZone: "America/Los_Angeles", date: "2026-11-02", hours: DAILY("09:00", "17:00"), first: "2026-11-02T17:00:00.000Z", count: 16 },
  { name: "Madrid, the day after spring forward", timeZone: "Europe/Madrid", date: "2026-03-30", hours: DAILY("09:00", "17:00"), first: "2026-03-30T07:00:00.000Z", count: 16 },
];

export interface SlotsReport {
  processTimeZone: string | undefined;
  processOffsetMinutes: number;
  failures: string[];
  /** Every case's slots, and whole months of each clinic: compared between processes. */
  samples: Record<string, string[]>;
}

export function slotsReport(): SlotsReport {
  const failures: string[] = [];
  const samples: Record<string, string[]> = {};
  for (const c of DST_CASES) {
    const slots = slotsOf(c.timeZone, c.hours, c.date);
    samples[c.name] = slots;
    if (slots[0] !== c.first) failures.push(`${c.name}: first slot ${slots[0]}, expected ${c.first}`);
    if (slots.length !== c.count) failures.push(`${c.name}: ${slots.length} slots, expected ${c.count}`);
  }
  // Whole months around each change: 16 slots every date, none doubled or lost.
  for (const [timeZone, from, to, days] of [
    ["America/Los_Angeles", "2026-03-01", "2026-03-31", 31],
    ["America/Los_Angeles", "2026-10-15", "2026-11-15", 32],
    ["Europe/Madrid", "2026-03-15", "2026-04-14", 31],
    ["Europe/Madrid", "2026-10-10", "2026-11-09", 31],
  ] as const) {
    const hours = DAILY("09:00", "17:00");
    const slots = freeSlots(rules(timeZone, hours), { from, to, now: NOW, calendars: [{ key: "clinic", weeklyHours: hours, timeOff: [] }], bookings: [] });
    const key = `${timeZone} ${from}..${to}`;
    samples[key] = slots.map((s) => s.start.toISOString());
    if (slots.length !== days * 16) failures.push(`${key}: ${slots.length} slots, expected ${days * 16}`);
    if (new Set(samples[key]).size !== slots.length) failures.push(`${key}: a slot twice`);
    const perDate = new Map<string, number>();
    for (const s of slots) perDate.set(s.date, (perDate.get(s.date) ?? 0) + 1);
    if ([...perDate.values()].some((n) => n !== 16)) failures.push(`${key}: a date without 16 slots`);
  }
  return {
    processTimeZone: process.env.TZ,
    processOffsetMinutes: new Date("2026-01-15T12:00:00Z").getTimezoneOffset(),
    failures,
    samples,
  };
}
