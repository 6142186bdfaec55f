/**
 * "Who to call first", one row per person (issue 22 item 3; lib/leads/same-person.ts), on both
 * databases: a person who asked six times (the same phone) is one row, their latest inquiry, with
 * "+5 earlier" listing the five others newest first; the group counts people and inquiries; the row
 * sits in the group of the latest inquiry's eligibility; a person whose latest inquiry was contacted
 * is not in the view; a merged duplicate does not hide the survivor.
 */
import { mergeLead } from "@/lib/leads/lead-merge";
import { updateLead } from "@/lib/leads/lead-workflow";
import { replyClock } from "@/lib/leads/reply-clock";
import { EARLIER_LISTED } from "@/lib/leads/same-person";
import { listCallFirst, type CallFirstGroup, type ListContext } from "@/lib/leads/staff-inbox";
import { storeLead } from "@/tests/support/staff-leads";
import { staffFixture } from "@/tests/support/staff-fixture";
import { forEachProvider } from "@/tests/support/test-db";

const HOUR = 3_600_000;

forEachProvider("who to call first: one row per person", (t) => {
  const fixture = staffFixture(t, { lead: false });
  let context: ListContext;
  const ago = (hours: number) => new Date(Date.now() - hours * HOUR);
  const all = (groups: CallFirstGroup[]) => groups.flatMap((g) => g.items);
  const group = (groups: CallFirstGroup[], eligibility: string) => groups.find((g) => g.eligibility === eligibility);

  beforeAll(async () => {
    context = { clock: await replyClock(t.db) };
  });

  it("six inquiries from one phone are one row: the latest, with +5 earlier listed newest first", async () => {
    const phone = "+17145550601";
    const ids: string[] = [];
    // The first five need clearance (psoriasis); the latest is eligible: the row goes with the latest.
    for (let i = 0; i < 6; i++) {
      ids.push(
        await storeLead(t.db, {
          contact: { firstName: "Rosa", lastName: "Muñoz", email: `rosa.${i}@example.com`, phone },
          answers: i < 5 ? { skinConditions: ["psoriasis"], dermatologyClearance: false } : { skinConditions: [] },
          now: ago(12 - i),
        }),
      );
    }
    const someoneElse = await storeLead(t.db, { contact: { firstName: "Sarah", lastName: "Smith", email: "sarah.cf@example.com", phone: "+17145550602" }, now: ago(11) });
    // "Asked before" is the product's own link: each later inquiry points at the one before it.
    const related = await t.db.lead.findMany({ where: { id: { in: ids } }, orderBy: { createdAt: "asc" }, select: { id: true, relatedLeadId: true } });
    expect(related.map((r) => r.relatedLeadId)).toEqual([null, ...ids.slice(0, 5)]);

    const groups = await listCallFirst(t.db, context);
    const rows = all(groups).filter((r) => ids.includes(r.id));
    expect(rows.map((r) => r.id)).toEqual([ids[5]]);
    const row = rows[0];
    expect(row?.eligibility).toBe("eligible");
    expect(row?.earlier?.count).toBe(5);
    expect(row?.earlier?.items.map((e) => e.id)).toEqual(ids.slice(0, 5).reverse());
    expect(row?.earlier?.items.every((e) => e.status === "new" && e.reference !== null)).toBe(true);
    expect(all(groups).find((r) => r.id === someoneElse)?.earlier).toBeNull();

    // People and inquiries per group: the five earlier ones are new clearance_required inquiries, no person's row.
    expect(group(groups, "clearance_required")).toMatchObject({ total: 5, people: 0, items: [] });
    expect(group(groups, "eligible")).toMatchObject({ total: 2, people: 2 });
  });

  it("lists at most EARLIER_LISTED earlier inquiries and counts them all", async () => {
    const phone = "+17145550611";
    const ids: string[] = [];
    for (let i = 0; i < EARLIER_LISTED + 3; i++) {
      ids.push(await storeLead(t.db, { contact: { firstName: "Tomás", lastName: "Ruiz", email: `tomas.${i}@example.com`, phone }, now: ago(40 - i) }));
    }
    const row = all(await listCallFirst(t.db, context)).find((r) => ids.includes(r.id));
    expect(row?.id).toBe(ids[ids.length - 1]);
    expect(row?.earlier?.count).toBe(EARLIER_LISTED + 2);
    expect(row?.earlier?.items.map((e) => e.id)).toEqual(ids.slice(0, -1).reverse().slice(0, EARLIER_LISTED));
  });

  it("a person whose latest inquiry was contacted is not in the view; their earlier new one stays in the New list", async () => {
    const earlier = await storeLead(t.db, { contact: { firstName: "Elena", lastName: "Vásquez", email: "elena.v@example.com", phone: "+17145550621" }, now: ago(30) });
    const latest = await storeLead(t.db, { contact: { firstName: "Elena", lastName: "Vásquez", email: "elena.v@example.com", phone: "+17145550621" }, now: ago(29) });
    let ids = all(await listCallFirst(t.db, context)).map((r) => r.id);
    expect(ids).toContain(latest);
    expect(ids).not.toContain(earlier);
    await updateLead(t.db, fixture.admin.id, latest, { status: "contacted", version: 1 });
    ids = all(await listCallFirst(t.db, context)).map((r) => r.id);
    expect(ids).not.toContain(latest);
    expect(ids).not.toContain(earlier);
    expect((await t.db.lead.findUniqueOrThrow({ where: { id: earlier } })).status).toBe("new");
  });

  it("a merged duplicate neither hides its survivor nor counts as an earlier inquiry", async () => {
    const first = await storeLead(t.db, { contact: { firstName: "Iván", lastName: "Peña", email: "ivan.p@example.com", phone: "+17145550631" }, now: ago(50) });
    const duplicate = await storeLead(t.db, { contact: { firstName: "Iván", lastName: "Peña", email: "ivan.p@example.com", phone: "+17145550631" }, now: ago(49) });
    await mergeLead(t.db, fixture.admin.id, duplicate, { intoId: first, version: 1 });
    const row = all(await listCallFirst(t.db, context)).find((r) => r.id === first || r.id === duplicate);
    expect(row?.id).toBe(first);
    expect(row?.earlier).toBeNull();
  });
});
