/**
 * The clinic's call cadence (issue 22 item 5): the admin's text parsed and normalised, and the next try
 * it suggests, in the clinic's time zone and opening hours, whatever TZ the server runs under.
 */
import { callCadenceSchema, describeCallCadence, parseCallCadence } from "@/lib/clinic/call-cadence";
import { DEFAULT_OPENING_HOURS } from "@/lib/clinic/defaults";
import type { BusinessCalendar } from "@/lib/clinic/hours";
import { suggestNextTry } from "@/lib/leads/call-next-try";

const madrid: BusinessCalendar = { timeZone: "Europe/Madrid", openingHours: DEFAULT_OPENING_HOURS, closedDates: ["2026-12-08"] };
const cadence = parseCallCadence("3h,1d,2d") ?? [];

describe("call cadence text", () => {
  it("normalises what the admin typed and refuses what is not a cadence", () => {
    expect(callCadenceSchema.parse(" 3H, 1d ,2d ")).toBe("3h,1d,2d");
    expect(describeCallCadence(cadence)).toBe("3 hours later, then the next day, then 2 days later");
    for (const bad of ["", "tomorrow", "0h", "73h", "31d", "1h,1h,1h,1h,1h,1h,1h", "3h;1d", "-1d"]) {
      expect(callCadenceSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe.each(["UTC", "America/Los_Angeles", "Asia/Tokyo"])("next try suggested (server TZ %s)", (tz) => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = tz;
  });
  afterAll(() => {
    process.env.TZ = saved;
  });

  it("hours later inside opening hours, else the next opening", () => {
    // Monday 2026-12-07 10:00 in Madrid (CET, UTC+1): 13:00 the same day.
    expect(suggestNextTry(madrid, cadence, 1, new Date("2026-12-07T09:00:00Z"))?.toISOString()).toBe("2026-12-07T12:00:00.000Z");
    // Monday 15:30 + 3 h = 18:30, closed; Tuesday 8 December is a closed date: Wednesday 09:00.
    expect(suggestNextTry(madrid, cadence, 1, new Date("2026-12-07T14:30:00Z"))?.toISOString()).toBe("2026-12-09T08:00:00.000Z");
  });

  it("days later at the same wall-clock time, by clinic date across a daylight-saving change", () => {
    // Friday 2027-03-26 11:00 CET; 2 days later is Sunday (closed) -> Monday 09:00, now CEST (UTC+2).
    expect(suggestNextTry(madrid, cadence, 3, new Date("2027-03-26T10:00:00Z"))?.toISOString()).toBe("2027-03-29T07:00:00.000Z");
    // Thursday 2027-03-25 11:00 CET, "1d": Friday 11:00 CET.
    expect(suggestNextTry(madrid, cadence, 2, new Date("2027-03-25T10:00:00Z"))?.toISOString()).toBe("2027-03-26T10:00:00.000Z");
    // Beyond the list the last step repeats.
    expect(suggestNextTry(madrid, cadence, 9, new Date("2027-03-22T10:00:00Z"))?.toISOString()).toBe("2027-03-24T10:00:00.000Z");
  });

  it("nothing when the clinic never opens", () => {
    const closed: BusinessCalendar = { ...madrid, openingHours: { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null } };
    expect(suggestNextTry(closed, cadence, 1, new Date("2026-12-07T09:00:00Z"))).toBeNull();
  });
});
