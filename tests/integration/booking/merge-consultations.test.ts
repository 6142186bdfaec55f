/**
 * Merging two inquiries of one person (lib/leads/lead-merge.ts) and their consultations (issue 20,
 * decision 022: one booked consultation per inquiry), on SQLite and PostgreSQL:
 * - the duplicate's booked consultation moves to a survivor that has none, keeping its id, its queued
 *   reminder and e-mails (ids and times only); the survivor moves to consultation_booked as the system;
 * - both booked: the merge is refused (409 both_booked) and nothing is written;
 * - the duplicate's past consultations (cancelled, attended) and its call-back preference go along.
 */
import { bookConsultation, cancelConsultation } from "@/lib/booking/consultations";
import { consultationReminderKey } from "@/lib/booking/events";
import type { Db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { ConflictError } from "@/lib/errors";
import { createLead } from "@/lib/leads/create-lead";
import { createLeadSchema } from "@/lib/leads/lead-input";
import { BOTH_BOOKED_MESSAGE, mergeLead } from "@/lib/leads/lead-merge";
import { CONSULTATION_REMINDER } from "@/lib/notifications/kinds/consultation-reminder";
import { buildLeadBody } from "@/tests/support/lead-builders";
import { createSignedInStaff } from "@/tests/support/staff-auth";
import { forEachProvider, type ProviderContext } from "@/tests/support/test-db";

// Monday 2027-01-04 08:00 in Los Angeles (the placeholder clinic: Mon-Fri 09:00-17:00, 2 h notice).
const NOW = new Date("2027-01-04T16:00:00Z");
const patient = { by: "patient", userId: null } as const;
const ENV_KEYS = ["SMTP_URL", "NOTIFY_EMAIL_FROM", "NOTIFY_EMAIL_TO"] as const;
const saved: Record<string, string | undefined> = {};

beforeAll(() => {
  for (const key of ENV_KEYS) saved[key] = process.env[key];
  // An e-mail channel, so booking queues the patient's e-mails and reminder (no worker sends them here).
  Object.assign(process.env, { SMTP_URL: "smtp://127.0.0.1:9", NOTIFY_EMAIL_FROM: "estimator@clinic.example.com", NOTIFY_EMAIL_TO: "frontdesk@clinic.example.com" });
  resetEnvCache();
});
afterAll(() => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  resetEnvCache();
});

async function newLead(db: Db): Promise<string> {
  return (await createLead(db, createLeadSchema.parse(buildLeadBody()), { ip: "198.51.100.22", channels: [], patientConfirmation: false })).id;
}

const versionOf = async (db: Db, id: string) => (await db.lead.findUniqueOrThrow({ where: { id } })).version;

forEachProvider("merge and consultations", (t: ProviderContext) => {
  it("moves the duplicate's booked consultation to a survivor that has none: same id, its reminder and e-mails go along, the survivor becomes consultation_booked", async () => {
    const staff = await createSignedInStaff(t.db, "front_desk", "merge1");
    const [duplicate, survivor] = [await newLead(t.db), await newLead(t.db)];
    const booked = await bookConsultation(t.db, { leadId: duplicate, type: "in_person", start: new Date("2027-01-05T17:00:00Z"), actor: patient, now: NOW });
    await t.db.callbackPreference.create({ data: { leadId: duplicate, preferredTimes: "Weekday evenings", days: ["mon"] } });
    const reminder = await t.db.outboxMessage.findFirstOrThrow({ where: { dedupeKey: consultationReminderKey(booked.id) } });
    expect(reminder).toMatchObject({ kind: CONSULTATION_REMINDER, leadId: duplicate });
    const queued = await t.db.outboxMessage.count({ where: { leadId: duplicate, kind: { startsWith: "consultation_" } } });
    expect(queued).toBeGreaterThanOrEqual(2); // the confirmation with its invite, and the reminder

    await mergeLead(t.db, staff.id, duplicate, { intoId: survivor, version: await versionOf(t.db, duplicate) });

    const moved = await t.db.consultation.findUniqueOrThrow({ where: { id: booked.id } });
    expect(moved).toMatchObject({ leadId: survivor, status: "booked", icsSequence: booked.icsSequence });
    expect(await t.db.consultation.count({ where: { leadId: duplicate } })).toBe(0);
    expect(await t.db.outboxMessage.findUniqueOrThrow({ where: { id: reminder.id } })).toMatchObject({ leadId: survivor, withdrawnAt: null });
    expect(await t.db.outboxMessage.count({ where: { leadId: survivor, kind: { startsWith: "consultation_" } } })).toBe(queued);
    expect(await t.db.callbackPreference.findUnique({ where: { leadId: survivor } })).toMatchObject({ preferredTimes: "Weekday evenings" });
    const lead = await t.db.lead.findUniqueOrThrow({ where: { id: survivor } });
    expect(lead.status).toBe("consultation_booked");
    const audit = await t.db.leadEvent.findMany({ where: { leadId: survivor, type: "status_changed", actorId: null } });
    expect(audit.map((a) => a.data)).toContainEqual({ from: "new", to: "consultation_booked", by: "system" });
  });

  it("refuses to merge two inquiries that both have a consultation booked, writing nothing", async () => {
    const staff = await createSignedInStaff(t.db, "front_desk", "merge2");
    const [duplicate, survivor] = [await newLead(t.db), await newLead(t.db)];
    const a = await bookConsultation(t.db, { leadId: duplicate, type: "in_person", start: new Date("2027-01-06T17:00:00Z"), actor: patient, now: NOW });
    const b = await bookConsultation(t.db, { leadId: survivor, type: "in_person", start: new Date("2027-01-06T18:00:00Z"), actor: patient, now: NOW });
    const version = await versionOf(t.db, duplicate);
    const refused = await mergeLead(t.db, staff.id, duplicate, { intoId: survivor, version }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({ message: BOTH_BOOKED_MESSAGE, reason: "both_booked" });
    const stored = await t.db.lead.findUniqueOrThrow({ where: { id: duplicate } });
    expect(stored).toMatchObject({ mergedIntoId: null, version });
    expect(stored.firstName).not.toBe("");
    expect((await t.db.consultation.findUniqueOrThrow({ where: { id: a.id } })).leadId).toBe(duplicate);
    expect((await t.db.consultation.findUniqueOrThrow({ where: { id: b.id } })).leadId).toBe(survivor);
    expect(await t.db.leadEvent.count({ where: { type: { in: ["merged", "merged_away"] }, leadId: { in: [duplicate, survivor] } } })).toBe(0);

    // Once one is cancelled, the merge goes through and the cancelled one is kept as history.
    await cancelConsultation(t.db, { consultationId: a.id, actor: patient, selfService: true, now: NOW });
    await mergeLead(t.db, staff.id, duplicate, { intoId: survivor, version: await versionOf(t.db, duplicate) });
    const after = await t.db.consultation.findMany({ where: { leadId: survivor }, orderBy: { startsAt: "asc" } });
    expect(after.map((c) => [c.id, c.status])).toEqual([
      [a.id, "cancelled"],
      [b.id, "booked"],
    ]);
  });
});
