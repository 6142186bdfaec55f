import "server-only";

import { z } from "zod";

import type { CandidacyStatus } from "@/lib/candidacy/result";
import type { Db, Prisma } from "@/lib/db/client";
import { badRequest } from "@/lib/http/errors";
import { normalizePhone } from "@/lib/leads/lead-input";
import { dateRange, type LeadFilters, type LeadListQuery } from "@/lib/leads/lead-filters";
import { ELIGIBILITY_ORDER, isLeadStatus, LEAD_STATUSES, type LeadStatus } from "@/lib/leads/lead-status";

/**
 * The staff inbox: a keyset-paged list (cursor = createdAt + id, newest first) over the indexes of
 * Lead ([createdAt desc, id], [status, createdAt], [eligibility, createdAt], [email], [phone],
 * [norwoodStage], [ludwigStage]). No OFFSET, no COUNT per row: a page costs one indexed range scan
 * that stops after `limit + 1` rows; the status counts are one GROUP BY over the status index.
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
  if (!match?.[1] || !match[2]) throw badRequest("The cursor is not valid: start again from the first page.", { cursor: "Invalid cursor." });
  return { createdAt: new Date(Number(match[1])), id: match[2] };
}

// --- filters -----------------------------------------------------------------------------------

const emailOnly = z.email();

/** How a search term is matched: an exact email or phone uses its index; anything else the lower-cased searchText. */
export function searchCondition(q: string): Prisma.LeadWhereInput {
  const term = q.trim().toLowerCase();
  if (emailOnly.safeParse(term).success) return { email: term };
  if (/^[+()\d\s.-]{7,}$/.test(term)) {
    const digits = term.replace(/\D/g, "");
    const e164 = normalizePhone(term);
    if (e164 && digits.length >= 10) return { phone: e164 };
    return { searchText: { contains: digits } };
  }
  return { searchText: { contains: term } };
}

export function leadWhere(filters: Partial<LeadFilters>): Prisma.LeadWhereInput {
  const and: Prisma.LeadWhereInput[] = [];
  if (filters.status) and.push({ status: filters.status });
  if (filters.eligibility) and.push({ eligibility: filters.eligibility });
  if (filters.flag) and.push({ flagCodes: { contains: `,${filters.flag},` } });
  if (filters.norwood) and.push({ norwoodStage: filters.norwood });
  if (filters.ludwig) and.push({ ludwigStage: filters.ludwig });
  if (filters.q) and.push(searchCondition(filters.q));
  const range = dateRange(filters.from, filters.to);
  if (range.gte || range.lt) and.push({ createdAt: { ...(range.gte ? { gte: range.gte } : {}), ...(range.lt ? { lt: range.lt } : {}) } });
  return and.length === 0 ? {} : and.length === 1 ? (and[0] as Prisma.LeadWhereInput) : { AND: and };
}

function afterCursor(cursor: string | undefined): Prisma.LeadWhereInput | null {
  if (!cursor) return null;
  const c = decodeCursor(cursor);
  return { OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] };
}

// --- queries -----------------------------------------------------------------------------------

/** One page of inquiries, newest first. */
export async function listLeads(db: Db, query: Partial<LeadListQuery> & { limit: number }): Promise<LeadPage> {
  const where = leadWhere(query);
  const cursor = afterCursor(query.cursor);
  const rows = await db.lead.findMany({
    where: cursor ? { AND: [where, cursor] } : where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: leadSummarySelect,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { items: page.map(toLeadSummary), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
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
  const [totals, ...groups] = await Promise.all([
    db.lead.groupBy({ by: ["eligibility"], where: { status: "new" }, _count: { _all: true } }),
    ...ELIGIBILITY_ORDER.map((eligibility) => listLeads(db, { status: "new", eligibility, limit: perGroup })),
  ]);
  return ELIGIBILITY_ORDER.map((eligibility, i) => ({
    eligibility,
    total: totals.find((t) => t.eligibility === eligibility)?._count._all ?? 0,
    items: groups[i]?.items ?? [],
  }));
}
