import { describe, expect, it } from "vitest";

import { DEFAULT_OPENING_HOURS } from "@/lib/clinic/defaults";
import { businessMinutesBetween, type BusinessCalendar } from "@/lib/clinic/hours";
import { callFirstReason, formatBusinessMinutes, replyStateOf, waitingBusinessMinutes, waitingMinutesOf } from "@/lib/leads/speed-to-lead";

const LA: BusinessCalendar = { timeZone: "America/Los_Angeles", openingHours: DEFAULT_OPENING_HOURS, closedDates: ["2026-11-26"] };

describe("waiting time in business minutes", () => {
  it("equals businessMinutesBetween (whole minutes) over spans of minutes to months, DST and a closed date included", () => {
    const start = Date.parse("2026-10-20T15:07:11.250Z");
    for (let i = 0; i < 60; i++) {
      const from = new Date(start + i * 37 * 3_600_000 + i * 7919);
      const to = new Date(from.getTime() + (i % 7) * 11 * 86_400_000 + i * 3_600_017);
      expect(waitingBusinessMinutes(LA, from, to)).toBe(Math.floor(businessMinutesBetween(LA, from, to) + 1e-9));
    }
  });

  it("counts only opening hours: a Friday 16:50 inquiry has waited 10 + 15 minutes by Monday 09:15", () => {
    const friday = new Date("2026-12-04T16:50:00-08:00");
    const monday = new Date("2026-12-07T09:15:00-08:00");
    expect(waitingBusinessMinutes(LA, friday, monday)).toBe(25);
  });

  it("is null once the inquiry left new; due below the target, overdue from it", () => {
    const clock = { calendar: LA, replyTargetMinutes: 15, now: new Date("2026-12-07T09:15:00-08:00") };
    expect(waitingMinutesOf(clock, "contacted", new Date("2026-12-07T09:00:00-08:00"))).toBeNull();
    expect(waitingMinutesOf(clock, "new", new Date("2026-12-07T09:01:00-08:00"))).toBe(14);
    expect(replyStateOf(14, 15)).toBe("due");
    expect(replyStateOf(15, 15)).toBe("overdue");
    expect(callFirstReason(42, 15)).toBe("Overdue: waiting 42 min of business time, the target is 15 min");
    expect(callFirstReason(5, 15)).toBe("Reply due within 10 min (waiting 5 min)");
    expect(formatBusinessMinutes(185)).toBe("3 h 05 min");
  });
});
