/**
 * The patient's link is a bearer credential (/my/<token>, lib/patient-access/tokens.ts): whatever
 * follows "/my/" in a path or URL is replaced before a log line is written, wherever it appears (a
 * message, a url or path field, an error's message, nested objects). Pure: the logger applies it to
 * every line (lib/log/logger.ts).
 */

export const REDACTED_TOKEN = "[redacted]";

// "/my/" then a path segment; "/my/link" (the link request form) names no token and is kept.
const PATIENT_LINK = /\/my\/(?!link(?:[/?#"'\s]|$))[^/?#\s"'<>]+/g;

// A staff member's calendar feed (/cal/<token>.ics, lib/booking/calendar-feed.ts) is one too.
const CALENDAR_FEED = /\/cal\/[^/?#\s"'<>]+/g;

export function redactPatientLinks(text: string): string {
  const patient = text.includes("/my/") ? text.replace(PATIENT_LINK, `/my/${REDACTED_TOKEN}`) : text;
  return patient.includes("/cal/") ? patient.replace(CALENDAR_FEED, `/cal/${REDACTED_TOKEN}`) : patient;
}

/** A copy of `value` with every string scrubbed (objects and arrays walked, at most 8 levels deep). */
export function scrubPatientLinks<T>(value: T, depth = 0): T {
  if (typeof value === "string") return redactPatientLinks(value) as T;
  if (depth >= 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => scrubPatientLinks(item, depth + 1)) as T;
  if (value instanceof Error) {
    return { ...scrubPatientLinks({ ...value }, depth + 1), name: value.name, message: redactPatientLinks(value.message) } as T;
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[key] = scrubPatientLinks(item, depth + 1);
  return out as T;
}
