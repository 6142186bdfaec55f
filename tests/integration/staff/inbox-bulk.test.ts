/**
 * The inbox's bulk bar and the lead page's "opened" line, in-process on both databases: the bulk
 * action (through the same domain function as POST /api/v1/leads/bulk) says what it did in words,
 * names the people when it refuses (a stale version from the page, a move the workflow does not
 * allow) and changes nothing then; the views summary counts distinct staff and clinic days.
 */
import { bulkUpdateLeadsAction } from "@/app/staff/leads/actions";
import { POST as bulkRoute } from "@/app/api/v1/leads/bulk/route";
import { leadViewSummary } from "@/lib/leads/lead-detail";
import { recordAudit } from "@/lib/audit/record";
import { IDLE, type ActionState } from "@/lib/workspace/action-state";
import { staffRequest, storeLead } from "@/tests/support/staff-leads";
import { staffFixture } from "@/tests/support/staff-fixture";
import { as, outcome } from "@/tests/support/staff-request";
import { forEachProvider } from "@/tests/support/test-db";

vi.mock("next/headers", async () => (await import("@/tests/support/staff-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/staff-request")).nextCacheMock);

// createSignedInStaff names its users "Test <role>".
const ADMIN_NAME = "Test admin";
const FRONT_NAME = "Test front_desk";

/** The bulk bar's form as the browser posts it: ticked ids, each row's version, the two selects. */
function bulkForm(rows: { id: string; version: number }[], fields: { status?: string; assigneeId?: string }): FormData {
  const data = new FormData();
  for (const row of rows) {
    data.append("ids", row.id);
    data.append(`version.${row.id}`, String(row.version));
  }
  data.set("status", fields.status ?? "");
  data.set("assigneeId", fields.assigneeId ?? "");
  return data;
}

forEachProvider("inbox bulk bar and views summary", (t) => {
  const fixture = staffFixture(t);
  const lead = async (lastName: string) => {
    const id = await storeLead(t.db, { contact: { firstName: "Bulk", lastName } });
    return { id, version: (await t.db.lead.findUniqueOrThrow({ where: { id } })).version };
  };
  const run = async (data: FormData): Promise<ActionState> => {
    const result = await outcome(() => bulkUpdateLeadsAction(IDLE, data));
    if (result.kind !== "ok") throw new Error(`unexpected ${result.kind}`);
    return result.value;
  };

  it("assigns three in one go: the message names the count and the assignee; one audit row each; again changes nothing", async () => {
    as(fixture.front);
    const rows = [await lead("Uno"), await lead("Dos"), await lead("Tres")];
    const state = await run(bulkForm(rows, { assigneeId: fixture.admin.id }));
    expect(state).toEqual({ status: "ok", message: `3 inquiries assigned to ${ADMIN_NAME}.` });
    for (const row of rows) {
      const stored = await t.db.lead.findUniqueOrThrow({ where: { id: row.id } });
      expect(stored.assigneeId).toBe(fixture.admin.id);
      expect(await t.db.leadEvent.count({ where: { leadId: row.id, type: "bulk_changed", actorId: fixture.front.id } })).toBe(1);
    }
    const fresh = await Promise.all(rows.map(async (r) => ({ id: r.id, version: (await t.db.lead.findUniqueOrThrow({ where: { id: r.id } })).version })));
    expect(await run(bulkForm(fresh, { assigneeId: fixture.admin.id }))).toEqual({
      status: "ok",
      message: `Nothing to change: the 3 selected inquiries already were assigned to ${ADMIN_NAME}.`,
    });
    // Status and "nobody" together; one of them was already contacted.
    await t.db.lead.update({ where: { id: rows[0]!.id }, data: { status: "contacted", version: { increment: 1 } } });
    const now = await Promise.all(rows.map(async (r) => ({ id: r.id, version: (await t.db.lead.findUniqueOrThrow({ where: { id: r.id } })).version })));
    expect(await run(bulkForm(now, { status: "contacted", assigneeId: "none" }))).toEqual({
      status: "ok",
      message: "3 inquiries moved to Contacted and unassigned.",
    });
  });

  it("an inquiry changed since the page was loaded: a conflict naming the person, nothing changed", async () => {
    as(fixture.front);
    const a = await lead("Fresh");
    const b = await lead("Stale");
    await t.db.lead.update({ where: { id: b.id }, data: { assigneeId: fixture.front.id, version: { increment: 1 } } });
    const state = await run(bulkForm([a, b], { assigneeId: fixture.admin.id }));
    expect(state.status).toBe("conflict");
    expect(state.message).toBe("Nothing was changed: Bulk Stale was changed by someone else since this page was loaded. Reload the inbox and try again.");
    expect((await t.db.lead.findUniqueOrThrow({ where: { id: a.id } })).assigneeId).toBeNull();
    expect((await t.db.lead.findUniqueOrThrow({ where: { id: b.id } })).assigneeId).toBe(fixture.front.id);
    expect(await t.db.leadEvent.count({ where: { leadId: { in: [a.id, b.id] }, type: "bulk_changed" } })).toBe(0);
  });

  it("moves the workflow does not allow name every inquiry with its status; nothing is selected or chosen: field messages", async () => {
    as(fixture.front);
    const ok = await lead("Movable");
    const done = [await lead("Patient1"), await lead("Patient2")];
    for (const row of done) await t.db.lead.update({ where: { id: row.id }, data: { status: "became_patient", version: { increment: 1 } } });
    const rows = await Promise.all([ok, ...done].map(async (r) => ({ id: r.id, version: (await t.db.lead.findUniqueOrThrow({ where: { id: r.id } })).version })));
    const state = await run(bulkForm(rows, { status: "contacted" }));
    expect(state.status).toBe("error");
    expect(state.message).toBe("Nothing was changed: Bulk Patient1 (Became a patient) and Bulk Patient2 (Became a patient) cannot move to “Contacted”. Untick them or choose another status.");
    expect((await t.db.lead.findUniqueOrThrow({ where: { id: ok.id } })).status).toBe("new");

    const empty = await run(bulkForm([], { assigneeId: fixture.admin.id }));
    expect(empty.status).toBe("error");
    expect(empty.fields?.ids).toBe("Select at least one inquiry.");
    const nothing = await run(bulkForm([ok], {}));
    expect(nothing.status).toBe("error");
    expect(Object.values(nothing.fields ?? {})).toContain("Nothing to change: choose a status or an assignee.");
  });

  it("the API's optional versions: a stale one is 409 and changes nothing; current ones go through", async () => {
    const a = await lead("ApiA");
    const b = await lead("ApiB");
    const post = (body: unknown) => bulkRoute(staffRequest("/api/v1/leads/bulk", fixture.front.headers, { method: "POST", body: JSON.stringify(body) }));
    const stale = await post({ ids: [a.id, b.id], assigneeId: fixture.admin.id, versions: { [a.id]: a.version, [b.id]: b.version + 1 } });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toMatch(/CONFLICT/i);
    expect((await t.db.lead.findUniqueOrThrow({ where: { id: a.id } })).assigneeId).toBeNull();
    const current = await post({ ids: [a.id, b.id], assigneeId: fixture.admin.id, versions: { [a.id]: a.version, [b.id]: b.version } });
    expect(current.status).toBe(200);
    expect(await current.json()).toEqual({ updated: 2 });
    const bad = await post({ ids: [a.id], assigneeId: null, versions: { [a.id]: "one" } });
    expect(bad.status).toBe(400);
    await bad.arrayBuffer();
  });

  it("anonymous: sent to sign-in, nothing changed", async () => {
    const row = await lead("Anon");
    as(null);
    const result = await outcome(() => bulkUpdateLeadsAction(IDLE, bulkForm([row], { assigneeId: fixture.admin.id })));
    expect(result.kind).toBe("redirect");
    expect((await t.db.lead.findUniqueOrThrow({ where: { id: row.id } })).assigneeId).toBeNull();
  });

  it("the views summary counts distinct staff and clinic days, and who opened it last besides the viewer", async () => {
    const { id } = await lead("Viewed");
    const at = (iso: string) => new Date(iso);
    // Los Angeles: 2026-12-01 07:30Z is still Nov 30 there; 18:00Z and 23:00Z are Dec 1; Dec 2 10:00 local.
    const views = [
      { actorId: fixture.front.id, createdAt: at("2026-12-01T07:30:00Z") },
      { actorId: fixture.front.id, createdAt: at("2026-12-01T18:00:00Z") },
      { actorId: fixture.admin.id, createdAt: at("2026-12-01T23:00:00Z") },
      { actorId: fixture.front.id, createdAt: at("2026-12-02T18:00:00Z") },
    ];
    for (const view of views) await t.db.leadEvent.create({ data: { type: "viewed", leadId: id, data: { via: "page" }, ...view } });
    // Other kinds of events are not views.
    await recordAudit(t.db, { actorId: fixture.admin.id, leadId: id, type: "note_added" });
    expect(await leadViewSummary(t.db, id, fixture.front.id, "America/Los_Angeles")).toEqual({
      times: 4,
      people: 2,
      days: 3,
      lastByOther: { name: ADMIN_NAME, at: "2026-12-01T23:00:00.000Z" },
    });
    // In UTC the first two fall on one day.
    expect((await leadViewSummary(t.db, id, fixture.admin.id, "UTC")).days).toBe(2);
    expect((await leadViewSummary(t.db, id, fixture.admin.id, "UTC")).lastByOther?.name).toBe(FRONT_NAME);
  });
});
