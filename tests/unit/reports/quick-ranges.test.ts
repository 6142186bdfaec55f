import { describe, expect, it } from "vitest";

import { quickRange, rangeInstants } from "@/lib/reports/summary-query";

/** The dashboard's quick ranges are clinic-time days: an evening in Orange County is still "today" there. */
describe("dashboard quick ranges", () => {
  // 05:00 UTC on 1 December is 21:00 on 30 November in Los Angeles (PST, UTC-8).
  const now = new Date("2026-12-01T05:00:00Z");
  const la = "America/Los_Angeles";

  it("this month, last month and the last 90 days follow the clinic's calendar, not UTC's", () => {
    expect(quickRange("this_month", now, la)).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(quickRange("last_month", now, la)).toEqual({ from: "2026-10-01", to: "2026-10-31" });
    expect(quickRange("last_90_days", now, la)).toEqual({ from: "2026-09-02", to: "2026-11-30" });
    // In UTC the same instant is already December.
    expect(quickRange("this_month", now, "UTC")).toEqual({ from: "2026-12-01", to: "2026-12-01" });
  });

  it("a period's instants run from the clinic's midnight to the midnight after its last day", () => {
    expect(rangeInstants({ from: "2026-11-01", to: "2026-11-30" }, la)).toEqual({
      gte: new Date("2026-11-01T07:00:00Z"), // PDT until 1 November 09:00 UTC
      lt: new Date("2026-12-01T08:00:00Z"), // PST
    });
  });
});
