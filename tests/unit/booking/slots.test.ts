import path from "node:path";

import { describe, expect, it } from "vitest";

import { freeSlots, type SlotCalendar } from "@/lib/booking/slots";
import { DEFAULT_OPENING_HOURS } from "@/lib/clinic/defaults";
import { reportUnderTz } from "@/tests/support/under-tz";

import { DST_CASES, rules, slotsOf, slotsReport, type SlotsReport } from "./slots-checks";

const CHILD = path.join(import.meta.dirname, "slots-child.ts");
const LA = "America/Los_Angeles";
const MIN = 60_000;

/** The checks in a child process whose own time zone is `tz`. */
const reportUnder = (tz: string) => reportUnderTz<SlotsReport>(CHILD, tz);

describe("slots across every 2026 clock change of Los Angeles and Madrid", () => {
  it.each(DST_CASES.map((c) => [c.name, c] as const))("%s: the first slot is the opening hour, the count is right", (_, c) => {
    const slots = slotsOf(c.timeZone, c.hours, c.date);
    expect(slots[0]).toBe(c.first);
    expect(slots).toHaveLength(c.count);
  });

  it(
    "gives identical results with TZ=UTC, Asia/Kolkata and America/Los_Angeles",
    async () => {
      const here = slotsReport();
      expect(here.failures).toEqual([]);
      const expectedOffsets = { UTC: 0, "Asia/Kolkata": -330, "America/Los_Angeles": 480 } as const;
      for (const [tz, offset] of Object.entries(expectedOffsets)) {
        // One child at a time: the machine is shared.
        const report = await reportUnder(tz);
        expect(report.processTimeZone).toBe(tz);
        expect(report.processOffsetMinutes).toBe(offset);
        expect(report.failures).toEqual([]);
        expect(report.samples).toEqual(here.samples);
      }
    },
    120_000,
  );
});

describe("slots: the rules", () => {
  // Monday 2027-01-04 08:00 PST; the placeholder clinic: Mon-Fri 09:00-17:00.
  const now = new Date("2027-01-04T16:00:00Z");
  const clinic: SlotCalendar = { key: "clinic", weeklyHours: DEFAULT_OPENING_HOURS, timeOff: [] };
  const base = rules(LA, DEFAULT_OPENING_HOURS);
  const at = (iso: string) => new Date(iso).getTime();

  it("closed weekdays and closed dates have none; notice and window cut the range", () => {
    const week = freeSlots({ ...base, closedDates: ["2027-01-06"], minNoticeMinutes: 120, bookingWindowDays: 3 }, { from: "2027-01-01", to: "2027-01-31", now, calendars: [clinic], bookings: [] });
    const dates = [...new Set(week.map((s) => s.date))];
    // Today (from 10:00, the notice), the 5th, not the closed 6th, the 7th (today + 3 days); never before today.
    expect(dates).toEqual(["2027-01-04", "2027-01-05", "2027-01-07"]);
    expect(week[0]!.start.toISOString()).toBe("2027-01-04T18:00:00.000Z");
  });

  it("a booking blocks its range and the buffers of both sides; a 45-minute type does not fit where 30 would", () => {
    const bookings = [{ calendarKey: "clinic", startsAt: at("2027-01-05T18:00:00Z"), blockedStart: at("2027-01-05T18:00:00Z"), blockedEnd: at("2027-01-05T18:30:00Z") }];
    const plain = freeSlots(base, { from: "2027-01-05", to: "2027-01-05", now, calendars: [clinic], bookings }).map((s) => s.start.toISOString());
    expect(plain).not.toContain("2027-01-05T18:00:00.000Z");
    expect(plain).toContain("2027-01-05T17:30:00.000Z");
    expect(plain).toContain("2027-01-05T18:30:00.000Z");
    const buffered = freeSlots({ ...base, bufferBeforeMinutes: 15, bufferAfterMinutes: 15 }, { from: "2027-01-05", to: "2027-01-05", now, calendars: [clinic], bookings }).map((s) => s.start.toISOString());
    expect(buffered).not.toContain("2027-01-05T17:30:00.000Z");
    expect(buffered).not.toContain("2027-01-05T18:30:00.000Z");
    expect(buffered).toContain("2027-01-05T19:00:00.000Z");
    const long = freeSlots({ ...base, lengthMinutes: 45 }, { from: "2027-01-05", to: "2027-01-05", now, calendars: [clinic], bookings }).map((s) => s.start.toISOString());
    expect(long).not.toContain("2027-01-05T17:30:00.000Z");
    // The last 45-minute slot ends by closing time (17:00 PST = 01:00Z).
    expect(long.at(-1)).toBe("2027-01-06T00:00:00.000Z");
  });

  it("picks the free consultant with the fewest consultations that date; time off and own hours count; staff may choose", () => {
    const ana: SlotCalendar = { key: "ana", weeklyHours: DEFAULT_OPENING_HOURS, timeOff: [] };
    const ben: SlotCalendar = { key: "ben", weeklyHours: { ...DEFAULT_OPENING_HOURS, tue: { open: "13:00", close: "17:00" } }, timeOff: [] };
    const bookings = [{ calendarKey: "ana", startsAt: at("2027-01-05T23:00:00Z"), blockedStart: at("2027-01-05T23:00:00Z"), blockedEnd: at("2027-01-05T23:30:00Z") }];
    const slots = freeSlots(base, { from: "2027-01-05", to: "2027-01-05", now, calendars: [ana, ben], bookings });
    const who = (iso: string) => slots.find((s) => s.start.toISOString() === iso)?.calendarKey;
    expect(who("2027-01-05T17:00:00.000Z")).toBe("ana"); // 09:00: only Ana works
    expect(who("2027-01-05T21:00:00.000Z")).toBe("ben"); // 13:00: both; Ana has one that day
    expect(who("2027-01-05T23:00:00.000Z")).toBe("ben"); // Ana is booked
    const off = freeSlots(base, { from: "2027-01-05", to: "2027-01-05", now, calendars: [{ ...ana, timeOff: [{ start: at("2027-01-05T17:00:00Z"), end: at("2027-01-05T19:00:00Z") }] }], bookings: [] });
    expect(off[0]!.start.toISOString()).toBe("2027-01-05T19:00:00.000Z");
    expect(slots.every((s, i) => i === 0 || s.start.getTime() - slots[i - 1]!.start.getTime() >= 30 * MIN)).toBe(true);
  });
});
