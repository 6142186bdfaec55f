/**
 * Follow-ups as instants chosen in the clinic's zone (lib/leads/follow-up.ts, decision 025): the
 * quick choices on the clinic's calendar and opening hours, the date + time fields, the past-time
 * refusal, and the same answers whatever the server process's TZ.
 */
import { afterEach, describe, expect, it } from "vitest";

import { DEFAULT_OPENING_HOURS } from "@/lib/clinic/defaults";
import type { BusinessCalendar } from "@/lib/clinic/hours";
import { InvalidError } from "@/lib/errors";
import { followUpChoicesView, followUpInstant, formatFollowUpTime, morningOf, quickFollowUpInstants } from "@/lib/leads/follow-up";
import { followUpFormSchema } from "@/lib/leads/lead-patch";

const LA: BusinessCalendar = { timeZone: "America/Los_Angeles", openingHours: { ...DEFAULT_OPENING_HOURS, sat: { open: "10:00", close: "14:00" } }, closedDates: ["2026-12-25"] };
const MADRID: BusinessCalendar = { timeZone: "Europe/Madrid", openingHours: { ...DEFAULT_OPENING_HOURS, mon: { open: "08:30", close: "15:00" } }, closedDates: [] };
const PROCESS_ZONES = ["UTC", "Asia/Kolkata", "America/Los_Angeles", "Pacific/Kiritimati"];
const savedTz = process.env.TZ;

afterEach(() => {
  process.env.TZ = savedTz;
});

describe.each(PROCESS_ZONES)("follow-up choices with the server's TZ=%s", (tz) => {
  it("works them out on the clinic's calendar: tomorrow's opening, the next open day, a week on, two hours on", () => {
    process.env.TZ = tz;
    // Thursday 2026-12-24 16:30 in Los Angeles (00:30Z on the 25th: already Friday in UTC).
    const now = new Date("2026-12-25T00:30:00Z");
    const q = quickFollowUpInstants(LA, now);
    expect(q.in_2_hours.toISOString()).toBe("2026-12-25T02:30:00.000Z");
    // Tomorrow is Christmas, a closed date: 09:00 all the same.
    expect(q.tomorrow.toISOString()).toBe("2026-12-25T17:00:00.000Z");
    // The next business day skips the closed Christmas and opens Saturday at 10:00 PST.
    expect(q.next_business_day.toISOString()).toBe("2026-12-26T18:00:00.000Z");
    // A week on: Thursday 2026-12-31, its opening time.
    expect(q.in_a_week.toISOString()).toBe("2026-12-31T17:00:00.000Z");
  });

  it("skips the weekend for the next business day and uses each day's own opening time", () => {
    process.env.TZ = tz;
    // Friday 2026-12-04 18:00 in Madrid (17:00Z); Monday opens at 08:30 CET.
    const q = quickFollowUpInstants(MADRID, new Date("2026-12-04T17:00:00Z"));
    expect(q.next_business_day.toISOString()).toBe("2026-12-07T07:30:00.000Z");
    // Tomorrow is a closed Saturday: 09:00.
    expect(q.tomorrow.toISOString()).toBe("2026-12-05T08:00:00.000Z");
    expect(morningOf(MADRID, "2026-12-07")).toBe("08:30");
    expect(morningOf(MADRID, "2026-12-06")).toBe("09:00");
  });

  it("reads a date and time as the clinic's wall clock, across a clock change", () => {
    process.env.TZ = tz;
    const now = new Date("2026-03-01T12:00:00Z");
    const at = (date: string, time?: string) => followUpInstant({ choice: "date", date, time }, LA, now)?.toISOString();
    // PST before the change, PDT after it (2026-03-08).
    expect(at("2026-03-06", "17:30")).toBe("2026-03-07T01:30:00.000Z");
    expect(at("2026-03-09", "17:30")).toBe("2026-03-10T00:30:00.000Z");
    // No time: the opening time of that day.
    expect(at("2026-03-09")).toBe("2026-03-09T16:00:00.000Z");
    expect(followUpInstant({ choice: "clear" }, LA, now)).toBeNull();
  });
});

describe("a past follow-up", () => {
  const now = new Date("2026-12-08T18:00:00Z"); // 10:00 PST
  it("is refused with a clear message unless the staff member confirms it", () => {
    const attempt = () => followUpInstant({ choice: "date", date: "2026-12-08", time: "09:00" }, LA, now);
    expect(attempt).toThrow(InvalidError);
    try {
      attempt();
    } catch (e) {
      expect((e as InvalidError).fields.get("confirmPast")).toMatch(/already passed/);
    }
    expect(followUpInstant({ choice: "date", date: "2026-12-08", time: "09:00", confirmPast: true }, LA, now)?.toISOString()).toBe("2026-12-08T17:00:00.000Z");
    // The minute being typed is not "the past"; a later time today is fine.
    expect(followUpInstant({ choice: "date", date: "2026-12-08", time: "10:00" }, LA, new Date("2026-12-08T18:00:30Z"))?.toISOString()).toBe("2026-12-08T18:00:00.000Z");
    expect(followUpInstant({ choice: "date", date: "2026-12-08", time: "17:00" }, LA, now)?.toISOString()).toBe("2026-12-09T01:00:00.000Z");
  });

  it("the form schema reads the checkbox and empty fields", () => {
    const parsed = followUpFormSchema.parse({ leadId: "l1", version: "3", choice: "date", date: "2026-12-09", time: "", confirmPast: "on" });
    expect(parsed).toMatchObject({ choice: "date", date: "2026-12-09", confirmPast: true });
    expect(parsed.time).toBeUndefined();
    expect(followUpFormSchema.safeParse({ leadId: "l1", version: "3", choice: "date", date: "", time: "" }).error?.issues[0]?.message).toBe("Pick the date of the follow-up.");
    expect(followUpFormSchema.safeParse({ leadId: "l1", version: "3", choice: "date", date: "2026-12-09", time: "25:00" }).error?.issues[0]?.message).toMatch(/time like 09:30/);
  });
});

describe("as staff read it", () => {
  it("names the zone and the weekday", () => {
    expect(formatFollowUpTime(new Date("2026-12-09T17:00:00Z"), "America/Los_Angeles")).toBe("Wed, Dec 9, 2026, 9:00 AM PST");
    expect(formatFollowUpTime(new Date("2026-07-09T16:00:00Z"), "America/Los_Angeles")).toBe("Thu, Jul 9, 2026, 9:00 AM PDT");
    const view = followUpChoicesView(LA, new Date("2026-12-08T18:00:00Z"));
    expect(view.today).toBe("2026-12-08");
    expect(view.choices.map((c) => c.choice)).toEqual(["in_2_hours", "tomorrow", "next_business_day", "in_a_week", "date", "clear"]);
    expect(view.choices.find((c) => c.choice === "tomorrow")?.when).toBe("Wed, Dec 9, 2026, 9:00 AM PST");
    expect(view.choices.find((c) => c.choice === "date")?.when).toBeNull();
  });
});
