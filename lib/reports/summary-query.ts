import { z } from "zod";

import { addLocalDays, addLocalYears, clinicMidnight, isLocalDate, lastMonthRange, localDatesRange, mondayOf, thisMonthRange } from "@/lib/clinic/time";

/**
 * The report period: ONE schema for GET /api/v1/reports/summary?from=&to= and the dashboard's
 * custom range (client-safe). Dates are days ("YYYY-MM-DD") in the clinic's time zone, both
 * included. `from` after `to`, or a period longer than two years: invalid (400 naming the field).
 * Either omitted: this month.
 */
export const MAX_REPORT_YEARS = 2;

const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const day = z.preprocess(blank, z.string().trim().refine(isLocalDate, { error: "Use a date like 2026-11-01." }).optional());

export const reportRangeSchema = z
  .object({ from: day, to: day })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.from > value.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date." });
    } else if (value.from && value.to && isLocalDate(value.from) && value.to >= addLocalYears(value.from, MAX_REPORT_YEARS)) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `Choose a period of at most ${MAX_REPORT_YEARS} years.` });
    }
  });

export type ReportRangeInput = z.output<typeof reportRangeSchema>;

export interface ReportRange {
  from: string;
  to: string;
}

/** The period asked for, a missing end filled from this month (start: the 1st; end: today). */
export function resolveReportRange(input: ReportRangeInput, timeZone: string, now: Date = new Date()): ReportRange {
  const month = thisMonthRange(now, timeZone);
  return { from: input.from ?? month.from, to: input.to ?? (input.from && input.from > month.to ? input.from : month.to) };
}

export const QUICK_RANGES = ["this_month", "last_month", "last_90_days"] as const;
export type QuickRange = (typeof QUICK_RANGES)[number];

/** The dashboard's quick ranges, in the clinic's time zone. */
export function quickRange(range: QuickRange, now: Date, timeZone: string): ReportRange {
  if (range === "this_month") return thisMonthRange(now, timeZone);
  if (range === "last_month") return lastMonthRange(now, timeZone);
  const today = thisMonthRange(now, timeZone).to;
  return { from: addLocalDays(today, -89), to: today };
}

export interface ReportWeek {
  weekStart: string;
  /** The part of the week inside the period, as instants [gte, lt). */
  gte: Date;
  lt: Date;
}

/** The weeks (Monday to Sunday, clinic time) that the period touches, each cut to the period. */
export function reportWeeks(range: ReportRange, timeZone: string): ReportWeek[] {
  const weeks: ReportWeek[] = [];
  const end = addLocalDays(range.to, 1);
  for (let start = mondayOf(range.from); start < end; start = addLocalDays(start, 7)) {
    const from = start < range.from ? range.from : start;
    const next = addLocalDays(start, 7);
    const to = next > end ? end : next;
    weeks.push({ weekStart: start, gte: clinicMidnight(from, timeZone), lt: clinicMidnight(to, timeZone) });
  }
  return weeks;
}

/** The period as instants [gte, lt): from's midnight to the midnight after `to`, clinic time. */
export function rangeInstants(range: ReportRange, timeZone: string): { gte: Date; lt: Date } {
  return localDatesRange(range.from, range.to, timeZone);
}
