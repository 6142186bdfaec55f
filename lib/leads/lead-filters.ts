import { z } from "zod";

import { LUDWIG_STAGES, NORWOOD_STAGES } from "@/lib/candidacy/answers";
import { FLAG_CODES, STATUSES } from "@/lib/candidacy/result";
import { dateRange } from "@/lib/clinic/time";
import { LEAD_STATUSES } from "@/lib/leads/lead-status";
import { singleLineText } from "@/lib/validation/text";

/**
 * The staff inbox filters: ONE schema for the page's GET form (URL search params), the JSON list
 * endpoint and the CSV export. Client-safe. Empty values (a plain form sends `status=`) mean "any".
 */

/*
 * A date filter "2026-11-01" means that day in the clinic's time zone: every caller (inbox page,
 * list API, counts, exports) turns it into instants with dateRange (lib/clinic/time.ts) and the
 * clinic profile's timeZone (lib/clinic/store.ts getClinicProfile, through replyClock for the inbox).
 */
export const DEFAULT_PAGE_SIZE = 25;
/** Counting stops here: past it the inbox says "more than 10,000". */
export const COUNT_CAP = 10_000;
export const DUE_FILTERS = ["today", "overdue"] as const;
/** "to_review": inquiries with scalp photos and no confirmed assessment yet (docs/decisions/023-photos.md). */
export const PHOTO_FILTERS = ["to_review"] as const;
export type PhotoFilter = (typeof PHOTO_FILTERS)[number];
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
  /** Inquiries with photos and no confirmed assessment yet. */
  photos: optional(z.enum(PHOTO_FILTERS, { error: "Use photos=to_review." })),
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
  // Zod runs this even when a date failed its own check: only two readable dates have an order.
  if (value.from && value.to && isValidDateParam(value.from) && isValidDateParam(value.to)) {
    const range = dateRange(value.from, value.to);
    if (range.gte && range.lt && range.gte >= range.lt) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "The end date must not be before the start date.", input: value.to });
    }
  }
}

/** The filters as URL search params (drops empty ones), for links that keep the current filters. */
export function filtersToSearchParams(filters: Partial<Record<string, string | number | undefined>>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  return params;
}
