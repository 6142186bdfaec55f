/**
 * The inbox's ways to a page and a count (lib/leads/staff-inbox.ts, lib/leads/inbox-search-sqlite.ts)
 * give the same inquiries and the same count as the plain definition of each filter, on both
 * databases: a search or flag with few candidates (driven by SQLite's FTS5 tables), with more than
 * SEARCH_NARROW_MAX (the covering-index walk; counted from the search index when it is the only
 * filter), equality filters counted first, short terms, quotes in a term. And SQLite's search tables
 * follow every write of an inquiry: insert, merge (a tombstone is not listed), erasure.
 */
import { randomBytes } from "node:crypto";

import { COUNT_CAP, type LeadListQuery } from "@/lib/leads/lead-filters";
import { replyClock } from "@/lib/leads/reply-clock";
import { SEARCH_NARROW_MAX } from "@/lib/leads/inbox-search-sqlite";
import { countLeads, listLeads, listLeadsCounted, type ListContext } from "@/lib/leads/staff-inbox";
import type { Db } from "@/lib/db/client";
import { storeLead } from "@/tests/support/staff-leads";
import { forEachProvider } from "@/tests/support/test-db";

const MANY = SEARCH_NARROW_MAX + 150;

/** `count` copies of the stored inquiry `id` (new ids, references and idempotency keys), lastName `lastName`, one second apart. */
async function cloneLead(db: Db, id: string, count: number, lastName: string, flagCodes: string): Promise<void> {
  const { id: _id, reference: _reference, idempotencyKey: _key, relatedLeadId: _related, assigneeId: _assignee, mergedIntoId: _merged, createdAt, ...row } = await db.lead.findUniqueOrThrow({ where: { id } });
  const data = Array.from({ length: count }, (_, i) => ({
    ...row,
    answers: row.answers ?? {},
    result: row.result ?? {},
    id: `c${randomBytes(12).toString("hex")}`,
    idempotencyKey: randomBytes(16).toString("hex"),
    createdAt: new Date(createdAt.getTime() - (i + 1) * 1000),
    lastName,
    flagCodes,
    searchText: `${row.firstName} ${lastName} ${row.email} ${row.phone}`.toLowerCase(),
  }));
  for (let i = 0; i < data.length; i += 500) await db.lead.createMany({ data: data.slice(i, i + 500) });
}

forEachProvider("inbox search paths", (t) => {
  const tag = `sx${randomBytes(3).toString("hex")}`;
  let context: ListContext;

  /** What a filter means, without any index: the listed inquiries whose columns say so, newest first. */
  async function expected(query: Partial<LeadListQuery>): Promise<string[]> {
    const rows = await t.db.lead.findMany({ where: { mergedIntoId: null }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true, searchText: true, flagCodes: true, status: true, norwoodStage: true, ludwigStage: true } });
    return rows
      .filter((r) => (query.q === undefined || r.searchText.includes(query.q.toLowerCase())) && (query.flag === undefined || r.flagCodes.includes(`,${query.flag},`)))
      .filter((r) => (query.status === undefined || r.status === query.status) && (query.norwood === undefined || r.norwoodStage === query.norwood) && (query.ludwig === undefined || r.ludwigStage === query.ludwig))
      .map((r) => r.id);
  }

  beforeAll(async () => {
    const seedMany = await storeLead(t.db, { answers: { scars: [], skinConditions: ["psoriasis"] }, contact: { lastName: `${tag}many`, email: `${tag}.many@example.com`, phone: "+19495550100" } });
    await cloneLead(t.db, seedMany, MANY - 1, `${tag}many`, ",DERM_CLEARANCE_REQUIRED,");
    for (let i = 0; i < 4; i++) {
      await storeLead(t.db, { answers: { skinConditions: [] }, contact: { lastName: `${tag}rare`, email: `${tag}.rare${i}@example.com`, phone: `+1949555${String(2000 + i)}` } });
    }
    context = { clock: await replyClock(t.db) };
  }, 120_000);

  const cases: [string, Partial<LeadListQuery>][] = [
    ["a common term (more candidates than SEARCH_NARROW_MAX)", { q: `${tag}many` }],
    ["a rare term (few candidates)", { q: `${tag}rare` }],
    ["a term nothing matches", { q: `${tag}zzyzx` }],
    ["a common flag", { flag: "DERM_CLEARANCE_REQUIRED" }],
    ["a common flag and a rare term", { flag: "DERM_CLEARANCE_REQUIRED", q: tag }],
    ["a flag nothing has", { flag: "KELOID_TENDENCY" }],
    ["a common term and a status", { q: `${tag}many`, status: "new" }],
    ["a two-letter term (no trigram)", { q: tag.slice(0, 2) }],
    ["a quote in the term", { q: `${tag}"rare` }],
    ["equality filters, few matches (counted first)", { status: "new", norwood: "7", ludwig: "II" }],
    ["equality filters, many matches", { status: "new" }],
  ];

  it.each(cases)("%s: the page and the count are what the filter says", async (_name, query) => {
    const want = await expected(query);
    const page = await listLeadsCounted(t.db, { ...query, limit: 25 }, context);
    expect(page.items.map((i) => i.id)).toEqual(want.slice(0, 25));
    expect(page.matching).toBe(Math.min(want.length, COUNT_CAP + 1));
    expect(await countLeads(t.db, query, context)).toBe(page.matching);
    const listed = await listLeads(t.db, { ...query, limit: 25 }, context);
    expect(listed.items.map((i) => i.id)).toEqual(want.slice(0, 25));
    expect(listed.nextCursor).toBe(page.nextCursor);
    if (page.nextCursor) {
      const second = await listLeadsCounted(t.db, { ...query, limit: 25, cursor: page.nextCursor }, context);
      expect(second.items.map((i) => i.id)).toEqual(want.slice(25, 50));
    }
  });

  it("the data set reaches both sides of SEARCH_NARROW_MAX", async () => {
    expect((await expected({ q: `${tag}many` })).length).toBe(MANY);
    expect((await expected({ q: `${tag}rare` })).length).toBe(4);
  });

  if (t.provider === "sqlite") {
    const indexed = async (email: string) =>
      Number((await t.db.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS "n" FROM "LeadSearch" WHERE "LeadSearch" MATCH ${`"${email}"`}`)[0]?.n ?? 0);

    it("SQLite: a new inquiry is in the search tables at once; a merged one leaves them; an erased one leaves no key behind", async () => {
      const survivor = await storeLead(t.db, { contact: { lastName: `${tag}keep`, email: `${tag}.keep@example.com`, phone: "+19495553000" } });
      const merged = await storeLead(t.db, { contact: { lastName: `${tag}gone`, email: `${tag}.gone@example.com`, phone: "+19495553001" } });
      expect(await indexed(`${tag}.gone@example.com`)).toBe(1);
      expect((await listLeadsCounted(t.db, { q: `${tag}gone`, limit: 25 }, context)).matching).toBe(1);

      // What lib/leads/lead-merge.ts writes on the tombstone.
      await t.db.lead.update({ where: { id: merged }, data: { mergedIntoId: survivor, searchText: "", status: "not_proceeding" } });
      expect(await indexed(`${tag}.gone@example.com`)).toBe(0);
      expect((await listLeadsCounted(t.db, { q: `${tag}gone`, limit: 25 }, context)).matching).toBe(0);
      const keys = await t.db.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS "n" FROM "LeadSearchRow" WHERE "leadId" = ${merged}`;
      expect(Number(keys[0]?.n)).toBe(0);

      await t.db.lead.delete({ where: { id: survivor } });
      expect(await indexed(`${tag}.keep@example.com`)).toBe(0);
      const left = await t.db.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS "n" FROM "LeadSearchRow" WHERE "leadId" = ${survivor}`;
      expect(Number(left[0]?.n)).toBe(0);
      // One key per listed inquiry, no more.
      const [rows, listed] = await Promise.all([
        t.db.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS "n" FROM "LeadSearchRow"`,
        t.db.lead.count({ where: { mergedIntoId: null } }),
      ]);
      expect(Number(rows[0]?.n)).toBe(listed);
    });
  }
});
