import "server-only";

import { z } from "zod";

import type { CandidacyStatus } from "@/lib/candidacy/result";
import { type Db, Prisma } from "@/lib/db/client";
import { InvalidError } from "@/lib/errors";
import { normalizePhone } from "@/lib/leads/lead-input";
import { dateRange, MAX_PAGE_SIZE, type LeadFilters, type LeadListQuery } from "@/lib/leads/lead-filters";
import { ELIGIBILITY_ORDER, isLeadStatus, LEAD_STATUSES, type LeadStatus } from "@/lib/leads/lead-status";

/**
 * The staff inbox: a keyset-paged list (cursor = createdAt + id, newest first). A page is an id query
 * answered from the covering index Lead_inbox_covering_idx (createdAt, id and every filter column,
 * read backwards), then the full rows of those ids; no OFFSET, no COUNT per row. The status counts are one
 * GROUP BY over the status index. See docs/decisions/009-staff-workspace.md.
 */

export interface LeadSummary {
  id: string;
  createdAt: string;
  status: LeadStatus;
  closedReason: string | null;
  eligibility: CandidacyStatus;
  flags: string[];
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  preferredContact: string;
  sex: string;
  age: number;
  lossPattern: string;
  norwoodStage: string | null;
  ludwigStage: string | null;
  goal: string;
  price: { minUsd: number; maxUsd: number; estimate: boolean; basis: string; tableVersion: number };
  assignee: { id: string; name: string } | null;
  relatedLeadId: string | null;
  version: number;
}

export interface LeadPage {
  items: LeadSummary[];
  nextCursor: string | null;
}

export const leadSummarySelect = {
  id: true,
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
  assignee: { select: { id: true, name: true } },
} as const satisfies Prisma.LeadSelect;

export type LeadSummaryRow = Prisma.LeadGetPayload<{ select: typeof leadSummarySelect }>;

/** ",A,B," -> ["A", "B"] */
export function flagCodesOf(column: string): string[] {
  return column.split(",").filter((code) => code !== "");
}

export function toLeadSummary(row: LeadSummaryRow): LeadSummary {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    status: isLeadStatus(row.status) ? row.status : "new",
    closedReason: row.closedReason,
    eligibility: row.eligibility as CandidacyStatus,
    flags: flagCodesOf(row.flagCodes),
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    phone: row.phone,
    preferredContact: row.preferredContact,
    sex: row.sex,
    age: row.age,
    lossPattern: row.lossPattern,
    norwoodStage: row.norwoodStage,
    ludwigStage: row.ludwigStage,
    goal: row.goal,
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
  };
}

// --- cursor ------------------------------------------------------------------------------------

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.getTime()}:${row.id}`, "utf8").toString("base64url");
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

export function searchMatch(q: string): SearchMatch {
  const term = q.trim().toLowerCase();
  if (emailOnly.safeParse(term).success) return { kind: "email", value: term };
  if (/^[+()\d\s.-]{7,}$/.test(term)) {
    const digits = term.replace(/\D/g, "");
    const e164 = normalizePhone(term);
    if (e164 && digits.length >= 10) return { kind: "phone", value: e164 };
    return { kind: "text", value: digits };
  }
  return { kind: "text", value: term };
}

/**
 * `term` as a LIKE pattern "contains term" where `%`, `_` and `\` stand for themselves (used with
 * `ESCAPE '\'`). Prisma's `contains` does not escape them, and SQLite's LIKE has no default escape
 * character, so a search for "%" would match every inquiry.
 */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const column = (name: "status" | "eligibility" | "norwoodStage" | "ludwigStage") => Prisma.raw(`"${name}"`);

/**
 * The WHERE terms of the inbox id query (step 1 of listLeads), plain SQL that runs unchanged on
 * SQLite and PostgreSQL.
 *
 * Equality filters are written `("status" || '') = ?`: an expression is not indexable, so the planner
 * cannot pick a narrow single-purpose index (status+createdAt, kept for the counts; migration 20261123211000 dropped the others), which costs a
 * table lookup per scanned row (about 130 ms for "eligibility=eligible + a search with no match" at
 * 100,000 inquiries on SQLite without ANALYZE statistics), over Lead_inbox_covering_idx, whose entries
 * hold every filter column (worst case, nothing matches: one pass over the index, 10-25 ms). Only an exact email or
 * phone search keeps its own index: at most a handful of rows.
 */
export function inboxConditions(filters: Partial<LeadFilters>, cursor?: { createdAt: Date; id: string }, timeZone?: string): Prisma.Sql[] {
  const and: Prisma.Sql[] = [];
  const equals = (name: Parameters<typeof column>[0], value: string) => Prisma.sql`(${column(name)} || '') = ${value}`;
  const contains = (name: "flagCodes" | "searchText", term: string) => Prisma.sql`${Prisma.raw(`"${name}"`)} LIKE ${containsPattern(term)} ESCAPE '\\'`;
  if (filters.status) and.push(equals("status", filters.status));
  if (filters.eligibility) and.push(equals("eligibility", filters.eligibility));
  if (filters.norwood) and.push(equals("norwoodStage", filters.norwood));
  if (filters.ludwig) and.push(equals("ludwigStage", filters.ludwig));
  if (filters.flag) and.push(contains("flagCodes", `,${filters.flag},`));
  if (filters.q) {
    const match = searchMatch(filters.q);
    if (match.kind === "email") and.push(Prisma.sql`"email" = ${match.value}`);
    else if (match.kind === "phone") and.push(Prisma.sql`"phone" = ${match.value}`);
    else and.push(contains("searchText", match.value));
  }
  const range = dateRange(filters.from, filters.to, timeZone);
  if (range.gte) and.push(Prisma.sql`"createdAt" >= ${range.gte}`);
  if (range.lt) and.push(Prisma.sql`"createdAt" < ${range.lt}`);
  if (cursor) {
    // (createdAt, id) < (cursor.createdAt, cursor.id), written so that `createdAt <=` bounds the index range.
    and.push(Prisma.sql`"createdAt" <= ${cursor.createdAt} AND ("createdAt" < ${cursor.createdAt} OR "id" < ${cursor.id})`);
  }
  return and;
}

// --- queries -----------------------------------------------------------------------------------

/** Step 1 of a page: the ids (newest first, at most `take`) from Lead_inbox_covering_idx alone. */
async function listLeadIds(db: Db, query: Partial<LeadListQuery>, take: number): Promise<string[]> {
  const conditions = inboxConditions(query, query.cursor ? decodeCursor(query.cursor) : undefined);
  const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Lead" ${where} ORDER BY "createdAt" DESC, "id" DESC LIMIT ${Prisma.raw(String(take))}`;
  return rows.map((row) => row.id);
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
export async function listLeads(db: Db, query: Partial<LeadListQuery> & { limit: number }): Promise<LeadPage> {
  const limit = pageSize(query.limit);
  const ids = await listLeadIds(db, query, limit + 1);
  const page = await leadSummaryRows(db, ids.slice(0, limit));
  const last = page[page.length - 1];
  return { items: page.map(toLeadSummary), nextCursor: ids.length > limit && last ? encodeCursor(last) : null };
}

/** How many inquiries are in each status (one GROUP BY on the status index). */
export async function countLeadsByStatus(db: Db): Promise<Record<LeadStatus, number>> {
  const groups = await db.lead.groupBy({ by: ["status"], _count: { _all: true } });
  const counts = Object.fromEntries(LEAD_STATUSES.map((s) => [s, 0])) as Record<LeadStatus, number>;
  for (const g of groups) if (isLeadStatus(g.status)) counts[g.status] = g._count._all;
  return counts;
}

export interface CallFirstGroup {
  eligibility: CandidacyStatus;
  total: number;
  items: LeadSummary[];
}

/**
 * "Who to call first": new inquiries nobody has contacted yet, eligible ones first (then eligible
 * with conditions, consultation required, clearance required), newest first inside each group:
 * a fresh inquiry is the likeliest to pick up the phone.
 */
export async function listCallFirst(db: Db, perGroup = 10): Promise<CallFirstGroup[]> {
  const take = pageSize(perGroup);
  // The same two steps as listLeads, with one row fetch for all four groups.
  const [totals, ...groupIds] = await Promise.all([
    db.lead.groupBy({ by: ["eligibility"], where: { status: "new" }, _count: { _all: true } }),
    ...ELIGIBILITY_ORDER.map((eligibility) => listLeadIds(db, { status: "new", eligibility }, take)),
  ]);
  const rows = new Map((await leadSummaryRows(db, groupIds.flat())).map((row) => [row.id, row]));
  return ELIGIBILITY_ORDER.map((eligibility, i) => ({
    eligibility,
    total: totals.find((t) => t.eligibility === eligibility)?._count._all ?? 0,
    items: (groupIds[i] ?? []).flatMap((id) => {
      const row = rows.get(id);
      return row ? [toLeadSummary(row)] : [];
    }),
  }));
}
