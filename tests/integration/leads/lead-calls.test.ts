/**
 * Calls logged in one tap (issue 22 item 5) on SQLite and PostgreSQL: each call a LeadCall row with
 * its number, the count and latest outcome on the inquiry (the inbox row and the API), the audit
 * event, the next try suggested from the clinic's cadence in its time zone and opening hours
 * (placeholder profile: America/Los_Angeles, Mon-Fri 09:00-17:00; default cadence 3h, 1d, 2d),
 * accepted as the follow-up in one tap; "reached" moves a new inquiry to contacted through the one
 * status-change path; the database refuses a second call with the same number.
 */
import { getClinicSettings, invalidateClinicCache, updateClinicSettings } from "@/lib/clinic/store";
import { closeDb } from "@/lib/db/client";
import { ConflictError, InvalidError } from "@/lib/errors";
import { acceptNextTry, logCall } from "@/lib/leads/lead-calls";
import { getLeadDetail } from "@/lib/leads/lead-detail";
import { mergeLead } from "@/lib/leads/lead-merge";
import { updateLead } from "@/lib/leads/lead-workflow";
import { replyClock } from "@/lib/leads/reply-clock";
import { listLeads } from "@/lib/leads/staff-inbox";
import { createSignedInStaff, type SignedInStaff } from "@/tests/support/staff-auth";
import { storeLead } from "@/tests/support/staff-leads";
import { forEachProvider } from "@/tests/support/test-db";

/** Wednesday 2026-03-04 10:00 in Los Angeles (PST, UTC-8). */
const WED_10 = new Date("2026-03-04T18:00:00Z");
/** Wednesday 15:30 PST. */
const WED_1530 = new Date("2026-03-04T23:30:00Z");
/** Friday 2026-03-06 16:00 PST: two days later is Sunday (closed); the clocks go forward on Sunday 8 March. */
const FRI_16 = new Date("2026-03-07T00:00:00Z");

forEachProvider("call outcomes", (t) => {
  let front: SignedInStaff;
  let admin: SignedInStaff;
  const unique = () => `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const lead = (now?: Date) =>
    storeLead(t.db, { contact: { lastName: "Caller", email: `call.${unique()}@example.com`, phone: `+1949555${String(Math.floor(Math.random() * 9000) + 1000)}` }, ...(now ? { now } : {}) });

  beforeAll(async () => {
    process.env.DATABASE_URL = t.url;
    invalidateClinicCache();
    front = await createSignedInStaff(t.db, "front_desk", "caller");
    admin = await createSignedInStaff(t.db, "admin", "cadence");
  });
  afterAll(async () => {
    await closeDb();
  });

  it("counts each call, keeps the latest outcome on the row, audits it and suggests the next try from the cadence", async () => {
    const id = await lead(WED_10);
    const first = await logCall(t.db, front.id, id, "no_answer", WED_10);
    expect(first).toMatchObject({ attempt: 1, outcome: "no_answer", contacted: false });
    // Step 1 "3h": 13:00 the same day, inside opening hours.
    expect(first.nextTryAt?.toISOString()).toBe("2026-03-04T21:00:00.000Z");

    const second = await logCall(t.db, front.id, id, "voicemail", WED_1530);
    // Step 2 "1d": Thursday at the same time of day, 15:30 PST.
    expect(second).toMatchObject({ attempt: 2, outcome: "voicemail" });
    expect(second.nextTryAt?.toISOString()).toBe("2026-03-05T23:30:00.000Z");

    const third = await logCall(t.db, front.id, id, "call_later", FRI_16);
    // Step 3 "2d": Sunday 16:00 is closed, so the next opening: Monday 09:00, now PDT (UTC-7).
    expect(third.nextTryAt?.toISOString()).toBe("2026-03-09T16:00:00.000Z");
    // Beyond the list the last step repeats: Monday 10:00 PDT + 2 days = Wednesday 10:00 PDT.
    const fourth = await logCall(t.db, front.id, id, "no_answer", new Date("2026-03-09T17:00:00Z"));
    expect(fourth.nextTryAt?.toISOString()).toBe("2026-03-11T17:00:00.000Z");

    const calls = await t.db.leadCall.findMany({ where: { leadId: id }, orderBy: { attempt: "asc" } });
    expect(calls.map((c) => [c.attempt, c.outcome, c.actorId])).toEqual([
      [1, "no_answer", front.id],
      [2, "voicemail", front.id],
      [3, "call_later", front.id],
      [4, "no_answer", front.id],
    ]);
    const detail = await getLeadDetail(t.db, id);
    if (!("status" in detail)) throw new Error("merged?");
    expect(detail.calls).toEqual({ attempts: 4, lastOutcome: "no_answer", lastAt: "2026-03-09T17:00:00.000Z" });
    // A call is not a status change: the inquiry is still new and its version unchanged.
    expect(detail.status).toBe("new");
    expect(detail.version).toBe(1);

    const audit = await t.db.leadEvent.findMany({ where: { leadId: id, type: "call_logged" }, orderBy: { createdAt: "asc" } });
    expect(audit).toHaveLength(4);
    expect(audit[1]).toMatchObject({ actorId: front.id, data: { callId: second.id, outcome: "voicemail", attempt: 2, nextTryAt: "2026-03-05T23:30:00.000Z" } });

    // The inbox row carries the same count and outcome.
    const page = await listLeads(t.db, { limit: 100 }, { clock: await replyClock(t.db) });
    expect(page.items.find((i) => i.id === id)?.calls).toEqual({ attempts: 4, lastOutcome: "no_answer", lastAt: "2026-03-09T17:00:00.000Z" });
  });

  it("accepts the suggested next try as the follow-up in one tap, and only the latest call's", async () => {
    const id = await lead(WED_10);
    const older = await logCall(t.db, front.id, id, "no_answer", WED_10);
    const latest = await logCall(t.db, front.id, id, "voicemail", WED_1530);
    await expect(acceptNextTry(t.db, front.id, { leadId: id, callId: older.id, version: 1 })).rejects.toBeInstanceOf(InvalidError);

    const accepted = await acceptNextTry(t.db, front.id, { leadId: id, callId: latest.id, version: 1 });
    expect(accepted.at.toISOString()).toBe("2026-03-05T23:30:00.000Z");
    const row = await t.db.lead.findUniqueOrThrow({ where: { id }, select: { followUpAt: true, followUpNote: true, version: true } });
    expect(row.followUpAt?.toISOString()).toBe("2026-03-05T23:30:00.000Z");
    expect(row.followUpNote).toBe("Call again (attempt 3)");
    expect(row.version).toBe(2);
    expect(await t.db.leadEvent.count({ where: { leadId: id, type: "follow_up_set", actorId: front.id } })).toBe(1);

    // Accepting it again changes nothing; a later suggestion shown before someone else's change is refused.
    expect((await acceptNextTry(t.db, front.id, { leadId: id, callId: latest.id, version: 2 })).version).toBe(2);
    const later = await logCall(t.db, front.id, id, "no_answer", FRI_16);
    await updateLead(t.db, admin.id, id, { assigneeId: front.id, version: 2 });
    await expect(acceptNextTry(t.db, front.id, { leadId: id, callId: later.id, version: 2 })).rejects.toBeInstanceOf(ConflictError);
    expect((await t.db.lead.findUniqueOrThrow({ where: { id }, select: { followUpAt: true } })).followUpAt?.toISOString()).toBe("2026-03-05T23:30:00.000Z");

    // Wrong number suggests nothing to accept.
    const wrong = await logCall(t.db, front.id, id, "wrong_number", FRI_16);
    expect(wrong.nextTryAt).toBeNull();
    await expect(acceptNextTry(t.db, front.id, { leadId: id, callId: wrong.id, version: 3 })).rejects.toBeInstanceOf(InvalidError);
  });

  it("reached moves a new inquiry to contacted through the status path (first contact, audit by the caller), once", async () => {
    const id = await lead();
    const call = await logCall(t.db, front.id, id, "reached");
    expect(call).toMatchObject({ attempt: 1, contacted: true, nextTryAt: null });
    const row = await t.db.lead.findUniqueOrThrow({ where: { id }, select: { status: true, firstContactedAt: true, version: true } });
    expect(row.status).toBe("contacted");
    expect(row.firstContactedAt).not.toBeNull();
    expect(row.version).toBe(2);
    const moves = await t.db.leadEvent.findMany({ where: { leadId: id, type: "status_changed" }, select: { actorId: true, data: true } });
    expect(moves).toEqual([{ actorId: front.id, data: { from: "new", to: "contacted" } }]);

    // Reached again on a contacted inquiry: counted, no second move.
    const again = await logCall(t.db, front.id, id, "reached");
    expect(again).toMatchObject({ attempt: 2, contacted: false });
    expect(await t.db.leadEvent.count({ where: { leadId: id, type: "status_changed" } })).toBe(1);

    // A booked consultation stays booked after a call that reached the patient.
    const booked = await lead();
    await updateLead(t.db, front.id, booked, { status: "consultation_booked" });
    expect(await logCall(t.db, front.id, booked, "reached")).toMatchObject({ contacted: false });
    expect((await t.db.lead.findUniqueOrThrow({ where: { id: booked }, select: { status: true } })).status).toBe("consultation_booked");
  });

  it("the database refuses a second call with the same number; a merged inquiry takes no calls", async () => {
    const id = await lead();
    await logCall(t.db, front.id, id, "no_answer");
    await expect(t.db.leadCall.create({ data: { leadId: id, outcome: "voicemail", attempt: 1 } })).rejects.toThrow();
    expect(await t.db.leadCall.count({ where: { leadId: id } })).toBe(1);

    // Two taps at the same moment: both counted with distinct numbers, or the second refused; never two "attempt 2".
    const results = await Promise.allSettled([logCall(t.db, front.id, id, "voicemail"), logCall(t.db, front.id, id, "voicemail")]);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ConflictError);
    const attempts = (await t.db.leadCall.findMany({ where: { leadId: id }, select: { attempt: true } })).map((c) => c.attempt).sort();
    expect(new Set(attempts).size).toBe(attempts.length);
    expect((await t.db.lead.findUniqueOrThrow({ where: { id }, select: { callAttempts: true } })).callAttempts).toBe(attempts.length);

    const shared = `merge.${unique()}@example.com`;
    const older = await storeLead(t.db, { contact: { email: shared } });
    const newer = await storeLead(t.db, { contact: { email: shared } });
    await mergeLead(t.db, front.id, newer, { intoId: older, version: 1 });
    await expect(logCall(t.db, front.id, newer, "reached")).rejects.toBeInstanceOf(InvalidError);
    expect(await t.db.leadCall.count({ where: { leadId: newer } })).toBe(0);
  });

  it("follows the cadence the admin saved", async () => {
    const settings = await getClinicSettings(t.db, 0);
    await updateClinicSettings(t.db, { callCadence: "1d" }, admin.id, settings.version);
    try {
      const id = await lead(WED_10);
      const call = await logCall(t.db, front.id, id, "no_answer", WED_1530);
      expect(call.nextTryAt?.toISOString()).toBe("2026-03-05T23:30:00.000Z");
      const second = await logCall(t.db, front.id, id, "no_answer", WED_1530);
      expect(second.nextTryAt?.toISOString()).toBe("2026-03-05T23:30:00.000Z");
    } finally {
      const now = await getClinicSettings(t.db, 0);
      await updateClinicSettings(t.db, { callCadence: "3h,1d,2d" }, admin.id, now.version);
    }
    await expect(updateClinicSettings(t.db, { callCadence: "tomorrow" }, admin.id, (await getClinicSettings(t.db, 0)).version)).rejects.toBeInstanceOf(InvalidError);
  });
});
