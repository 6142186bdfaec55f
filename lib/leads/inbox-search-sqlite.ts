import "server-only";

import { type Db, Prisma } from "@/lib/db/client";
import type { LeadFilters } from "@/lib/leads/lead-filters";

/**
 * The staff inbox's search and flag filter on SQLite, through the FTS5 tables of migration
 * 20261201161000 (LeadSearch: trigram over "searchText"; LeadFlagSearch: one token per flag code;
 * LeadSearchRow: their integer key per listed inquiry). docs/decisions/009-staff-workspace.md
 * "Search on SQLite".
 *
 * The index only narrows: the LIKE terms of inboxConditions stay in every query, so what matches is
 * exactly what matched before (a trigram phrase is a case-folded substring match; searchText and the
 * term are both lower-cased already). PostgreSQL does the same from its trigram GIN indexes.
 */

/**
 * The tables of migration 20261201161000, outside prisma/schema.prisma: the key table, the two FTS5
 * virtual tables and the shadow tables FTS5 keeps for each (the drift test accepts exactly these).
 */
export const SQLITE_SEARCH_TABLES: readonly string[] = [
  "LeadSearchRow",
  ...["LeadSearch", "LeadFlagSearch"].flatMap((table) => [table, `${table}_config`, `${table}_data`, `${table}_docsize`, `${table}_idx`]),
];

/**
 * At most this many candidates, the page and the count are driven by them (a primary-key lookup
 * each, then the sort). More, and matches are common enough that the newest-first walk of
 * Lead_inbox_covering_idx finds a page within a few thousand entries.
 */
export const SEARCH_NARROW_MAX = 2000;

/** A trigram needs three characters: shorter terms match no row of a trigram index (SQLite's or PostgreSQL's). */
export const TRIGRAM_MIN = 3;

export interface SearchTerms {
  /** Lower-cased substring of searchText (3 or more characters). */
  text?: string;
  /** A flag code (one of FLAG_CODES). */
  flag?: string;
}

/** An FTS5 string: a phrase in double quotes, a double quote inside doubled. */
export function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/**
 * The terms the FTS5 tables can answer: the flag, and a text search of 3 or more characters (`text`:
 * the substring that inboxConditions matches with LIKE; an e-mail or phone search goes through its
 * own index instead). Null when there are none.
 */
export function searchTermsOf(filters: Partial<LeadFilters>, text: string | null): SearchTerms | null {
  const terms: SearchTerms = {};
  if (filters.flag) terms.flag = filters.flag;
  if (text !== null && [...text].length >= TRIGRAM_MIN) terms.text = text;
  return terms.flag || terms.text ? terms : null;
}

/** The LeadSearchRow keys of the listed inquiries matching every term. */
function matchingRowids(terms: SearchTerms): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (terms.text) parts.push(Prisma.sql`SELECT "rowid" FROM "LeadSearch" WHERE "LeadSearch" MATCH ${ftsPhrase(terms.text)}`);
  if (terms.flag) parts.push(Prisma.sql`SELECT "rowid" FROM "LeadFlagSearch" WHERE "LeadFlagSearch" MATCH ${ftsPhrase(terms.flag)}`);
  return Prisma.join(parts, " INTERSECT ", "", "");
}

/** The inbox term `"id" IN (the candidates' ids)`: with it, SQLite drives the query by primary-key lookups. */
export function candidateCondition(terms: SearchTerms): Prisma.Sql {
  return Prisma.sql`"id" IN (SELECT "leadId" FROM "LeadSearchRow" WHERE "rowid" IN (${matchingRowids(terms)}))`;
}

/** How many listed inquiries match every term, counted from the index alone, up to `cap`. */
export async function countCandidates(db: Db, terms: SearchTerms, cap: number): Promise<number> {
  const rows = await db.$queryRaw<{ n: bigint | number }[]>`
    SELECT COUNT(*) AS "n" FROM (${matchingRowids(terms)} LIMIT ${Prisma.raw(String(Math.max(1, Math.trunc(cap))))}) AS "m"`;
  return Number(rows[0]?.n ?? 0);
}

/**
 * How the inbox answers a filter with a search or flag term on SQLite:
 * - `narrow`: few candidates (<= SEARCH_NARROW_MAX): page and count are driven by them, and when
 *   the terms are the only filters the count is `candidates` itself (as for `walk` below: a
 *   trigram phrase over the folded text is the substring match the LIKE term makes);
 * - `walk`: many; the page walks the covering index (it stops early), and the count is
 *   `candidates` itself when the terms are the only filters (the index holds only listed inquiries),
 *   else a pass over the covering index.
 */
export type SearchPlan = { kind: "narrow"; condition: Prisma.Sql; candidates: number } | { kind: "walk"; terms: SearchTerms };

export async function planSearch(db: Db, terms: SearchTerms): Promise<SearchPlan> {
  const candidates = await countCandidates(db, terms, SEARCH_NARROW_MAX + 1);
  return candidates <= SEARCH_NARROW_MAX ? { kind: "narrow", condition: candidateCondition(terms), candidates } : { kind: "walk", terms };
}
