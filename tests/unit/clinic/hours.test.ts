import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { DEFAULT_OPENING_HOURS, PLACEHOLDER_CLINIC_PROFILE } from "@/lib/clinic/defaults";
import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessMillisecondsBetween,
  businessMinutesBetween,
  isOpenAt,
} from "@/lib/clinic/hours";
import { type OpeningHours, WEEKDAYS } from "@/lib/clinic/schemas";
import { localDateOf, localWeekdayOf } from "@/lib/clinic/time";

const LA: BusinessCalendar = {
  timeZone: "America/Los_Angeles",
  openingHours: DEFAULT_OPENING_HOURS,
  closedDates: [],
};
const at = (iso: string) => new Date(iso);

describe("isOpenAt", () => {
  it("follows the clinic's local hours, not UTC", () => {
    // Tue 2026-12-01 09:00 PST = 17:00Z
    expect(isOpenAt(LA, at("2026-12-01T17:00:00Z"))).toBe(true);
    expect(isOpenAt(LA, at("2026-12-01T16:59:59.999Z"))).toBe(false);
    // 17:00 PST (01:00Z next day) is closing time: closed; 16:59 open.
    expect(isOpenAt(LA, at("2026-12-02T00:59:00Z"))).toBe(true);
    expect(isOpenAt(LA, at("2026-12-02T01:00:00Z"))).toBe(false);
    // In Madrid the same instant (18:00 CET) is after closing.
    expect(isOpenAt({ ...LA, timeZone: "Europe/Madrid" }, at("2026-12-01T17:00:00Z"))).toBe(false);
    expect(isOpenAt({ ...LA, timeZone: "Europe/Madrid" }, at("2026-12-01T08:00:00Z"))).toBe(true);
  });

  it("is closed at the weekend and on closed dates", () => {
    expect(isOpenAt(LA, at("2026-12-05T18:00:00Z"))).toBe(false); // Saturday 10:00
    expect(isOpenAt(LA, at("2026-12-06T18:00:00Z"))).toBe(false); // Sunday 10:00
    const christmas = { ...LA, closedDates: ["2026-12-25"] };
    expect(isOpenAt(LA, at("2026-12-25T18:00:00Z"))).toBe(true); // Friday
    expect(isOpenAt(christmas, at("2026-12-25T18:00:00Z"))).toBe(false);
    expect(isOpenAt(christmas, at("2026-12-24T18:00:00Z"))).toBe(true);
  });

  it("handles the local date around UTC midnight", () => {
    // Fri 2026-12-04 16:30 PST is Sat 00:30Z: a Friday in the clinic.
    expect(localWeekdayOf(at("2026-12-05T00:30:00Z"), "America/Los_Angeles")).toBe("fri");
    expect(localDateOf(at("2026-12-05T00:30:00Z"), "America/Los_Angeles")).toBe("2026-12-04");
    expect(isOpenAt(LA, at("2026-12-05T00:30:00Z"))).toBe(true);
    expect(isOpenAt({ ...LA, closedDates: ["2026-12-04"] }, at("2026-12-05T00:30:00Z"))).toBe(false);
  });

  it("opens when the clock jumps on a spring-forward day whose opening time is skipped", () => {
    // 2026-03-08 (Sunday) 02:00 PST -> 03:00 PDT at 10:00Z; open 02:30-04:00 that day.
    const hours: OpeningHours = { ...DEFAULT_OPENING_HOURS, sun: { open: "02:30", close: "04:00" } };
    const cal = { ...LA, openingHours: hours };
    expect(isOpenAt(cal, at("2026-03-08T09:59:59Z"))).toBe(false); // 01:59:59 PST
    expect(isOpenAt(cal, at("2026-03-08T10:00:00Z"))).toBe(true); // 03:00 PDT
    expect(isOpenAt(cal, at("2026-03-08T11:00:00Z"))).toBe(false); // 04:00 PDT
    expect(businessMinutesBetween(cal, at("2026-03-08T00:00:00Z"), at("2026-03-09T00:00:00Z"))).toBe(60);
  });
});

describe("businessMinutesBetween", () => {
  it("counts only opening hours, across the weekend", () => {
    // Fri 16:00 PST -> Mon 10:00 PST: 60 + 60 minutes.
    expect(businessMinutesBetween(LA, at("2026-12-05T00:00:00Z"), at("2026-12-07T18:00:00Z"))).toBe(120);
    // A whole working week.
    expect(businessMinutesBetween(LA, at("2026-11-30T08:00:00Z"), at("2026-12-07T08:00:00Z"))).toBe(5 * 480);
  });

  it("is 0 when to is not after from, or overnight", () => {
    expect(businessMinutesBetween(LA, at("2026-12-01T18:00:00Z"), at("2026-12-01T18:00:00Z"))).toBe(0);
    expect(businessMinutesBetween(LA, at("2026-12-01T19:00:00Z"), at("2026-12-01T18:00:00Z"))).toBe(0);
    expect(businessMinutesBetween(LA, at("2026-12-02T02:00:00Z"), at("2026-12-02T16:00:00Z"))).toBe(0);
  });

  it("skips closed dates", () => {
    const cal = { ...LA, closedDates: ["2026-12-25"] };
    // Thu 24th 16:00 -> Mon 28th 10:00 PST: 60 (Thu) + 0 (Christmas) + 60 (Mon).
    expect(businessMinutesBetween(cal, at("2026-12-25T00:00:00Z"), at("2026-12-28T18:00:00Z"))).toBe(120);
    expect(businessMinutesBetween(LA, at("2026-12-25T00:00:00Z"), at("2026-12-28T18:00:00Z"))).toBe(120 + 480);
  });

  it("is DST-safe: a 09:00-17:00 day is 8 hours on both sides of each change", () => {
    // Spring forward Sun 2026-03-08, fall back Sun 2026-11-01; Fri before -> Mon after.
    expect(businessMinutesBetween(LA, at("2026-03-06T17:00:00Z"), at("2026-03-09T16:00:00Z"))).toBe(480);
    expect(businessMinutesBetween(LA, at("2026-03-09T16:00:00Z"), at("2026-03-10T00:00:00Z"))).toBe(480);
    expect(businessMinutesBetween(LA, at("2026-10-30T16:00:00Z"), at("2026-11-02T17:00:00Z"))).toBe(480);
    expect(businessMinutesBetween(LA, at("2026-11-02T17:00:00Z"), at("2026-11-03T01:00:00Z"))).toBe(480);
    // A clinic open on the fall-back night gets the real (longer) day: 00:00-04:00 holds 5 hours.
    const night = { ...LA, openingHours: { ...DEFAULT_OPENING_HOURS, sun: { open: "00:00", close: "04:00" } } };
    expect(businessMinutesBetween(night, at("2026-11-01T00:00:00Z"), at("2026-11-02T00:00:00Z"))).toBe(300);
  });

  it("handles a 24:00 closing time and a zone east of UTC", () => {
    const tokyo: BusinessCalendar = {
      timeZone: "Asia/Tokyo",
      openingHours: { ...DEFAULT_OPENING_HOURS, sat: { open: "20:00", close: "24:00" } },
      closedDates: [],
    };
    // Sat 2026-12-05 20:00-24:00 JST = 11:00Z-15:00Z.
    expect(businessMinutesBetween(tokyo, at("2026-12-05T10:00:00Z"), at("2026-12-05T16:00:00Z"))).toBe(240);
    expect(isOpenAt(tokyo, at("2026-12-05T14:59:00Z"))).toBe(true);
    expect(isOpenAt(tokyo, at("2026-12-05T15:00:00Z"))).toBe(false);
  });
});

describe("addBusinessMinutes", () => {
  it("is the inverse of businessMinutesBetween", () => {
    // Fri 16:50 PST + 15 business minutes -> Mon 09:05 PST.
    expect(addBusinessMinutes(LA, at("2026-12-05T00:50:00Z"), 15)?.toISOString()).toBe("2026-12-07T17:05:00.000Z");
    // Saturday + 0 -> the next opening.
    expect(addBusinessMinutes(LA, at("2026-12-05T18:00:00Z"), 0)?.toISOString()).toBe("2026-12-07T17:00:00.000Z");
  });

  it("is null when the clinic is never open", () => {
    const never = { ...LA, openingHours: Object.fromEntries(WEEKDAYS.map((d) => [d, null])) as OpeningHours };
    expect(addBusinessMinutes(never, at("2026-12-01T18:00:00Z"), 15)).toBeNull();
  });
});

// --- properties -----------------------------------------------------------------------------------

const dayHoursArb = fc.option(
  fc
    .tuple(fc.integer({ min: 0, max: 24 * 60 - 1 }), fc.integer({ min: 1, max: 24 * 60 }))
    .filter(([open, close]) => close > open)
    .map(([open, close]) => ({
      open: `${String(Math.floor(open / 60)).padStart(2, "0")}:${String(open % 60).padStart(2, "0")}`,
      close: `${String(Math.floor(close / 60)).padStart(2, "0")}:${String(close % 60).padStart(2, "0")}`,
    })),
  { nil: null },
);
const hoursArb = fc.record(Object.fromEntries(WEEKDAYS.map((d) => [d, dayHoursArb])) as Record<
  (typeof WEEKDAYS)[number],
  typeof dayHoursArb
>) as fc.Arbitrary<OpeningHours>;
const zoneArb = fc.constantFrom("America/Los_Angeles", "America/New_York", "Europe/Madrid", "Asia/Tokyo", "Australia/Lord_Howe", "America/Santiago", "UTC");
// 2025-2027, around the DST changes too.
const instantArb = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) });
const closedArb = fc.array(instantArb.map((t) => new Date(t).toISOString().slice(0, 10)), { maxLength: 5 });
const calendarArb: fc.Arbitrary<BusinessCalendar> = fc.record({ timeZone: zoneArb, openingHours: hoursArb, closedDates: closedArb });
const spanArb = fc.integer({ min: 0, max: 10 * 86_400_000 });

describe("business time properties", () => {
  it("is never negative and never more than the elapsed time", () => {
    fc.assert(
      fc.property(calendarArb, instantArb, fc.integer({ min: -5 * 86_400_000, max: 10 * 86_400_000 }), (cal, a, span) => {
        const ms = businessMillisecondsBetween(cal, new Date(a), new Date(a + span));
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThanOrEqual(Math.max(0, span));
        expect(Number.isInteger(ms)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("is additive over split intervals", () => {
    fc.assert(
      fc.property(calendarArb, instantArb, spanArb, spanArb, (cal, a, s1, s2) => {
        const [from, mid, to] = [new Date(a), new Date(a + s1), new Date(a + s1 + s2)];
        expect(businessMillisecondsBetween(cal, from, to)).toBe(
          businessMillisecondsBetween(cal, from, mid) + businessMillisecondsBetween(cal, mid, to),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("is zero over a closed weekend", () => {
    fc.assert(
      fc.property(calendarArb, fc.integer({ min: 0, max: 150 }), (cal, week) => {
        const weekendClosed = { ...cal, openingHours: { ...cal.openingHours, sat: null, sun: null } };
        // A Saturday 00:00 local -> Monday 00:00 local, found from a UTC Saturday noon.
        const saturdayNoonUtc = Date.UTC(2025, 0, 4, 12) + week * 7 * 86_400_000;
        const day = new Date(saturdayNoonUtc).toISOString().slice(0, 10);
        let start = saturdayNoonUtc - 36 * 3_600_000;
        // Every offset of these zones is a multiple of 15 minutes, so 15-minute steps hit local midnight.
        while (localDateOf(new Date(start), cal.timeZone) !== day) start += 900_000;
        let end = start + 40 * 3_600_000;
        while (localWeekdayOf(new Date(end), cal.timeZone) !== "mon") end += 900_000;
        expect(businessMillisecondsBetween(weekendClosed, new Date(start), new Date(end))).toBe(0);
        for (let t = start; t < end; t += 3_600_000) expect(isOpenAt(weekendClosed, new Date(t))).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it("agrees with isOpenAt and addBusinessMinutes", () => {
    fc.assert(
      fc.property(calendarArb, instantArb, fc.integer({ min: 0, max: 3000 }), (cal, a, minutes) => {
        const from = new Date(a);
        expect(businessMillisecondsBetween(cal, from, new Date(a + 1)) === 1).toBe(isOpenAt(cal, from));
        const due = addBusinessMinutes(cal, from, minutes, 30);
        if (due !== null) {
          expect(due.getTime()).toBeGreaterThanOrEqual(a);
          expect(businessMillisecondsBetween(cal, from, due)).toBe(minutes * 60_000);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("uses the placeholder profile's calendar as-is", () => {
    expect(businessMinutesBetween(PLACEHOLDER_CLINIC_PROFILE, at("2026-12-01T17:00:00Z"), at("2026-12-02T01:00:00Z"))).toBe(480);
  });
});
