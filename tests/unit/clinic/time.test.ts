import path from "node:path";

import { describe, expect, it } from "vitest";

import { addLocalDays, addLocalYears, eachLocalDate, instantAt, isLocalDate, localDatesRange, mondayOf, rollOverLocalDate, weekdayOf } from "@/lib/clinic/time";
import { reportUnderTz } from "@/tests/support/under-tz";

import { type ClinicTimeReport, clinicTimeReport, DST_2026_EXAMPLES } from "./clinic-time-checks";

const NUM_RUNS = 150;
const CHILD = path.join(import.meta.dirname, "clinic-time-child.ts");

/** The checks in a child process whose own time zone is `tz`. */
const reportUnder = (tz: string) => reportUnderTz<ClinicTimeReport>(CHILD, tz, [String(NUM_RUNS)]);

describe("clinic time: every 2026 clock change of Los Angeles and Madrid", () => {
  it.each(DST_2026_EXAMPLES.map((e) => [e.name, e] as const))("%s", (_, example) => {
    expect(example.actual()).toEqual(example.expected);
  });
});

describe("clinic time: local dates", () => {
  it("steps by calendar date, never by 24 hours", () => {
    expect(addLocalDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addLocalDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addLocalDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(eachLocalDate("2026-12-30", "2027-01-02")).toEqual(["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]);
    expect(eachLocalDate("2026-01-02", "2026-01-01")).toEqual([]);
    expect(weekdayOf("2026-12-07")).toBe("mon");
    expect(mondayOf("2026-12-13")).toBe("2026-12-07");
    expect(mondayOf("2026-12-07")).toBe("2026-12-07");
  });

  it("adds years keeping the month and day; 29 February becomes 1 March", () => {
    expect(addLocalYears("2026-11-01", 2)).toBe("2028-11-01");
    expect(addLocalYears("2028-02-29", 2)).toBe("2030-03-01");
    expect(addLocalYears("2028-02-29", 4)).toBe("2032-02-29");
  });

  it("reads a typed date as Date.parse does: past the month's end rolls over, month 13 is no date", () => {
    expect(rollOverLocalDate("2026-02-30")).toBe("2026-03-02");
    expect(rollOverLocalDate("2026-11-01")).toBe("2026-11-01");
    expect(() => rollOverLocalDate("2026-13-01")).toThrow(RangeError);
    expect(() => rollOverLocalDate("2026-01-32")).toThrow(RangeError);
    expect([isLocalDate("2028-02-29"), isLocalDate("2026-02-29"), isLocalDate("2026-02-30"), isLocalDate("2026-11-01T00:00"), isLocalDate("yesterday")]).toEqual([true, false, false, false, false]);
  });

  it("turns clinic dates into instants, 24:00 being the next date's start", () => {
    expect(localDatesRange("2026-11-01", "2026-11-01", "America/Los_Angeles")).toEqual({
      gte: new Date("2026-11-01T07:00:00Z"),
      lt: new Date("2026-11-02T08:00:00Z"),
    });
    expect(instantAt("2026-11-01", "24:00", "America/Los_Angeles")).toEqual(new Date("2026-11-02T08:00:00Z"));
    // Santiago skips its midnight on 6 September 2026: the date starts when the clock jumps to 01:00.
    expect(instantAt("2026-09-06", "00:00", "America/Santiago")).toEqual(new Date("2026-09-06T04:00:00Z"));
    expect(() => instantAt("2026-11-01", "9:00", "America/Los_Angeles")).toThrow(RangeError);
    expect(() => instantAt("2026-11-01", "24:30", "America/Los_Angeles")).toThrow(RangeError);
  });
});

describe("clinic time: the same under every time zone of the server process", () => {
  it(
    "gives identical results with TZ=UTC, Asia/Kolkata and America/Los_Angeles",
    async () => {
      const here = clinicTimeReport(NUM_RUNS);
      expect(here.failures).toEqual([]);
      const expectedOffsets = { UTC: 0, "Asia/Kolkata": -330, "America/Los_Angeles": 480 } as const;
      for (const [tz, offset] of Object.entries(expectedOffsets)) {
        // One child at a time: the machine is shared.
        const report = await reportUnder(tz);
        expect(report.processTimeZone).toBe(tz);
        // The process really runs in that zone (its Date's own offset), so nothing below could lean on it.
        expect(report.processOffsetMinutes).toBe(offset);
        expect(report.failures).toEqual([]);
        expect(report.samples).toEqual(here.samples);
      }
    },
    120_000,
  );
});
