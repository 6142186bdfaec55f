import "server-only";

import { z } from "zod";

import type { ConsultationStatus, ConsultationType } from "@/lib/booking/schemas";
import type { Goal, LossPattern, LudwigStage, NorwoodStage, Sex } from "@/lib/candidacy/options";
import type { CandidacyResult, CandidacyStatus } from "@/lib/candidacy/result";
import { type Db, type DbProvider, dbProviderOf, Prisma } from "@/lib/db/client";
import { InvalidError } from "@/lib/errors";
import { type CallOutcome, isCallOutcome } from "@/lib/leads/call-outcomes";
import { normalizePhone } from "@/lib/leads/lead-input";
import { foldForSearch } from "@/lib/leads/search-text";
import { COUNT_CAP, leadFilterShape, MAX_PAGE_SIZE, type DueFilter, type LeadFilters, type LeadListQuery } from "@/lib/leads/lead-filters";
import type { PreferredContact } from "@/lib/leads/preferred-contact";
import { ELIGIBILITY_ORDER, isLeadStatus, LEAD_STATUSES, type LeadStatus } from "@/lib/leads/lead-status";
import { replyStateOf, waitingMinutesOf, type ReplyClock, type ReplyState } from "@/lib/leads/speed-to-lead";
import { addLocalDays, clinicMidnight, dateRange, localDateOf } from "@/lib/clinic/time";
import { earlierInquiriesOf, IS_LATEST_OF_PERSON, type EarlierInquiries } from "@/lib/leads/same-person";
import { countCandidates, planSearch, SEARCH_NARROW_MAX, searchTermsOf, TRIGRAM_MIN, type SearchPlan } from "@/lib/leads/inbox-search-sqlite";

/**
 * The staff inbox: a keyset-paged list (cursor = createdAt + id, newest first). A page is an id query
 * answered from the covering index Lead_inbox_covering_idx (createdAt, id and every filter column,
 * read backwards), then the full rows of those ids; no OFFSET, no COUNT per row. The status counts are one
 * GROUP BY over the status index. See docs/decisions/009-staff-workspace.md.
 */

export interface LeadSummary {
  id: string;
  /** The short reference the patient was given (SMP-XXXX-NN); null for inquiries stored before references. */
  reference: string | null;
  createdAt: string;
  status: LeadStatus;
  closedReason: string | null;
  eligibility: CandidacyStatus;
  flags: string[];
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  preferredContact: PreferredContact;
  sex: Sex;
  age: number;
  lossPattern: LossPattern;
  norwoodStage: NorwoodStage | null;
  ludwigStage: LudwigStage | null;
  goal: Goal;
  price: { minUsd: number; maxUsd: number; estimate: boolean; basis: string; tableVersion: number };
  assignee: { id: string; name: string } | null;
  relatedLeadId: string | null;
  version: number;
  /** The first move out of "new" (null while it is new, and for inquiries older than the field). */
  firstContactedAt: string | null;
  followUpAt: string | null;
  followUpNote: string | null;
  /** Business minutes since the inquiry while it is "new", else null (lib/leads/speed-to-lead.ts). */
  waitingMinutes: number | null;
  /** Against the reply-time target while "new", else null. */
  replyState: ReplyState | null;
  mergedIntoId: string | null;
  /** Scalp photos the patient sent (lib/photos/, at most 5). */
  photoCount: number;
  /** The result with the stage and scars staff confirmed from the photos (lib/photos/assessment.ts), or null. */
  confirmedResult: CandidacyResult | null;
  assessedAt: string | null;
  /** The latest consultation that is not cancelled (booked, attended or no-show), or null (lib/booking/). */
  consultation: { id: string; type: ConsultationType; start: string; status: ConsultationStatus } | null;
  /** "None of these times suit me": when the patient would like a call, or null. */
  callbackPreference: { preferredTimes: string; days: string[]; updatedAt: string } | null;
  /** Calls logged by staff (lib/leads/lead-calls.ts): how many, and how the latest went. */
  calls: { attempts: number; lastOutcome: CallOutcome | null; lastAt: string | null };
}

export interface LeadPage {
  items: LeadSummary[];
  nextCursor: string | null;
}

/** What a list needs besides the filters: the clock for waiting times, and who "assignee=me" is. */
export interface ListContext {
  clock: ReplyClock;
  viewerId?: string;
}

export const leadSummarySelect = {
  id: true,
  reference: true,
  createdAt: true,
  status: true,
  closedReason: true,
  eligibility: true,
  flagCodes: true,
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
  preferredContact: true,
  sex: true,
  age: true,
  lossPattern: true,
  norwoodStage: true,
  ludwigStage: true,
  goal: true,
  priceMinUsd: true,
  priceMaxUsd: true,
  priceEstimate: true,
  priceBasis: true,
  priceTableVersion: true,
  relatedLeadId: true,
  version: true,
  firstContactedAt: true,
  followUpAt: true,
  followUpNote: true,
  mergedIntoId: true,
  callAttempts: true,
  lastCallAt: true,
  lastCallOutcome: true,
  assignee: { select: { id: true, name: true } },
  // Two batched queries per page (Prisma loads relations by the page's ids), never the photo bytes.
  _count: { select: { photos: true } },
  assessment: { select: { confirmedResult: true, assessedAt: true } },
  // Batched by the page's ids too (decision 022): the latest consultation not cancelled, the call-back wish.
  consultations: { where: { status: { not: "cancelled" } }, orderBy: [{ startsAt: "desc" }, { id: "desc" }], take: 1, select: { id: true, type: true, startsAt: true, status: true } },
  callbackPreference: { select: { preferredTimes: true, days: true, updatedAt: true } },
} as const satisfies Prisma.LeadSelect;

export type LeadSummaryRow = Prisma.LeadGetPayload<{ select: typeof leadSummarySelect }>;

/** ",A,B," -> ["A", "B"] */
export function flagCodesOf(column: string): string[] {
  return column.split(",").filter((code) => code !== "");
}

function consultationOf(row: { id: string; type: string; startsAt: Date; status: string } | undefined): LeadSummary["consultation"] {
  // Both columns hold only the values of lib/booking/schemas.ts (written by lib/booking/consultations.ts; a CHECK on status).
  return row ? { id: row.id, type: row.type as ConsultationType, start: row.startsAt.toISOString(), status: row.status as ConsultationStatus } : null;
}

export function toLeadSummary(row: LeadSummaryRow, clock: ReplyClock): LeadSummary {
  const waitingMinutes = waitingMinutesOf(clock, row.status, row.createdAt);
  return {
    id: row.id,
    reference: row.reference,
    createdAt: row.createdAt.toISOString(),
    status: isLeadStatus(row.status) ? row.status : "new",
    closedReason: row.closedReason,
    eligibility: row.eligibility as CandidacyStatus,
    flags: flagCodesOf(row.flagCodes),
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    phone: row.phone,
    // Stored from answers and contact that createLeadSchema validated (the column is a string).
    preferredContact: row.preferredContact as PreferredContact,
    sex: row.sex as Sex,
    age: row.age,
    lossPattern: row.lossPattern as LossPattern,
    norwoodStage: row.norwoodStage as NorwoodStage | null,
    ludwigStage: row.ludwigStage as LudwigStage | null,
    goal: row.goal as Goal,
    price: {
      minUsd: row.priceMinUsd,
      maxUsd: row.priceMaxUsd,
      estimate: row.priceEstimate,
      basis: row.priceBasis,
      tableVersion: row.priceTableVersion,
    },
    assignee: row.assignee ? { id: row.assignee.id, name: row.assignee.name } : null,
    relatedLeadId: row.relatedLeadId,
    version: row.version,
    photoCount: row._count.photos,
    // Stored by lib/photos/assessment.ts from an evaluated CandidacyResult.
    confirmedResult: (row.assessment?.confirmedResult as unknown as CandidacyResult | undefined) ?? null,
    assessedAt: row.assessment?.assessedAt.toISOString() ?? null,
    consultation: consultationOf(row.consultations[0]),
    callbackPreference: row.callbackPreference
      ? {
          preferredTimes: row.callbackPreference.preferredTimes,
          days: Array.isArray(row.callbackPreference.days) ? row.callbackPreference.days.filter((d): d is string => typeof d === "string") : [],
          updatedAt: row.callbackPreference.updatedAt.toISOString(),
        }
      : null,
    firstContactedAt: row.firstContactedAt?.toISOString() ?? null,
    followUpAt: row.followUpAt?.toISOString() ?? null,
    followUpNote: row.followUpNote,
    waitingMinutes,
    replyState: waitingMinutes === null ? null : replyStateOf(waitingMinutes, clock.replyTargetMinutes),
    mergedIntoId: row.mergedIntoId,
    calls: { attempts: row.callAttempts, lastOutcome: isCallOutcome(row.lastCallOutcome) ? row.lastCallOutcome : null, lastAt: row.lastCallAt?.toISOString() ?? null },
  };
}

// --- cursor ------------------------------------------------------------------------------------

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.getTime()}:${row.id}`, "utf8").toString("base64url");
}

/** The follow-up list pages by (followUpAt, id), oldest due first; the cursor has the same shape. */
function encodeDueCursor(row: { followUpAt: Date | null; id: string }): string {
  return encodeCursor({ createdAt: row.followUpAt ?? new Date(0), id: row.id });
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const match = /^(\d{1,15}):([A-Za-z0-9_-]{1,64})$/.exec(text);
  if (!match?.[1] || !match[2]) throw new InvalidError("The cursor is not valid: start again from the first page.", { cursor: "Invalid cursor." });
  return { createdAt: new Date(Number(match[1])), id: match[2] };
}

// --- filters -----------------------------------------------------------------------------------

const emailOnly = z.email();

/** How a search term is matched: an exact email or E.164 phone by its own index; anything else as a substring of searchText. */
export type SearchMatch = { kind: "email"; value: string } | { kind: "phone"; value: string } | { kind: "text"; value: string };

/** A reference read out on the phone ("SMP 7KQ2 94", "smp7kq294"): written as it is stored. */
const SPOKEN_REFERENCE = /^smp[\s-]*([a-z0-9]{4})[\s-]*(\d{2})$/;

/**
 * A text term is folded the way searchText is stored (lib/leads/search-text.ts): accents and case
 * do not count ("Rodriguez" finds "José Rodríguez", "hernández" finds "Hernandez"). An exact e-mail
 * is compared with the stored address, lower-cased.
 */
export function searchMatch(q: string): SearchMatch {
  const term = q.trim().toLowerCase();
  const reference = SPOKEN_REFERENCE.exec(term);
  if (reference) return { kind: "text", value: `smp-${reference[1]}-${reference[2]}` };
  if (emailOnly.safeParse(term).success) return { kind: "email", value: term };
  if (/^[+()\d\s.-]{7,}$/.test(term)) {
    const digits = term.replace(/\D/g, "");
    const e164 = normalizePhone(term);
    if (e164 && digits.length >= 10) return { kind: "phone", value: e164 };
    return { kind: "text", value: digits };
  }
  return { kind: "text", value: foldForSearch(term) };
}

/**
 * `term` as a LIKE pattern "contains term" where `%`, `_` and `\` stand for themselves (used with
 * `ESCAPE '\'`). Prisma's `contains` does not escape them, and SQLite's LIKE has no default escape
 * character, so a search for "%" would match every inquiry.
 */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const column = (name: "status" | "eligibility" | "norwoodStage" | "ludwigStage" | "assigneeId") => Prisma.raw(`"${name}"`);

/** `"column" LIKE '%term%'`, the term taken literally. */
const contains = (name: "flagCodes" | "searchText", term: string) => Prisma.sql`${Prisma.raw(`"${name}"`)} LIKE ${containsPattern(term)} ESCAPE '\\'`;

/**
 * The WHERE terms of the inbox id query (step 1 of listLeads), plain SQL that runs unchanged on
 * SQLite and PostgreSQL.
 *
 * On SQLite, equality filters are written `("status" || '') = ?`: an expression is not indexable, so the planner
 * cannot pick a narrow single-purpose index (status+createdAt, kept for the counts; migration 20261123211000 dropped the others), which costs a
 * table lookup per scanned row (about 130 ms for "eligibility=eligible + a search with no match" at
 * 100,000 inquiries on SQLite without ANALYZE statistics; 160 ms for assignee=me through the
 * assigneeId index and a sort), over Lead_inbox_covering_idx, whose entries
 * hold every filter column (worst case, nothing matches: one pass over the index, 10-25 ms). Only an exact email or
 * phone search keeps its own index: at most a handful of rows.
 * `omitText: true` leaves a text search out (the caller applies it: shortTextTerm).
 * `indexable: true` (the result count on SQLite when no substring term is present: countLeads) writes them
 * plain too: a count has no order to keep, so the narrow partial "live" indexes of migration
 * 20261201160000 answer it from one index range instead of a pass over the covering index.
 * On PostgreSQL (`provider: "postgresql"`) they are plain `"status" = ?`: its planner has statistics
 * and, given the expression, seq-scans the wide table instead (350 ms for the count of status=new at
 * 100,000 inquiries); a search and a flag go through the trigram indexes Lead_searchText_trgm_idx and
 * Lead_flagCodes_trgm_idx (migration 20261201123406), so one that matches nothing reads no row at all.
 */
export function inboxConditions(
  filters: Partial<LeadFilters>,
  cursor?: { createdAt: Date; id: string },
  context: { viewerId?: string; timeZone?: string; provider?: DbProvider; indexable?: boolean; omitText?: boolean } = {},
): Prisma.Sql[] {
  const plain = context.provider === "postgresql" || context.indexable === true;
  // Merged inquiries are tombstones: never listed (the column is in the covering index). On SQLite's
  // page the term is an expression too: written plain, the planner may walk Lead_report_idx
  // (mergedIntoId, createdAt, ...) for it and look up every row for the other terms (110 ms for a
  // Norwood + Ludwig filter nothing matches, with ANALYZE statistics); NULL || '' is NULL.
  const and: Prisma.Sql[] = [plain ? Prisma.sql`"mergedIntoId" IS NULL` : Prisma.sql`("mergedIntoId" || '') IS NULL`];
  const equals = (name: Parameters<typeof column>[0], value: string) =>
    plain ? Prisma.sql`${column(name)} = ${value}` : Prisma.sql`(${column(name)} || '') = ${value}`;
  if (filters.status) and.push(equals("status", filters.status));
  if (filters.eligibility) and.push(equals("eligibility", filters.eligibility));
  if (filters.norwood) and.push(equals("norwoodStage", filters.norwood));
  if (filters.ludwig) and.push(equals("ludwigStage", filters.ludwig));
  if (filters.flag) and.push(contains("flagCodes", `,${filters.flag},`));
  if (filters.q) {
    const match = searchMatch(filters.q);
    if (match.kind === "email") and.push(Prisma.sql`"email" = ${match.value}`);
    else if (match.kind === "phone") and.push(Prisma.sql`"phone" = ${match.value}`);
    else if (!context.omitText) and.push(contains("searchText", match.value));
  }
  if (filters.assignee) {
    if (filters.assignee === "none") and.push(Prisma.sql`"assigneeId" IS NULL`);
    else if (filters.assignee === "me") {
      if (!context.viewerId) throw new InvalidError("assignee=me needs a signed-in staff member.", { assignee: "Unknown staff member." });
      and.push(equals("assigneeId", context.viewerId));
    } else and.push(equals("assigneeId", filters.assignee));
  }
  if (filters.photos === "to_review") {
    // Correlated probes by primary-key lookups: LeadPhoto's (leadId, slot) unique index and
    // LeadAssessment's unique leadId; the other filters keep their index plans.
    and.push(Prisma.sql`EXISTS (SELECT 1 FROM "LeadPhoto" p WHERE p."leadId" = "Lead"."id")`);
    and.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM "LeadAssessment" x WHERE x."leadId" = "Lead"."id")`);
  }
  const range = dateRange(filters.from, filters.to, context.timeZone);
  if (range.gte) and.push(Prisma.sql`"createdAt" >= ${range.gte}`);
  if (range.lt) and.push(Prisma.sql`"createdAt" < ${range.lt}`);
  if (cursor && !filters.due) {
    // (createdAt, id) < (cursor.createdAt, cursor.id), written so that `createdAt <=` bounds the index range.
    and.push(Prisma.sql`"createdAt" <= ${cursor.createdAt} AND ("createdAt" < ${cursor.createdAt} OR "id" < ${cursor.id})`);
  }
  return and;
}

/**
 * The end of the follow-up window of `due`: the start of tomorrow in the clinic's time zone
 * ("today": everything due today, overdue included) or now ("overdue").
 */
export function dueBefore(due: DueFilter, clock: ReplyClock): Date {
  if (due === "overdue") return clock.now;
  return clinicMidnight(addLocalDays(localDateOf(clock.now, clock.calendar.timeZone), 1), clock.calendar.timeZone);
}

/** The follow-up terms: due before the bound, then (followUpAt, id) > cursor; served by Lead_followUpAt_id_idx. */
function dueConditions(due: DueFilter, clock: ReplyClock, cursor?: { createdAt: Date; id: string }): Prisma.Sql[] {
  const and = [Prisma.sql`"followUpAt" IS NOT NULL`, Prisma.sql`"followUpAt" < ${dueBefore(due, clock)}`];
  if (cursor) {
    and.push(Prisma.sql`"followUpAt" >= ${cursor.createdAt} AND ("followUpAt" > ${cursor.createdAt} OR "id" > ${cursor.id})`);
  }
  return and;
}

// --- queries -----------------------------------------------------------------------------------

/**
 * On SQLite, how a filter with a search or flag term is answered (lib/leads/inbox-search-sqlite.ts):
 * null without such a term, and always on PostgreSQL (its trigram indexes serve the LIKE terms).
 */
async function searchPlanOf(db: Db, filters: Partial<LeadFilters>): Promise<SearchPlan | null> {
  if (dbProviderOf(db) !== "sqlite") return null;
  const terms = searchTermsOf(filters, textSearchOf(filters));
  return terms ? planSearch(db, terms) : null;
}

/** The substring a text search looks for in searchText (null: no search, or an exact e-mail or phone). */
function textSearchOf(filters: Partial<LeadFilters>): string | null {
  if (!filters.q) return null;
  const match = searchMatch(filters.q);
  return match.kind === "text" ? match.value : null;
}

/**
 * PostgreSQL, a text search of one or two characters: its trigram index cannot serve it, and the
 * planner, expecting few matches, seq-scans the wide table (40 ms at 100,000 inquiries). The
 * search then filters a walk of Lead_inbox_covering_idx, newest first and index-only (a third of
 * the pages, and a page stops at its end): `OFFSET 0` keeps that walk a query of its own, which
 * the planner cannot merge with the filter. Returns the term, or null when it does not apply.
 */
function shortTextTerm(db: Db, filters: Partial<LeadListQuery>): Prisma.Sql | null {
  if (filters.due || dbProviderOf(db) !== "postgresql") return null;
  const text = textSearchOf(filters);
  return text !== null && [...text].length < TRIGRAM_MIN ? contains("searchText", text) : null;
}

const NEWEST_FIRST = Prisma.sql`ORDER BY "createdAt" DESC, "id" DESC`;

/** A flag or a text search: a LIKE term, which no B-tree index can answer. */
function hasSubstringTerm(filters: Partial<LeadFilters>): boolean {
  return filters.flag !== undefined || textSearchOf(filters) !== null;
}

/** Every filter but the search text and the flag (the FTS5 tables hold only listed inquiries, so those two alone are counted there). */
const OTHER_FILTERS = (Object.keys(leadFilterShape) as (keyof LeadFilters)[]).filter((key) => key !== "q" && key !== "flag");

/**
 * Step 1 of a page: the ids (at most `take`). Newest first from Lead_inbox_covering_idx alone; with
 * `due`, the follow-ups oldest due first from Lead_followUpAt_id_idx (few rows: the other filters
 * are checked on them); on SQLite, a search or flag with few candidates by those candidates.
 */
async function listLeadIds(
  db: Db,
  query: Partial<LeadListQuery>,
  take: number,
  context: ListContext,
  plan: { search: SearchPlan | null; indexable?: boolean },
): Promise<string[]> {
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const { search, indexable } = plan;
  const short = shortTextTerm(db, query);
  const conditions = inboxConditions(query, cursor, { viewerId: context.viewerId, timeZone: context.clock.calendar.timeZone, provider: dbProviderOf(db), indexable, omitText: short !== null });
  if (query.due) conditions.push(...dueConditions(query.due, context.clock, cursor));
  if (search?.kind === "narrow") conditions.push(search.condition);
  const where = Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}`;
  const limit = Prisma.raw(String(take));
  const order = query.due ? Prisma.sql`ORDER BY "followUpAt" ASC, "id" ASC` : NEWEST_FIRST;
  const rows = short
    ? await db.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM (SELECT "id", "createdAt", "searchText" FROM "Lead" ${where} ${NEWEST_FIRST} OFFSET 0) AS "walk" WHERE ${short} ${NEWEST_FIRST} LIMIT ${limit}`
    : await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Lead" ${where} ${order} LIMIT ${limit}`;
  return rows.map((row) => row.id);
}

export { COUNT_CAP };

/**
 * How many inquiries match the filters (the inbox's result count), up to COUNT_CAP + 1: the same
 * terms as the page, stopped after the cap. Equality-only filters go through the narrow partial
 * indexes (see inboxConditions `indexable`); with a substring term the covering index stays the one
 * place every term can be checked without a table lookup, unless (SQLite) the search index answers:
 * few candidates drive the count, and a common term that is the only filter is counted there.
 * `search`: the plan listLeadsCounted already made for the page.
 */
export async function countLeads(db: Db, filters: Partial<LeadFilters>, context: ListContext, search?: SearchPlan | null): Promise<number> {
  const plan = search === undefined ? await searchPlanOf(db, filters) : search;
  if (plan && OTHER_FILTERS.every((key) => filters[key] === undefined)) {
    // The search (and flag) alone: the index has the count (a narrow plan counted it already).
    return plan.kind === "walk" ? countCandidates(db, plan.terms, COUNT_CAP + 1) : Math.min(plan.candidates, COUNT_CAP + 1);
  }
  const short = shortTextTerm(db, filters);
  const conditions = inboxConditions(filters, undefined, {
    viewerId: context.viewerId,
    timeZone: context.clock.calendar.timeZone,
    provider: dbProviderOf(db),
    indexable: !hasSubstringTerm(filters),
    omitText: short !== null,
  });
  if (filters.due) conditions.push(...dueConditions(filters.due, context.clock));
  if (plan?.kind === "narrow") conditions.push(plan.condition);
  const where = Prisma.join(conditions, " AND ");
  const cap = Prisma.raw(String(COUNT_CAP + 1));
  const rows = short
    ? await db.$queryRaw<{ n: bigint | number }[]>`
        SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM (SELECT "searchText" FROM "Lead" WHERE ${where} ${NEWEST_FIRST} OFFSET 0) AS "walk" WHERE ${short} LIMIT ${cap}) AS "matches"`
    : await db.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM "Lead" WHERE ${where} LIMIT ${cap}) AS "matches"`;
  return Number(rows[0]?.n ?? 0);
}

/** Step 2: the rows of these ids by primary key, in the order of `ids` (an inquiry deleted in between is left out). */
async function leadSummaryRows(db: Db, ids: readonly string[]): Promise<LeadSummaryRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.lead.findMany({ where: { id: { in: [...ids] } }, select: leadSummarySelect });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row): row is LeadSummaryRow => row !== undefined);
}

const pageSize = (limit: number) => Math.max(1, Math.min(MAX_PAGE_SIZE, Math.trunc(limit)));

/**
 * One page of inquiries, newest first: THE list query of the staff inbox page and GET /api/v1/leads.
 *
 * Two steps: (1) the ids of the page plus one (is there a next page?) from Lead_inbox_covering_idx
 * alone: `ORDER BY createdAt DESC, id DESC` is the index order read backwards, so the scan stops
 * after `limit + 1` matches, and when few or no rows match it still reads only the narrow index
 * entries, never the wide table rows; (2) the full rows of those ids by primary key.
 */
export async function listLeads(db: Db, query: Partial<LeadListQuery> & { limit: number }, context: ListContext): Promise<LeadPage> {
  const limit = pageSize(query.limit);
  const ids = await listLeadIds(db, query, limit + 1, context, { search: await searchPlanOf(db, query) });
  return pageOf(query, limit, ids, await leadSummaryRows(db, ids.slice(0, limit)), context);
}

function pageOf(query: Partial<LeadListQuery>, limit: number, ids: readonly string[], page: LeadSummaryRow[], context: ListContext): LeadPage {
  const last = page[page.length - 1];
  const next = ids.length > limit && last ? (query.due ? encodeDueCursor(last) : encodeCursor(last)) : null;
  return { items: page.map((row) => toLeadSummary(row, context.clock)), nextCursor: next };
}

/**
 * The inbox page: listLeads plus countLeads (how many match), with the count left out when the page
 * itself gives it: a first page with no next page holds every match. A search or filter with few or
 * no matches then reads the index once instead of twice (the worst cases of the inbox).
 */
export async function listLeadsCounted(
  db: Db,
  query: Partial<LeadListQuery> & { limit: number },
  context: ListContext,
): Promise<LeadPage & { matching: number }> {
  const limit = pageSize(query.limit);
  if (dbProviderOf(db) === "sqlite" && !hasSubstringTerm(query) && OTHER_FILTERS.some((key) => query[key] !== undefined)) {
    // SQLite, equality and range filters only: the count first (a range of one narrow partial index,
    // under a millisecond); when few match, the page reads them the same way and sorts them, instead
    // of walking the covering index past every other inquiry (20 ms when nothing matches).
    const matching = await countLeads(db, query, context, null);
    const ids = await listLeadIds(db, query, limit + 1, context, { search: null, indexable: matching <= SEARCH_NARROW_MAX });
    return { ...pageOf(query, limit, ids, await leadSummaryRows(db, ids.slice(0, limit)), context), matching };
  }
  const search = await searchPlanOf(db, query);
  const ids = await listLeadIds(db, query, limit + 1, context, { search });
  const complete = !query.cursor && ids.length <= limit;
  const [rows, matching] = await Promise.all([leadSummaryRows(db, ids.slice(0, limit)), complete ? ids.length : countLeads(db, query, context, search)]);
  return { ...pageOf(query, limit, ids, rows, context), matching };
}

/**
 * How many inquiries are in each status (one GROUP BY on the status index), merged tombstones left
 * out (a second GROUP BY over the few rows of the partial mergedIntoId index). That one groups by
 * `"status" || ''` on purpose: grouped by the bare column, SQLite walks the whole status index and
 * looks up every row to find the few merged ones.
 */
export async function countLeadsByStatus(db: Db): Promise<Record<LeadStatus, number>> {
  const [groups, merged] = await Promise.all([
    db.lead.groupBy({ by: ["status"], _count: { _all: true } }),
    db.$queryRaw<{ status: string; n: bigint | number }[]>`
      SELECT ("status" || '') AS "status", COUNT(*) AS "n" FROM "Lead" WHERE "mergedIntoId" IS NOT NULL GROUP BY 1`,
  ]);
  const counts = Object.fromEntries(LEAD_STATUSES.map((s) => [s, 0])) as Record<LeadStatus, number>;
  for (const g of groups) if (isLeadStatus(g.status)) counts[g.status] = g._count._all;
  for (const g of merged) if (isLeadStatus(g.status)) counts[g.status] -= Number(g.n);
  return counts;
}

/** A row of "Who to call first": a person's latest inquiry, with their earlier ones (lib/leads/same-person.ts). */
export type CallFirstItem = LeadSummary & { earlier: EarlierInquiries | null };

export interface CallFirstGroup {
  eligibility: CandidacyStatus;
  /** New inquiries of this eligibility (the "see all" list has them all). */
  total: number;
  /** People: new inquiries that are their person's latest (one row each). */
  people: number;
  items: CallFirstItem[];
}

/**
 * "Who to call first": new inquiries nobody has contacted yet, one row per person (issue 22 item 3:
 * someone who asked six times is one call, not six rows), eligible ones first (then eligible with
 * conditions, consultation required, clearance required), and inside each group overdue first,
 * then the longest waiting: both are "oldest first", since waiting time only grows with age
 * (lib/leads/speed-to-lead.ts).
 *
 * A person's row is their latest inquiry (lib/leads/same-person.ts IS_LATEST_OF_PERSON), in the
 * group of its eligibility, with the count and list of their earlier inquiries. A new inquiry whose
 * person asked again later is left out here (the later one stands for them; a later one already
 * contacted means the person was called) and stays in the "New" list. Served by
 * Lead_status_eligibility_createdAt_id_escalatedAt_idx plus a probe of Lead_relatedLeadId_idx per
 * candidate. Merged tombstones are never "new" (a merge closes them), so no extra term is needed.
 */
export async function listCallFirst(db: Db, context: ListContext, perGroup = 10): Promise<CallFirstGroup[]> {
  const take = pageSize(perGroup);
  const oldestNew = async (eligibility: string) =>
    (
      await db.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "Lead" WHERE "status" = 'new' AND "eligibility" = ${eligibility} AND ${IS_LATEST_OF_PERSON}
        ORDER BY "createdAt" ASC, "id" ASC LIMIT ${Prisma.raw(String(take))}`
    ).map((row) => row.id);
  // One row fetch and one walk of the earlier inquiries for all four groups.
  const [totals, people, ...groupIds] = await Promise.all([
    db.lead.groupBy({ by: ["eligibility"], where: { status: "new" }, _count: { _all: true } }),
    db.$queryRaw<{ eligibility: string; n: bigint | number }[]>`
      SELECT "eligibility", COUNT(*) AS "n" FROM "Lead" WHERE "status" = 'new' AND ${IS_LATEST_OF_PERSON} GROUP BY "eligibility"`,
    ...ELIGIBILITY_ORDER.map((eligibility) => oldestNew(eligibility)),
  ]);
  const ids = groupIds.flat();
  const [summaryRows, earlier] = await Promise.all([leadSummaryRows(db, ids), earlierInquiriesOf(db, ids)]);
  const rows = new Map(summaryRows.map((row) => [row.id, row]));
  return ELIGIBILITY_ORDER.map((eligibility, i) => ({
    eligibility,
    total: totals.find((t) => t.eligibility === eligibility)?._count._all ?? 0,
    people: Number(people.find((p) => p.eligibility === eligibility)?.n ?? 0),
    items: (groupIds[i] ?? []).flatMap((id) => {
      const row = rows.get(id);
      return row ? [{ ...toLeadSummary(row, context.clock), earlier: earlier.get(id) ?? null }] : [];
    }),
  }));
}
