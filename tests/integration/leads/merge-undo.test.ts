/**
 * Merge and its undo (issue 22 item 7, docs/decisions/025-merge-undo.md) on both databases: undo puts
 * back exactly what the merge changed; only the staff member who merged, within 24 hours, once (the
 * database decides between two undos); the merged reference finds its survivor (item 2); the
 * survivor's timeline knows what came from where.
 */
import { bookConsultation, cancelConsultation } from "@/lib/booking/consultations";
import { POST as undoRoute } from "@/app/api/v1/leads/[id]/merge/undo/route";
import { closeDb, type Db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, InvalidError } from "@/lib/errors";
import { eraseLead } from "@/lib/leads/erase-lead";
import { MERGE_UNDO_WINDOW_MS, mergeInfo, mergeLead, mergeOrigins, purgeExpiredMergeUndo, undoMerge } from "@/lib/leads/lead-merge";
import { findMergedReference } from "@/lib/leads/merged-reference";
import { createSignedInStaff, type SignedInStaff } from "@/tests/support/staff-auth";
import { ctx, staffRequest, storeLead } from "@/tests/support/staff-leads";
import { forEachProvider } from "@/tests/support/test-db";

const LEAD_COLUMNS = {
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
  patientNotes: true,
  searchText: true,
  status: true,
  closedReason: true,
  followUpAt: true,
  followUpNote: true,
  assigneeId: true,
  relatedLeadId: true,
  mergedIntoId: true,
  reference: true,
} as const;

/** Everything of the four inquiries a merge of B into C touches, except versions. */
async function snapshot(db: Db, ids: { a: string; b: string; c: string; d: string }) {
  const leads = await Promise.all([ids.a, ids.b, ids.c, ids.d].map((id) => db.lead.findUniqueOrThrow({ where: { id }, select: LEAD_COLUMNS })));
  const [notesB, eventsB, outboxB, notesC, eventsC] = await Promise.all([
    db.leadNote.findMany({ where: { leadId: ids.b }, orderBy: { id: "asc" } }),
    db.leadEvent.findMany({ where: { leadId: ids.b }, select: { id: true, type: true }, orderBy: { id: "asc" } }),
    db.outboxMessage.findMany({ where: { leadId: ids.b }, orderBy: { id: "asc" } }),
    db.leadNote.findMany({ where: { leadId: ids.c }, select: { id: true }, orderBy: { id: "asc" } }),
    db.leadEvent.findMany({ where: { leadId: ids.c }, select: { id: true, type: true }, orderBy: { id: "asc" } }),
  ]);
  return { leads, notesB, eventsB, outboxB, notesC, eventsC };
}

forEachProvider("merge undo", (t) => {
  let front: SignedInStaff;
  let other: SignedInStaff;
  const unique = () => `${Date.now()}.${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    process.env.DATABASE_URL = t.url;
    front = await createSignedInStaff(t.db, "front_desk", "merger");
    other = await createSignedInStaff(t.db, "front_desk", "colleague");
  });
  afterAll(async () => {
    await closeDb();
  });

  /**
   * Four inquiries of one person, oldest first: A; B (earlier: A) with a note, a follow-up, an
   * assignee and a queued e-mail; C (earlier: B); D (earlier: B, set by hand). Merging B into C moves
   * B's notes and events to C, re-points D to C and gives C B's earlier inquiry A.
   */
  async function person() {
    const email = `merge.${unique()}@example.com`;
    const contact = { firstName: "José", lastName: "Rodríguez", email, phone: `+1949556${String(Math.floor(Math.random() * 9000) + 1000)}` };
    const base = Date.now() - 3 * 24 * 3_600_000;
    const a = await storeLead(t.db, { contact, now: new Date(base) });
    const b = await storeLead(t.db, { contact, now: new Date(base + 3_600_000) });
    const c = await storeLead(t.db, { contact, now: new Date(base + 7_200_000) });
    const d = await storeLead(t.db, { contact: { ...contact, email: `other.${unique()}@example.com` }, now: new Date(base + 10_800_000) });
    await t.db.lead.update({ where: { id: d }, data: { relatedLeadId: b } });
    await t.db.lead.update({
      where: { id: b },
      data: { status: "contacted", followUpAt: new Date(base + 86_400_000), followUpNote: "after 5pm", assigneeId: other.id, patientNotes: "Call me please" },
    });
    await t.db.leadNote.create({ data: { leadId: b, authorId: front.id, body: "Prefers mornings" } });
    await t.db.outboxMessage.create({
      data: { kind: "patient_confirmation", leadId: b, channel: "email", payload: { to: email, firstName: "José" }, nextAttemptAt: new Date(base), dedupeKey: `test-confirmation:${b}` },
    });
    const ids = { a, b, c, d };
    const bRow = await t.db.lead.findUniqueOrThrow({ where: { id: b }, select: { version: true, relatedLeadId: true, reference: true } });
    const cRow = await t.db.lead.findUniqueOrThrow({ where: { id: c }, select: { relatedLeadId: true, reference: true } });
    expect(bRow.relatedLeadId).toBe(a);
    expect(cRow.relatedLeadId).toBe(b);
    return { ids, version: bRow.version, bReference: bRow.reference ?? "", cReference: cRow.reference ?? "" };
  }

  it("merge then undo puts back exactly what the merge changed", async () => {
    const { ids, version, bReference, cReference } = await person();
    const before = await snapshot(t.db, ids);
    expect(before.notesB).toHaveLength(1);
    expect(before.outboxB).toHaveLength(1);

    await mergeLead(t.db, front.id, ids.b, { intoId: ids.c, version });
    const merged = await snapshot(t.db, ids);
    expect(merged.leads[1]).toMatchObject({ firstName: "", email: "", searchText: "", mergedIntoId: ids.c, status: "not_proceeding", assigneeId: null, followUpAt: null });
    expect(merged.leads[2]?.relatedLeadId).toBe(ids.a);
    expect(merged.leads[3]?.relatedLeadId).toBe(ids.c);
    expect(merged.notesB).toHaveLength(0);
    expect(merged.outboxB).toHaveLength(0);
    expect(merged.notesC.map((n) => n.id)).toContain(before.notesB[0]?.id);

    // The merged reference finds its survivor; the survivor's timeline knows where B's items came from.
    expect(await findMergedReference(t.db, bReference.toLowerCase().replace(/-/g, " "))).toMatchObject({ reference: bReference, survivor: { id: ids.c, reference: cReference } });
    expect(await findMergedReference(t.db, cReference)).toBeNull();
    const origins = await mergeOrigins(t.db, ids.c);
    const createdOfB = before.eventsB.find((e) => e.type === "created");
    expect(origins.get(createdOfB?.id ?? "")).toEqual({ leadId: ids.b, reference: bReference });
    expect(origins.get(before.notesB[0]?.id ?? "")).toEqual({ leadId: ids.b, reference: bReference });
    expect([...origins.keys()].some((id) => merged.eventsC.find((e) => e.id === id && e.type === "merged"))).toBe(false);
    expect(await mergeInfo(t.db, ids.b, front.id)).toMatchObject({ survivorLeadId: ids.c, canUndo: true, mergedReference: bReference });
    expect(await mergeInfo(t.db, ids.b, other.id)).toMatchObject({ canUndo: false });

    const res = await undoRoute(staffRequest(`/api/v1/leads/${ids.b}/merge/undo`, front.headers, { method: "POST" }), ctx(ids.b));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; firstName: string; mergedIntoId: string | null; notes: { body: string }[] };
    expect(body).toMatchObject({ id: ids.b, firstName: "José", mergedIntoId: null });
    expect(body.notes.map((n) => n.body)).toEqual(["Prefers mornings"]);

    const after = await snapshot(t.db, ids);
    expect(after.leads).toEqual(before.leads);
    expect(after.notesB).toEqual(before.notesB);
    expect(after.outboxB).toEqual(before.outboxB);
    expect(after.notesC).toEqual(before.notesC);
    // Every event is back where it was; what remains is the trace of the merge and of its undo.
    expect(after.eventsB.filter((e) => !["merged_away", "merge_undone", "viewed"].includes(e.type))).toEqual(before.eventsB);
    expect(after.eventsB.map((e) => e.type).sort()).toEqual([...before.eventsB.map((e) => e.type), "merge_undone", "merged_away"].sort());
    expect(after.eventsC.filter((e) => !["merged", "merge_undone"].includes(e.type))).toEqual(before.eventsC);
    expect(after.eventsC.filter((e) => e.type === "merge_undone")).toHaveLength(1);
    expect(await findMergedReference(t.db, bReference)).toBeNull();
    expect(await mergeOrigins(t.db, ids.c)).toEqual(new Map());
    const record = await t.db.leadMergeRecord.findFirstOrThrow({ where: { mergedLeadId: ids.b } });
    expect(record).toMatchObject({ undoneById: front.id, restore: null });
    expect(record.undoneAt).toBeInstanceOf(Date);
  });

  it("only the staff member who merged can undo, and nothing changes when refused", async () => {
    const { ids, version } = await person();
    await mergeLead(t.db, front.id, ids.b, { intoId: ids.c, version });
    const merged = await snapshot(t.db, ids);
    await expect(undoMerge(t.db, other.id, ids.b)).rejects.toMatchObject({ constructor: ForbiddenError, reason: "not_the_merger" });
    const res = await undoRoute(staffRequest(`/api/v1/leads/${ids.b}/merge/undo`, other.headers, { method: "POST" }), ctx(ids.b));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe("Only the staff member who merged these inquiries can undo the merge.");
    expect(await snapshot(t.db, ids)).toEqual(merged);
    expect(await t.db.leadMergeRecord.findFirstOrThrow({ where: { mergedLeadId: ids.b }, select: { undoneAt: true } })).toEqual({ undoneAt: null });
  });

  it("after 24 hours the undo is refused, and the retention run empties what undo would have needed", async () => {
    const { ids, version } = await person();
    const mergedAt = new Date();
    await mergeLead(t.db, front.id, ids.b, { intoId: ids.c, version }, mergedAt);
    const merged = await snapshot(t.db, ids);
    const late = new Date(mergedAt.getTime() + MERGE_UNDO_WINDOW_MS);
    await expect(undoMerge(t.db, front.id, ids.b, late)).rejects.toMatchObject({ constructor: ForbiddenError, reason: "undo_window_over" });
    expect(await snapshot(t.db, ids)).toEqual(merged);
    expect(await mergeInfo(t.db, ids.b, front.id, late)).toMatchObject({ canUndo: false });

    // Merges of the earlier tests (merged before this one) are over by then too: this record is the one looked at.
    await purgeExpiredMergeUndo(t.db, new Date(mergedAt.getTime() + MERGE_UNDO_WINDOW_MS - 1));
    expect((await t.db.leadMergeRecord.findFirstOrThrow({ where: { mergedLeadId: ids.b } })).restore).not.toBeNull();
    expect(await purgeExpiredMergeUndo(t.db, late)).toBeGreaterThanOrEqual(1);
    const record = await t.db.leadMergeRecord.findFirstOrThrow({ where: { mergedLeadId: ids.b } });
    expect(record.restore).toBeNull();
    // The ids of what moved stay: the survivor's timeline still says where B's items came from.
    expect((await mergeOrigins(t.db, ids.c)).size).toBeGreaterThan(0);
    // Even a clock set back cannot bring the emptied data back.
    await expect(undoMerge(t.db, front.id, ids.b, mergedAt)).rejects.toMatchObject({ constructor: ForbiddenError, reason: "undo_window_over" });
  });

  it("a second undo is refused, also when two run at once; the database refuses a second live merge record", async () => {
    const { ids, version } = await person();
    await mergeLead(t.db, front.id, ids.b, { intoId: ids.c, version });
    const results = await Promise.allSettled([undoMerge(t.db, front.id, ids.b), undoMerge(t.db, front.id, ids.b)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await t.db.leadEvent.findMany({ where: { leadId: ids.c, type: "merge_undone" } })).length).toBe(1);
    await expect(undoMerge(t.db, front.id, ids.b)).rejects.toMatchObject({ constructor: ConflictError, reason: "already_undone" });
    const res = await undoRoute(staffRequest(`/api/v1/leads/${ids.b}/merge/undo`, front.headers, { method: "POST" }), ctx(ids.b));
    expect(res.status).toBe(409);

    // The record of an undone merge can never be claimed again: the conditional update finds nothing.
    const record = await t.db.leadMergeRecord.findFirstOrThrow({ where: { mergedLeadId: ids.b } });
    expect((await t.db.leadMergeRecord.updateMany({ where: { id: record.id, undoneAt: null }, data: { undoneAt: new Date(), undoneById: front.id } })).count).toBe(0);

    // Merged again (B is live again) and a second live record for B written by hand: refused by the partial unique index.
    const again = await t.db.lead.findUniqueOrThrow({ where: { id: ids.b }, select: { version: true } });
    await mergeLead(t.db, front.id, ids.b, { intoId: ids.c, version: again.version });
    await expect(
      t.db.leadMergeRecord.create({
        data: { mergedLeadId: ids.b, survivorLeadId: ids.a, mergedById: front.id, undoUntil: new Date(Date.now() + 1000), moved: {} },
      }),
    ).rejects.toThrow();
    // Undone twice is refused by the database even without the pre-check: undoneAt without who.
    await expect(t.db.leadMergeRecord.updateMany({ where: { mergedLeadId: ids.b, undoneAt: null }, data: { undoneAt: new Date() } })).rejects.toThrow();
  });

  it("refuses what cannot be undone exactly: the survivor merged again since; an unmerged inquiry", async () => {
    const { ids, version } = await person();
    await mergeLead(t.db, front.id, ids.b, { intoId: ids.c, version });
    const c = await t.db.lead.findUniqueOrThrow({ where: { id: ids.c }, select: { version: true } });
    await mergeLead(t.db, front.id, ids.c, { intoId: ids.a, version: c.version });
    await expect(undoMerge(t.db, front.id, ids.b)).rejects.toMatchObject({ constructor: ConflictError, reason: "survivor_merged" });
    // B's items, now in A, still say they came from B; C's from C.
    const origins = await mergeOrigins(t.db, ids.a);
    const bNote = await t.db.leadNote.findFirstOrThrow({ where: { leadId: ids.a, body: "Prefers mornings" } });
    expect(origins.get(bNote.id)?.leadId).toBe(ids.b);
    // Undo the later merge first, then the earlier one: both exact.
    await undoMerge(t.db, front.id, ids.c);
    await undoMerge(t.db, front.id, ids.b);
    expect(await t.db.leadNote.count({ where: { leadId: ids.b } })).toBe(1);
    await expect(undoMerge(t.db, front.id, ids.d)).rejects.toBeInstanceOf(InvalidError);
  });

  it("erasing the survivor takes the merge record with it", async () => {
    const { ids, version } = await person();
    await mergeLead(t.db, front.id, ids.b, { intoId: ids.c, version });
    await eraseLead(t.db, front.id, ids.c);
    expect(await t.db.leadMergeRecord.count({ where: { OR: [{ mergedLeadId: ids.b }, { survivorLeadId: ids.c }] } })).toBe(0);
  });

  it("consultations: moved ones come back, a deleted call-back preference is restored; a merge that booked the survivor is refused", async () => {
    const NOW = new Date("2027-01-04T16:00:00Z");
    const patient = { by: "patient", userId: null } as const;
    // A cancelled consultation and a call-back preference on B; C has its own preference (B's is deleted by the merge).
    const first = await person();
    const cancelled = await bookConsultation(t.db, { leadId: first.ids.b, type: "in_person", start: new Date("2027-01-05T17:00:00Z"), actor: patient, now: NOW });
    await cancelConsultation(t.db, { consultationId: cancelled.id, actor: patient, selfService: true, now: NOW });
    await t.db.callbackPreference.create({ data: { leadId: first.ids.b, preferredTimes: "Weekday evenings", days: ["mon"] } });
    await t.db.callbackPreference.create({ data: { leadId: first.ids.c, preferredTimes: "Saturday mornings", days: ["sat"] } });
    const bCallback = await t.db.callbackPreference.findUniqueOrThrow({ where: { leadId: first.ids.b } });
    const version = (await t.db.lead.findUniqueOrThrow({ where: { id: first.ids.b } })).version;
    await mergeLead(t.db, front.id, first.ids.b, { intoId: first.ids.c, version });
    expect(await t.db.consultation.findUniqueOrThrow({ where: { id: cancelled.id } })).toMatchObject({ leadId: first.ids.c });
    expect(await t.db.callbackPreference.findUnique({ where: { leadId: first.ids.b } })).toBeNull();
    await undoMerge(t.db, front.id, first.ids.b);
    expect(await t.db.consultation.findUniqueOrThrow({ where: { id: cancelled.id } })).toMatchObject({ leadId: first.ids.b, status: "cancelled" });
    expect(await t.db.callbackPreference.findUniqueOrThrow({ where: { leadId: first.ids.b } })).toEqual(bCallback);
    expect(await t.db.callbackPreference.findUniqueOrThrow({ where: { leadId: first.ids.c } })).toMatchObject({ preferredTimes: "Saturday mornings" });

    // A booked consultation on B, none on a "new" C: the merge makes C "consultation booked" (stage and
    // status as a booking would), which undo cannot take back exactly: refused, nothing changed.
    const second = await person();
    await bookConsultation(t.db, { leadId: second.ids.b, type: "in_person", start: new Date("2027-01-06T17:00:00Z"), actor: patient, now: NOW });
    const v2 = (await t.db.lead.findUniqueOrThrow({ where: { id: second.ids.b } })).version;
    await mergeLead(t.db, front.id, second.ids.b, { intoId: second.ids.c, version: v2 });
    expect((await t.db.lead.findUniqueOrThrow({ where: { id: second.ids.c } })).status).toBe("consultation_booked");
    const merged = await snapshot(t.db, second.ids);
    await expect(undoMerge(t.db, front.id, second.ids.b)).rejects.toMatchObject({ constructor: ConflictError, reason: "booked_consultation_moved" });
    expect(await snapshot(t.db, second.ids)).toEqual(merged);
  });
});
