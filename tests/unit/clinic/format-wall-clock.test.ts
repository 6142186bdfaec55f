import { formatWallClock, wallClock } from "@/lib/clinic/time";

/** The reading formatWallClock must give: the wall clock's ISO text to the minute (its cached day and minute texts are only a faster way there). */
const reference = (instant: Date, timeZone: string) => wallClock(instant, timeZone).toISOString().slice(0, 16).replace("T", " ");

describe("formatWallClock", () => {
  it.each(["America/Los_Angeles", "Europe/Madrid", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"])("reads as the wall clock's ISO text in %s, across the year and its clock changes", (timeZone) => {
    const start = Date.UTC(2026, 0, 1);
    // Every 7 hours 13 minutes 17.5 seconds for a year: every hour of the day, both sides of every change.
    for (let ms = start; ms < start + 366 * 86_400_000; ms += 26_997_500) {
      const instant = new Date(ms);
      expect(formatWallClock(instant, timeZone)).toBe(reference(instant, timeZone));
    }
  });

  it("gives the minute around the US change of 1 November 2026 (02:00 PDT becomes 01:00 PST)", () => {
    expect(formatWallClock(new Date("2026-11-01T08:59:59.999Z"), "America/Los_Angeles")).toBe("2026-11-01 01:59");
    expect(formatWallClock(new Date("2026-11-01T09:00:00Z"), "America/Los_Angeles")).toBe("2026-11-01 01:00");
    expect(formatWallClock(new Date("2026-03-08T10:00:00Z"), "America/Los_Angeles")).toBe("2026-03-08 03:00");
  });

  it("handles instants before 1970 and the ends of four-digit years like toISOString", () => {
    for (const iso of ["1969-12-31T23:59:59.999Z", "1900-02-28T12:34:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:00Z"]) {
      expect(formatWallClock(new Date(iso), "UTC")).toBe(reference(new Date(iso), "UTC"));
    }
    expect(formatWallClock(new Date(Date.UTC(10_000, 0, 2)), "UTC")).toBe(reference(new Date(Date.UTC(10_000, 0, 2)), "UTC"));
  });
});
