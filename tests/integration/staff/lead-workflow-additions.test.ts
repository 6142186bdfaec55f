/**
 * "Lead workflow additions" of api-v1.md on both databases: first-contact time, follow-ups and the
 * due / assignee filters, merging duplicates, bulk changes; and the role checks of the new routes.
 */
import { POST as bulkRoute } from "@/app/api/v1/leads/bulk/route";
import { GET as listRoute } from "@/app/api/v1/leads/route";
import { GET as getRoute, PATCH as patchRoute } from "@/app/api/v1/leads/[id]/route";
import { POST as mergeRoute } from "@/app/api/v1/leads/[id]/merge/route";
import { closeDb } from "@/lib/db/client";
import { STALE_VERSION_MESSAGE } from "@/lib/leads/lead-workflow";
import { anonymousHeaders, createSignedInStaff, type SignedInStaff } from "@/tests/support/staff-auth";
import { ctx, staffRequest, storeLead } from "@/tests/support/staff-leads";
import { forEachProvider } from "@/tests/support/test-db";

interface Item {
  id: string;
  status: string;
  version: number;
  firstContactedAt: string | null;
  followUpAt: string | null;
  followUpNote: string | null;
  waitingMinutes: number | null;
  mergedIntoId: string | null;
  assignee: { id: string } | null;
}
interface Detail extends Item {
  notes: { id: string; body: string }[];
  events: { type: string; data: unknown }[];
}
interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

const json = (body: unknown) => ({ method: "POST", body: JSON.stringify(body) });
const HOUR = 3_600_000;

forEachProvider("lead workflow additions", (t) => {
  let front: SignedInStaff;
  let other: SignedInStaff;
  const unique = () => `${Date.now()}.${Math.random().toString(36).slice(2, 8)}`;
  const lead = (lastName = "Workflow") => storeLead(t.db, { contact: { lastName, email: `wf.${unique()}@example.com`, phone: `+1949555${String(Math.floor(Math.random() * 9000) + 1000)}` } });

  const get = async (id: string, who = front) => {
    const res = await getRoute(staffRequest(`/api/v1/leads/${id}`, who.headers), ctx(id));
    return { status: res.status, body: (await res.json()) as Detail };
  };
  const patch = async (id: string, body: unknown, who = front) => {
    const res = await patchRoute(staffRequest(`/api/v1/leads/${id}`, who.headers, { method: "PATCH", body: JSON.stringify(body) }), ctx(id));
    return { status: res.status, body: (await res.json()) as Detail & ErrorBody };
  };
  const list = async (query: string, who = front) => {
    const res = await listRoute(staffRequest(`/api/v1/leads?${query}`, who.headers));
    return { status: res.status, body: (await res.json()) as { items: Item[]; nextCursor: string | null } & ErrorBody };
  };

  beforeAll(async () => {
    process.env.DATABASE_URL = t.url;
    front = await createSignedInStaff(t.db, "front_desk", "front");
    other = await createSignedInStaff(t.db, "front_desk", "other");
  });
  afterAll(async () => {
    await closeDb();
  });

  it("a new inquiry carries the workflow fields; firstContactedAt is set on the first move out of new, once", async () => {
    const id = await lead();
    const fresh = await get(id);
    expect(fresh.body).toMatchObject({ status: "new", firstContactedAt: null, followUpAt: null, mergedIntoId: null });
    expect(typeof fresh.body.waitingMinutes).toBe("number");

    const before = Date.now();
    const contacted = await patch(id, { status: "contacted", version: fresh.body.version });
    expect(contacted.status).toBe(200);
    const first = contacted.body.firstContactedAt;
    expect(first).not.toBeNull();
    expect(Date.parse(first ?? "")).toBeGreaterThanOrEqual(before - 1000);
    expect(contacted.body.waitingMinutes).toBeNull();

    // Back to new and out again: the first contact stays the first.
    const back = await patch(id, { status: "new", version: contacted.body.version });
    const again = await patch(id, { status: "contacted", version: back.body.version });
    expect(again.body.firstContactedAt).toBe(first);
  });

  it("PATCH followUpAt sets and clears a follow-up (audited); a closed status clears it; bad dates are 400", async () => {
    const id = await lead();
    const at = new Date(Date.now() + 26 * HOUR).toISOString();
    const set = await patch(id, { followUpAt: at, followUpNote: "Call after work" });
    expect(set.status).toBe(200);
    expect(set.body.followUpAt).toBe(at);
    expect(set.body.followUpNote).toBe("Call after work");
    expect(set.body.events.some((e) => e.type === "follow_up_set")).toBe(true);

    const bad = await patch(id, { followUpAt: "tomorrow" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.followUpAt).toMatch(/ISO date-time/);

    const cleared = await patch(id, { followUpAt: null });
    expect(cleared.body.followUpAt).toBeNull();
    expect(cleared.body.followUpNote).toBeNull();

    await patch(id, { followUpAt: at });
    const closed = await patch(id, { status: "not_proceeding", closedReason: "Chose another clinic" });
    expect(closed.body.followUpAt).toBeNull();
  });

  it("due=overdue, due=today and assignee=me|none|<id> filter the list", async () => {
    const overdue = await lead("Dueover");
    const later = await lead("Duelater");
    const none = await lead("Duenone");
    await patch(overdue, { followUpAt: new Date(Date.now() - 2 * HOUR).toISOString(), assigneeId: front.id });
    await patch(later, { followUpAt: new Date(Date.now() + 40 * 24 * HOUR).toISOString(), assigneeId: other.id });

    const over = await list("due=overdue&limit=100");
    expect(over.status).toBe(200);
    const overIds = over.body.items.map((i) => i.id);
    expect(overIds).toContain(overdue);
    expect(overIds).not.toContain(later);
    expect(overIds).not.toContain(none);
    // Oldest due first.
    const dues = over.body.items.map((i) => Date.parse(i.followUpAt ?? ""));
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);

    const today = (await list("due=today&limit=100")).body.items.map((i) => i.id);
    expect(today).toContain(overdue);
    expect(today).not.toContain(later);

    const mine = (await list("assignee=me&limit=100")).body.items;
    expect(mine.map((i) => i.id)).toContain(overdue);
    expect(mine.every((i) => i.assignee?.id === front.id)).toBe(true);
    const theirs = (await list("assignee=me&limit=100", other)).body.items.map((i) => i.id);
    expect(theirs).toContain(later);
    expect(theirs).not.toContain(overdue);
    const byId = (await list(`assignee=${other.id}&limit=100`)).body.items.map((i) => i.id);
    expect(byId).toEqual(theirs);
    const nobody = (await list("assignee=none&limit=100")).body.items;
    expect(nobody.map((i) => i.id)).toContain(none);
    expect(nobody.every((i) => i.assignee === null)).toBe(true);

    const wrong = await list("due=yesterday");
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields?.due).toBe("Use due=today or due=overdue.");
  });

  describe("merge", () => {
    it("moves notes and events to the survivor, leaves a tombstone without contact data, audits it", async () => {
      const survivor = await lead("Survivor");
      const duplicate = await lead("Duplicate");
      await patch(duplicate, { note: "Prefers mornings" });
      const dup = await get(duplicate);
      const res = await mergeRoute(staffRequest(`/api/v1/leads/${duplicate}/merge`, front.headers, json({ intoId: survivor, version: dup.body.version })), ctx(duplicate));
      expect(res.status).toBe(200);
      const merged = (await res.json()) as Detail;
      expect(merged.id).toBe(survivor);
      expect(merged.notes.map((n) => n.body)).toContain("Prefers mornings");
      expect(merged.events.some((e) => e.type === "merged" && (e.data as { mergedId?: string }).mergedId === duplicate)).toBe(true);
      expect(merged.events.filter((e) => e.type === "created")).toHaveLength(2);

      const tomb = await get(duplicate);
      expect(tomb.status).toBe(200);
      expect(tomb.body).toEqual({ id: duplicate, mergedIntoId: survivor });
      const row = await t.db.lead.findUniqueOrThrow({ where: { id: duplicate } });
      expect(row).toMatchObject({ firstName: "", lastName: "", email: "", phone: "", patientNotes: null, searchText: "", mergedIntoId: survivor });
      const events = await t.db.leadEvent.findMany({ where: { leadId: duplicate } });
      // Its history moved; what stays is the merge itself (and the audited view of the tombstone just now).
      expect(events.map((e) => e.type).filter((type) => type !== "viewed")).toEqual(["merged_away"]);
      // Never listed again.
      expect((await list("q=duplicate&limit=100")).body.items.map((i) => i.id)).not.toContain(duplicate);
      // A tombstone cannot be changed.
      expect((await patch(duplicate, { note: "late" })).status).toBe(400);
    });

    it("409 on a stale version; 400 into itself, into a merged one, or when already merged; nothing changes", async () => {
      const a = await lead();
      const b = await lead();
      const c = await lead();
      const version = (await get(a)).body.version;
      await patch(a, { assigneeId: front.id, version });
      const stale = await mergeRoute(staffRequest(`/api/v1/leads/${a}/merge`, front.headers, json({ intoId: b, version })), ctx(a));
      expect(stale.status).toBe(409);
      expect(((await stale.json()) as ErrorBody).error.message).toBe(STALE_VERSION_MESSAGE);
      expect((await get(a)).body.mergedIntoId).toBeNull();

      const self = await mergeRoute(staffRequest(`/api/v1/leads/${a}/merge`, front.headers, json({ intoId: a, version: version + 1 })), ctx(a));
      expect(self.status).toBe(400);

      const ok = await mergeRoute(staffRequest(`/api/v1/leads/${b}/merge`, front.headers, json({ intoId: c, version: (await get(b)).body.version })), ctx(b));
      expect(ok.status).toBe(200);
      await ok.arrayBuffer();
      const intoMerged = await mergeRoute(staffRequest(`/api/v1/leads/${a}/merge`, front.headers, json({ intoId: b, version: version + 1 })), ctx(a));
      expect(intoMerged.status).toBe(400);
      expect(((await intoMerged.json()) as ErrorBody).error.fields?.intoId).toBeDefined();
      const twice = await mergeRoute(staffRequest(`/api/v1/leads/${b}/merge`, front.headers, json({ intoId: a, version: 99 })), ctx(b));
      expect(twice.status).toBe(400);
      expect((await get(a)).body.mergedIntoId).toBeNull();
    });
  });

  describe("bulk", () => {
    it("assigns and moves three inquiries in one transaction with one audit row each", async () => {
      const ids = [await lead(), await lead(), await lead()];
      const res = await bulkRoute(staffRequest("/api/v1/leads/bulk", front.headers, json({ ids, assigneeId: other.id, status: "contacted" })));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ updated: 3 });
      for (const id of ids) {
        const d = (await get(id)).body;
        expect(d.assignee?.id).toBe(other.id);
        expect(d.status).toBe("contacted");
        expect(d.firstContactedAt).not.toBeNull();
        expect(d.events.filter((e) => e.type === "bulk_changed")).toHaveLength(1);
      }
      // The same again changes nothing.
      const again = await bulkRoute(staffRequest("/api/v1/leads/bulk", front.headers, json({ ids, assigneeId: other.id })));
      expect(await again.json()).toEqual({ updated: 0 });
    });

    it("all or nothing: one inquiry that cannot make the move (or an unknown id) changes none; over 100 ids is 400", async () => {
      const movable = await lead();
      const patient = await lead();
      for (const status of ["contacted", "consultation_booked", "became_patient"]) await patch(patient, { status });
      const res = await bulkRoute(staffRequest("/api/v1/leads/bulk", front.headers, json({ ids: [movable, patient], status: "contacted" })));
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.fields?.ids).toBe(patient);
      expect((await get(movable)).body.status).toBe("new");
      expect((await get(movable)).body.events.some((e) => e.type === "bulk_changed")).toBe(false);

      const unknown = await bulkRoute(staffRequest("/api/v1/leads/bulk", front.headers, json({ ids: [movable, "cnotthere0000000000000000"], assigneeId: null })));
      expect(unknown.status).toBe(400);
      await unknown.arrayBuffer();
      const many = await bulkRoute(staffRequest("/api/v1/leads/bulk", front.headers, json({ ids: Array.from({ length: 101 }, (_, i) => `c${i}`), assigneeId: null })));
      expect(many.status).toBe(400);
      expect(((await many.json()) as ErrorBody).error.fields?.ids).toMatch(/at most 100/);
    });
  });

  it("the new routes: anonymous 401, front desk allowed", async () => {
    const id = await lead();
    const anonMerge = await mergeRoute(staffRequest(`/api/v1/leads/${id}/merge`, anonymousHeaders(), json({ intoId: "x", version: 1 })), ctx(id));
    expect(anonMerge.status).toBe(401);
    const anonBulk = await bulkRoute(staffRequest("/api/v1/leads/bulk", anonymousHeaders(), json({ ids: [id], assigneeId: null })));
    expect(anonBulk.status).toBe(401);
    const anonList = await listRoute(staffRequest("/api/v1/leads?due=today", anonymousHeaders()));
    expect(anonList.status).toBe(401);
    const frontBulk = await bulkRoute(staffRequest("/api/v1/leads/bulk", front.headers, json({ ids: [id], assigneeId: front.id })));
    expect(frontBulk.status).toBe(200);
    await frontBulk.arrayBuffer();
  });
});
