import "server-only";

import { type Db, Prisma } from "@/lib/db/client";
import { isLeadStatus, type LeadStatus } from "@/lib/leads/lead-status";

/**
 * "The same person": THE one home of how the staff workspace tells that two inquiries come from one
 * person. It is the repeat-inquiry link the product already shows as "Asked before": when an
 * inquiry is stored, the latest earlier inquiry with the same e-mail or phone within
 * REPEAT_INQUIRY_WINDOW_MS (lib/leads/create-lead.ts; the lookup runs inside the write,
 * lib/leads/lead-write*.ts) becomes its `relatedLeadId`. Following those links from an inquiry gives
 * every earlier inquiry of the person; an inquiry no listed inquiry links to is the person's latest.
 * A merge repoints the links to the survivor and clears the tombstone's own (lib/leads/lead-merge.ts).
 *
 * Used by "Who to call first" (lib/leads/staff-inbox.ts listCallFirst): one row per person, the
 * latest inquiry, with the earlier ones counted and listed (issue 22 item 3).
 */

/**
 * The SQL term "no listed inquiry is a later one of the same person" for a query over "Lead": it
 * holds for a person's latest inquiry. A probe of the partial index Lead_relatedLeadId_idx (only
 * inquiries that asked before are in it); a row is read only when a later inquiry exists.
 */
export const IS_LATEST_OF_PERSON = Prisma.sql`NOT EXISTS (SELECT 1 FROM "Lead" AS "later" WHERE "later"."relatedLeadId" = "Lead"."id" AND "later"."mergedIntoId" IS NULL)`;

/** One earlier inquiry of the person, as a row of "Who to call first" lists it. */
export interface EarlierInquiry {
  id: string;
  reference: string | null;
  createdAt: string;
  status: LeadStatus;
}

/** The earlier inquiries of a person's latest one: how many, and the newest of them (at most EARLIER_LISTED). */
export interface EarlierInquiries {
  count: number;
  items: EarlierInquiry[];
}

/** How many earlier inquiries a row lists (the count says how many there are in all). */
export const EARLIER_LISTED = 10;

/**
 * For each of `ids`, its earlier inquiries: the `relatedLeadId` links followed back (one recursive
 * query for all ids, a primary-key lookup per link), newest first, merged tombstones left out.
 * `UNION` (not `UNION ALL`) stops at an inquiry already reached, so links a merge turned into a
 * loop end too (the links only ever point at inquiries that exist, so the walk is finite). Ids with no earlier inquiry are absent from the map.
 */
export async function earlierInquiriesOf(db: Db, ids: readonly string[]): Promise<Map<string, EarlierInquiries>> {
  const result = new Map<string, EarlierInquiries>();
  if (ids.length === 0) return result;
  const rows = await db.$queryRaw<{ root: string; id: string; reference: string | null; createdAt: Date | string | number; status: string }[]>`
    WITH RECURSIVE "chain"("root", "id") AS (
      SELECT "id", "relatedLeadId" FROM "Lead" WHERE "id" IN (${Prisma.join([...ids])}) AND "relatedLeadId" IS NOT NULL
      UNION
      SELECT "chain"."root", "Lead"."relatedLeadId" FROM "chain" JOIN "Lead" ON "Lead"."id" = "chain"."id" WHERE "Lead"."relatedLeadId" IS NOT NULL
    )
    SELECT "chain"."root", "Lead"."id", "Lead"."reference", "Lead"."createdAt", "Lead"."status"
    FROM "chain" JOIN "Lead" ON "Lead"."id" = "chain"."id"
    WHERE "Lead"."mergedIntoId" IS NULL AND "Lead"."id" <> "chain"."root"
    ORDER BY "chain"."root", "Lead"."createdAt" DESC, "Lead"."id" DESC`;
  for (const row of rows) {
    const entry = result.get(row.root) ?? { count: 0, items: [] };
    entry.count += 1;
    if (entry.items.length < EARLIER_LISTED) {
      entry.items.push({
        id: row.id,
        reference: row.reference,
        createdAt: new Date(row.createdAt).toISOString(),
        status: isLeadStatus(row.status) ? row.status : "new",
      });
    }
    result.set(row.root, entry);
  }
  return result;
}
