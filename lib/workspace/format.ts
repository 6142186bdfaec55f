import { DEFAULT_CLINIC_TIME_ZONE } from "@/lib/clinic/defaults";

/** Dates and money as the front desk reads them (clinic time zone, US English). Client-safe. */
const dateTime = new Intl.DateTimeFormat("en-US", { timeZone: DEFAULT_CLINIC_TIME_ZONE, dateStyle: "medium", timeStyle: "short" });
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

const zoned = new Map<string, Intl.DateTimeFormat>();

/** In the clinic's time zone when given (the profile's), else the default zone. */
export function formatDateTime(iso: string | Date, timeZone?: string): string {
  let f = dateTime;
  if (timeZone && timeZone !== DEFAULT_CLINIC_TIME_ZONE) {
    f = zoned.get(timeZone) ?? new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" });
    zoned.set(timeZone, f);
  }
  return f.format(typeof iso === "string" ? new Date(iso) : iso);
}

const clinicDateTimes = new Map<string, Intl.DateTimeFormat>();

/** "Wed, Dec 9, 2026, 9:00 AM PST": an instant as staff read it in the clinic's zone, weekday and zone named (follow-ups, the log in words). */
export function formatClinicDateTime(instant: Date, timeZone: string): string {
  let f = clinicDateTimes.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", month: "short", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" });
    clinicDateTimes.set(timeZone, f);
  }
  return f.format(instant).replace(/[\u202f\u00a0]/g, " ");
}

export function formatUsd(amount: number): string {
  return usd.format(amount);
}

export function formatPriceRange(minUsd: number, maxUsd: number): string {
  return minUsd === maxUsd ? formatUsd(minUsd) : `${formatUsd(minUsd)} – ${formatUsd(maxUsd)}`;
}

/** Elapsed (calendar) time as people say it: "45 min", "3 h 20 min", "2 days 4 h", "12 days". */
export function formatElapsedMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) {
    const rest = m % 60;
    return rest === 0 ? `${Math.floor(m / 60)} h` : `${Math.floor(m / 60)} h ${rest} min`;
  }
  const days = Math.floor(m / (24 * 60));
  const hours = Math.floor((m % (24 * 60)) / 60);
  const dayWord = days === 1 ? "day" : "days";
  return days >= 7 || hours === 0 ? `${days} ${dayWord}` : `${days} ${dayWord} ${hours} h`;
}
