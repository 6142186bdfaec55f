/**
 * The inbox page's list + count (listLeadsCounted) on both databases: the same items as listLeads and
 * the same count as countLeads for every kind of filter, whether the count is read from the page (a
 * first page with no next page) or counted; and on PostgreSQL the trigram indexes the search and
 * flag filters rely on (migration 20261201123406); the status counts without merged tombstones.
 */
import type { LeadListQuery } from "@/lib/leads/lead-filters";
import { replyClock } from "@/lib/leads/reply-clock";
import { countLeads, countLeadsByStatus, listLeads, listLeadsCounted, type ListContext } from "@/lib/leads/staff-inbox";
import { storeLead } from "@/tests/support/staff-leads";
import { forEachProvider } from "@/tests/support/test-db";

forEachProvider("inbox list + count", (t) => {
  const tag = `cnt${Math.random().toString(36).slice(2, 8)}`;
  let context: ListContext;
  let viewerId: string;

  beforeAll(async () => {
    const viewer = await t.db.user.create({ data: { id: `viewer-${tag}`, name: "Viewer", email: `${tag}@demo.clinic`, emailVerified: true, role: "front_desk" } });
    viewerId = viewer.id;
    for (let i = 0; i < 7; i++) {
      const id = await storeLead(t.db, {
        answers: i % 2 === 0 ? { scars: [], skinConditions: [] } : { skinConditions: ["psoriasis"] },
        contact: { lastName: i < 5 ? `${tag}common` : `${tag}rare`, email: `${tag}.${i}@example.com`, phone: `+1949555${String(1000 + i)}` },
      });
      if (i % 3 === 0) await t.db.lead.update({ where: { id }, data: { assigneeId: viewerId } });
    }
    context = { clock: await replyClock(t.db), viewerId };
  });

  const cases: [string, Partial<LeadListQuery>][] = [
    ["every inquiry of the tag (page full: counted)", { q: tag }],
    ["five matches (page full: counted)", { q: `${tag}common` }],
    ["two matches (page not full: read from the page)", { q: `${tag}rare` }],
    ["no match", { q: `${tag}zzyzx` }],
    ["assignee=me", { q: tag, assignee: "me" }],
    ["assignee=none", { q: tag, assignee: "none" }],
    ["flag", { q: tag, flag: "DERM_CLEARANCE_REQUIRED" }],
    ["flag with no match", { q: tag, flag: "KELOID_TENDENCY" }],
    ["status", { q: tag, status: "new" }],
    ["status with no match", { q: tag, status: "became_patient" }],
  ];

  it.each(cases)("%s: same items as listLeads, same count as countLeads", async (_name, query) => {
    const listed = await listLeads(t.db, { ...query, limit: 3 }, context);
    const counted = await listLeadsCounted(t.db, { ...query, limit: 3 }, context);
    expect(counted.items.map((i) => i.id)).toEqual(listed.items.map((i) => i.id));
    expect(counted.nextCursor).toBe(listed.nextCursor);
    expect(counted.matching).toBe(await countLeads(t.db, query, context));
  });

  it("counts on the next pages too (a cursor page is never the whole result)", async () => {
    const first = await listLeadsCounted(t.db, { q: tag, limit: 3 }, context);
    expect(first.matching).toBe(7);
    const second = await listLeadsCounted(t.db, { q: tag, limit: 3, cursor: first.nextCursor ?? "" }, context);
    expect(second.items).toHaveLength(3);
    expect(second.matching).toBe(7);
    const third = await listLeadsCounted(t.db, { q: tag, limit: 3, cursor: second.nextCursor ?? "" }, context);
    expect(third.items).toHaveLength(1);
    expect(third.matching).toBe(7);
    expect(third.nextCursor).toBeNull();
  });

  it("the counts are what the filters say", async () => {
    const matching = async (query: Partial<LeadListQuery>) => (await listLeadsCounted(t.db, { ...query, limit: 25 }, context)).matching;
    expect(await matching({ q: tag })).toBe(7);
    expect(await matching({ q: `${tag}rare` })).toBe(2);
    expect(await matching({ q: `${tag}zzyzx` })).toBe(0);
    expect(await matching({ q: tag, assignee: "me" })).toBe(3);
    expect(await matching({ q: tag, assignee: "none" })).toBe(4);
  });

  // Last: it merges one inquiry (the cases above count seven).
  it("the status counts leave merged tombstones out", async () => {
    const before = await countLeadsByStatus(t.db);
    expect(Object.values(before).reduce((a, b) => a + b, 0)).toBe(7);
    const [survivor, merged] = (await listLeads(t.db, { q: tag, limit: 2 }, context)).items;
    await t.db.lead.update({ where: { id: merged?.id ?? "" }, data: { status: "not_proceeding", mergedIntoId: survivor?.id ?? "" } });
    const after = await countLeadsByStatus(t.db);
    expect(after.not_proceeding).toBe(0);
    expect(after.new).toBe(before.new - 1);
    expect((await listLeadsCounted(t.db, { q: tag, limit: 25 }, context)).matching).toBe(6);
  });

  if (t.provider === "postgresql") {
    it("the search and flag filters have their trigram indexes", async () => {
      const rows = await t.db.$queryRaw<{ indexname: string }[]>`SELECT indexname FROM pg_indexes WHERE tablename = 'Lead' AND indexdef LIKE '%gin_trgm_ops%' ORDER BY indexname`;
      expect(rows.map((r) => r.indexname)).toEqual(["Lead_flagCodes_trgm_idx", "Lead_searchText_trgm_idx"]);
    });
  }
});
