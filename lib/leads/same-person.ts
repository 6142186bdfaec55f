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
 * For each of `ids`, its earlier inquiries, newest first, merged tombstones left out: (1) the
 * `relatedLeadId` links followed back for all ids in one recursive query, each step a primary-key
 * lookup (a scalar subquery: written as a join, SQLite's planner builds a Bloom filter over the
 * whole "Lead" key index for it, 50-120 ms of CPU at 100,000 inquiries); `UNION` (not `UNION ALL`)
 * stops at a pair already reached, so links a merge turned into a loop end too; (2) the rows
 * reached, by primary key. Ids with no earlier inquiry are absent from the map.
 */
export async function earlierInquiriesOf(db: Db, ids: readonly string[]): Promise<Map<string, EarlierInquiries>> {
  const result = new Map<string, EarlierInquiries>();
  if (ids.length === 0) return result;
  const links = await db.$queryRaw<{ root: string; id: string }[]>`
    WITH RECURSIVE "chain"("root", "id") AS (
      SELECT "id", "relatedLeadId" FROM "Lead" WHERE "id" IN (${Prisma.join([...ids])}) AND "relatedLeadId" IS NOT NULL
      UNION
      SELECT "chain"."root", (SELECT "l"."relatedLeadId" FROM "Lead" AS "l" WHERE "l"."id" = "chain"."id") FROM "chain" WHERE "chain"."id" IS NOT NULL
    )
    SELECT "root", "id" FROM "chain" WHERE "id" IS NOT NULL AND "id" <> "root"`;
  if (links.length === 0) return result;
  const rows = await db.lead.findMany({
    where: { id: { in: [...new Set(links.map((link) => link.id))] }, mergedIntoId: null },
    select: { id: true, reference: true, createdAt: true, status: true },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const newestFirst = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1);
  const perRoot = new Map<string, typeof rows>();
  for (const link of links) {
    const row = byId.get(link.id);
    if (!row) continue;
    const earlier = perRoot.get(link.root);
    if (earlier) earlier.push(row);
    else perRoot.set(link.root, [row]);
  }
  for (const [root, earlier] of perRoot) {
    earlier.sort(newestFirst);
    result.set(root, {
      count: earlier.length,
      items: earlier.slice(0, EARLIER_LISTED).map((row) => ({
        id: row.id,
        reference: row.reference,
        createdAt: row.createdAt.toISOString(),
        status: isLeadStatus(row.status) ? row.status : "new",
      })),
    });
  }
  return result;
}
