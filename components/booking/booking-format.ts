/**
 * Dates and times on the booking screens: always the CLINIC's wall clock (its IANA zone), never the
 * device's, formatted with Intl only (no date library reaches the browser). Calendar dates
 * ("YYYY-MM-DD") are stepped as UTC dates: no zone is involved in counting days.
 */

const DAY_MS = 86_400_000;

/** The clinic's calendar date of an instant, "YYYY-MM-DD". */
export function clinicDateOf(instant: string | Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/** "Tuesday, December 8" for a clinic date (it is a calendar date: formatted at noon UTC). */
export function formatDay(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", weekday: "long", month: "long", day: "numeric" }).format(new Date(`${date}T12:00:00Z`));
}

/** "Tue 8" for a compact day button. */
export function formatDayShort(date: string, locale: string): { weekday: string; day: string; month: string } {
  const d = new Date(`${date}T12:00:00Z`);
  return {
    weekday: new Intl.DateTimeFormat(locale, { timeZone: "UTC", weekday: "short" }).format(d),
    day: new Intl.DateTimeFormat(locale, { timeZone: "UTC", day: "numeric" }).format(d),
    month: new Intl.DateTimeFormat(locale, { timeZone: "UTC", month: "short" }).format(d),
  };
}

/** "9:30 AM" / "9:30" on the clinic's clock. */
export function formatTime(instant: string | Date, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: "numeric", minute: "2-digit" }).format(new Date(instant));
}

/** "Tuesday, December 8" of an instant, on the clinic's calendar. */
export function formatInstantDay(instant: string | Date, timeZone: string, locale: string): string {
  return formatDay(clinicDateOf(instant, timeZone), locale);
}

/** The zone named for people: "Pacific Time (America/Los_Angeles)"; the IANA name alone where Intl has no generic name. */
export function zoneLabel(timeZone: string, locale: string, at: Date = new Date()): string {
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "longGeneric" }).formatToParts(at);
    const name = parts.find((p) => p.type === "timeZoneName")?.value;
    return name && name !== timeZone ? `${name}, ${timeZone.replace(/_/g, " ")}` : timeZone.replace(/_/g, " ");
  } catch {
    return timeZone;
  }
}

/** A duration in the largest whole unit: 1440 -> { unit: "days", n: 1 }, 120 -> hours 2, 90 -> minutes 90. */
export function durationParts(minutes: number): { unit: "minutes" | "hours" | "days"; n: number } {
  if (minutes > 0 && minutes % 1440 === 0) return { unit: "days", n: minutes / 1440 };
  if (minutes > 0 && minutes % 60 === 0) return { unit: "hours", n: minutes / 60 };
  return { unit: "minutes", n: minutes };
}
