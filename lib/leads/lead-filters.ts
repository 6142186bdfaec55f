import { z } from "zod";

import { LUDWIG_STAGES, NORWOOD_STAGES } from "@/lib/candidacy/answers";
import { FLAG_CODES, STATUSES } from "@/lib/candidacy/result";
import { DEFAULT_CLINIC_TIME_ZONE } from "@/lib/clinic/defaults";
import { wallClockMs } from "@/lib/clinic/hours";
import { LEAD_STATUSES } from "@/lib/leads/lead-status";
import { singleLineText } from "@/lib/validation/text";

/**
 * The staff inbox filters: ONE schema for the page's GET form (URL search params), the JSON list
 * endpoint and the CSV export. Client-safe. Empty values (a plain form sends `status=`) mean "any".
 */

/*
 * A date filter "2026-11-01" means that day in the clinic's time zone: every caller (inbox page,
 * list API, counts, exports) passes the clinic profile's timeZone (lib/clinic/store.ts
 * getClinicProfile, through replyClock for the inbox); DEFAULT_CLINIC_TIME_ZONE is only the
 * parameters' default.
 */
export const DEFAULT_PAGE_SIZE = 25;
/** Counting stops here: past it the inbox says "more than 10,000". */
export const COUNT_CAP = 10_000;
export const DUE_FILTERS = ["today", "overdue"] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];
export const MAX_PAGE_SIZE = 100;
export const SEARCH_MAX = 100;

const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const isValidDateParam = (value: string) =>
  DATE_ONLY.test(value) ? !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) : /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
const dateParam = z.string().trim().refine(isValidDateParam, { error: "Use a date like 2026-11-01 (or an ISO date-time)." });

export const leadFilterShape = {
  status: optional(z.enum(LEAD_STATUSES, { error: "Unknown status." })),
  eligibility: optional(z.enum(STATUSES, { error: "Unknown eligibility." })),
  flag: optional(z.enum(FLAG_CODES, { error: "Unknown flag code." })),
  norwood: optional(z.enum(NORWOOD_STAGES, { error: "Unknown Norwood stage." })),
  ludwig: optional(z.enum(LUDWIG_STAGES, { error: "Unknown Ludwig stage." })),
  q: optional(singleLineText().trim().max(SEARCH_MAX, { error: `Search for at most ${SEARCH_MAX} characters.` })),
  from: optional(dateParam),
  to: optional(dateParam),
  /** Follow-ups: "today" = due before the end of today in the clinic's time zone (overdue ones included), "overdue" = due before now. */
  due: optional(z.enum(DUE_FILTERS, { error: 'Use due=today or due=overdue.' })),
  /** "me" (the signed-in staff member), "none" (nobody) or a staff user id. */
  assignee: optional(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'Use assignee=me, assignee=none or a staff member\'s id.' }),
  ),
};

export const leadListQuerySchema = z
  .strictObject({
    ...leadFilterShape,
    cursor: optional(z.string().max(200, { error: "Invalid cursor." })),
    limit: z.preprocess(
      blank,
      z.coerce
        .number({ error: "The limit must be a whole number." })
        .int({ error: "The limit must be a whole number." })
        .min(1, { error: "The limit must be at least 1." })
        .max(MAX_PAGE_SIZE, { error: `The limit must be at most ${MAX_PAGE_SIZE}.` })
        .default(DEFAULT_PAGE_SIZE),
    ),
  })
  .superRefine(checkDateOrder);

/** The CSV and XLSX exports: the inbox's filters (docs/api-v1.md: from, to, status, eligibility, flag, q; also norwood, ludwig). */
export const leadExportQuerySchema = z.strictObject({ ...leadFilterShape }).superRefine(checkDateOrder);

/** The staff page: the same filters plus the view switch; unknown params are ignored there. */
export const inboxPageQuerySchema = z
  .object({
    ...leadFilterShape,
    cursor: optional(z.string().max(200)),
    /** 1-based page number carried by the paging links (the position shown: "26-50 of 1,234"). */
    page: optional(z.coerce.number().int().min(1).max(100_000)),
    view: optional(z.enum(["call_first", "all"])),
  })
  .superRefine(checkDateOrder);

export type LeadListQuery = z.infer<typeof leadListQuerySchema>;
export type LeadFilters = Omit<LeadListQuery, "cursor" | "limit">;
export type LeadExportQuery = z.infer<typeof leadExportQuerySchema>;
export type InboxPageQuery = z.infer<typeof inboxPageQuerySchema>;

function checkDateOrder(value: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx<unknown>): void {
  if (value.from && value.to) {
    const range = dateRange(value.from, value.to);
    if (range.gte && range.lt && range.gte >= range.lt) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "The end date must not be before the start date.", input: value.to });
    }
  }
}

const DAY_MS = 86_400_000;
/** Per time zone: UTC day number -> the zone's offset that whole day (null: the offset changes that day). */
const dayOffsets = new Map<string, Map<number, number | null>>();

function exactOffsetMinutes(ms: number, timeZone: string): number {
  return Math.round((wallClockMs(ms, timeZone) - ms) / 60_000);
}

/**
 * Offset of `timeZone` from UTC at `instant`, in minutes (e.g. -480 for PST). An export converts
 * every date of 100,000 rows: the offset is read once per UTC day (at its start and its end; equal
 * means no change within the day, as every real zone changes at most once a day), exactly on the
 * few days it changes.
 */
function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) return 0;
  let days = dayOffsets.get(timeZone);
  if (!days) dayOffsets.set(timeZone, (days = new Map()));
  const day = Math.floor(ms / DAY_MS);
  let offset = days.get(day);
  if (offset === undefined) {
    const start = exactOffsetMinutes(day * DAY_MS, timeZone);
    offset = start === exactOffsetMinutes((day + 1) * DAY_MS - 1, timeZone) ? start : null;
    if (days.size > 20_000) days.clear();
    days.set(day, offset);
  }
  return offset ?? exactOffsetMinutes(ms, timeZone);
}

/** Midnight of a YYYY-MM-DD day in the clinic's time zone, as a UTC instant. */
export function clinicMidnight(day: string, timeZone: string = DEFAULT_CLINIC_TIME_ZONE): Date {
  const guess = new Date(`${day}T00:00:00Z`);
  const first = new Date(guess.getTime() - zoneOffsetMinutes(guess, timeZone) * 60_000);
  // Re-check at the computed instant (DST boundaries).
  return new Date(guess.getTime() - zoneOffsetMinutes(first, timeZone) * 60_000);
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * `from` / `to` as a half-open range [gte, lt). A date-only `to` includes that whole clinic day;
 * full ISO date-times are taken as they are (`to` exclusive).
 */
export function dateRange(from?: string, to?: string, timeZone: string = DEFAULT_CLINIC_TIME_ZONE): { gte?: Date; lt?: Date } {
  const range: { gte?: Date; lt?: Date } = {};
  if (from) range.gte = DATE_ONLY.test(from) ? clinicMidnight(from, timeZone) : new Date(from);
  if (to) range.lt = DATE_ONLY.test(to) ? clinicMidnight(addDays(to, 1), timeZone) : new Date(to);
  return range;
}

/** The wall-clock date and time of `instant` in `timeZone`, as a Date whose UTC fields hold them (for spreadsheets). */
export function wallClock(instant: Date, timeZone: string = DEFAULT_CLINIC_TIME_ZONE): Date {
  return new Date(instant.getTime() + zoneOffsetMinutes(instant, timeZone) * 60_000);
}

/** UTC day number -> "YYYY-MM-DD " (formatWallClock; an export formats hundreds of thousands of dates on a few hundred days). */
const dayTexts = new Map<number, string>();
/** Minute of the day -> "HH:MM". */
const MINUTE_TEXTS = Array.from({ length: 1440 }, (_, m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);
/** Day numbers of 0000-01-01 and 9999-12-31: toISOString's plain four-digit years. */
const FIRST_PLAIN_DAY = -719_528;
const LAST_PLAIN_DAY = 2_932_896;

/** "YYYY-MM-DD HH:MM" of `instant` in `timeZone` (the wall clock's ISO reading, to the minute). */
export function formatWallClock(instant: Date, timeZone: string = DEFAULT_CLINIC_TIME_ZONE): string {
  const wall = wallClock(instant, timeZone);
  const ms = wall.getTime();
  const day = Math.floor(ms / DAY_MS);
  if (!(day >= FIRST_PLAIN_DAY && day <= LAST_PLAIN_DAY)) return wall.toISOString().slice(0, 16).replace("T", " ");
  let text = dayTexts.get(day);
  if (text === undefined) {
    if (dayTexts.size > 20_000) dayTexts.clear();
    dayTexts.set(day, (text = `${wall.toISOString().slice(0, 10)} `));
  }
  return text + MINUTE_TEXTS[Math.floor((ms - day * DAY_MS) / 60_000)];
}

/** The first day of the current calendar month to today, in the clinic's time zone ("this month"). */
export function thisMonthRange(now: Date = new Date(), timeZone: string = DEFAULT_CLINIC_TIME_ZONE): { from: string; to: string } {
  const today = wallClock(now, timeZone).toISOString().slice(0, 10);
  return { from: `${today.slice(0, 8)}01`, to: today };
}

/** The first and last day of the previous calendar month in the clinic's time zone ("Export last month"). */
export function lastMonthRange(now: Date = new Date(), timeZone: string = DEFAULT_CLINIC_TIME_ZONE): { from: string; to: string } {
  const local = wallClock(now, timeZone);
  const firstOfThisMonth = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1));
  const lastOfPrevious = new Date(firstOfThisMonth.getTime() - 86_400_000);
  const firstOfPrevious = new Date(Date.UTC(lastOfPrevious.getUTCFullYear(), lastOfPrevious.getUTCMonth(), 1));
  return { from: firstOfPrevious.toISOString().slice(0, 10), to: lastOfPrevious.toISOString().slice(0, 10) };
}

/** The filters as URL search params (drops empty ones), for links that keep the current filters. */
export function filtersToSearchParams(filters: Partial<Record<string, string | number | undefined>>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  return params;
}

/** The instant of a follow-up form's choice: the start of that day in the clinic's time zone (null: none). */
export function followUpInstant(
  input: { choice: "tomorrow" | "in_3_days" | "in_a_week" | "date" | "clear"; date?: string | undefined },
  timeZone: string,
  now: Date = new Date(),
): string | null {
  if (input.choice === "clear") return null;
  let day = input.date ?? "";
  if (input.choice !== "date") {
    const local = new Date(now.getTime() + zoneOffsetMinutes(now, timeZone) * 60_000).toISOString().slice(0, 10);
    day = addDays(local, { tomorrow: 1, in_3_days: 3, in_a_week: 7 }[input.choice]);
  }
  return clinicMidnight(day, timeZone).toISOString();
}
