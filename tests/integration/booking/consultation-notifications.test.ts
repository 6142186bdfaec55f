/**
 * The consultation's e-mails, invites, reminder, staff e-mail and webhook (issue 20 item 5) on
 * SQLite and PostgreSQL, through the real booking functions (book / move / cancel / mark), the
 * outbox worker, a REAL local SMTP server and a REAL local webhook receiver. The invites are parsed
 * back with ical.js (an iCalendar parser from npm, not the project's code).
 */
import ICAL from "ical.js";

import { bookConsultation, cancelConsultation, markConsultation, moveConsultation } from "@/lib/booking/consultations";
import { clinicWallTime } from "@/lib/booking/emails";
import { consultationReminderKey } from "@/lib/booking/events";
import { notifyConsultationEvent } from "@/lib/booking/notify";
import { getClinicProfile } from "@/lib/clinic/store";
import type { Db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { createLead } from "@/lib/leads/create-lead";
import { createLeadSchema } from "@/lib/leads/lead-input";
import type { NotificationConfig } from "@/lib/notifications/config";
import { closeEmailTransports } from "@/lib/notifications/email";
import { enqueueNotification } from "@/lib/notifications/enqueue";
import { CONSULTATION_REMINDER } from "@/lib/notifications/kinds/consultation-reminder";
import { deliverDueMessages } from "@/lib/notifications/queue";
import { buildLeadBody } from "@/tests/support/lead-builders";
import { startSinks, type ReceivedMail, type Sinks } from "@/tests/support/mail-sinks";
import { onlyPart, parseMime } from "@/tests/support/mime";
import { staffFixture } from "@/tests/support/staff-fixture";
import { forEachProvider, type ProviderContext } from "@/tests/support/test-db";

// Monday 2027-01-04 08:00 in Los Angeles (the placeholder clinic: Mon-Fri 09:00-17:00, 2 h notice).
const NOW = new Date("2027-01-04T16:00:00Z");
// Tuesday 2027-01-05 09:00 PST (each test books its own time that week).
const SLOT = new Date("2027-01-05T17:00:00Z");
const DAY = 24 * 60 * 60_000;
const patient = { by: "patient", userId: null } as const;
const staff = { by: "staff", userId: null } as const;
const APP_URL = "https://clinic.example.com";
const FRONT_DESK = "frontdesk@clinic.example.com";

let sinks: Sinks;
const saved: Record<string, string | undefined> = {};
const ENV_KEYS = ["SMTP_URL", "NOTIFY_EMAIL_FROM", "NOTIFY_EMAIL_TO", "LEAD_WEBHOOK_URL", "LEAD_WEBHOOK_SECRET", "APP_URL"] as const;

beforeAll(async () => {
  sinks = await startSinks();
  for (const key of ENV_KEYS) saved[key] = process.env[key];
  // The booking functions queue on the channels configured in the environment.
  Object.assign(process.env, {
    SMTP_URL: sinks.smtpUrl,
    NOTIFY_EMAIL_FROM: "estimator@clinic.example.com",
    NOTIFY_EMAIL_TO: FRONT_DESK,
    LEAD_WEBHOOK_URL: sinks.webhookUrl,
    LEAD_WEBHOOK_SECRET: "consultation-webhook-secret-0123",
    APP_URL,
  });
  resetEnvCache();
});
afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  resetEnvCache();
  closeEmailTransports();
  await sinks.close();
});
beforeEach(() => sinks.clear());

function config(): NotificationConfig {
  return {
    appUrl: APP_URL,
    email: { smtpUrl: sinks.smtpUrl, from: "estimator@clinic.example.com", to: [FRONT_DESK] },
    webhook: { url: sinks.webhookUrl, secret: "consultation-webhook-secret-0123", timeoutMs: 5000 },
    maxAttempts: 3,
    baseDelayMs: 60_000,
    maxDelayMs: 600_000,
    batchSize: 50,
    pollIntervalMs: 50,
  };
}

async function newLead(db: Db, locale: "en" | "es" = "en"): Promise<{ id: string; email: string }> {
  const body = buildLeadBody({ locale });
  const outcome = await createLead(db, createLeadSchema.parse(body), { ip: "198.51.100.30", channels: [], patientConfirmation: false });
  return { id: outcome.id, email: body.contact.email };
}

const patientMails = (to: string) => sinks.mails.filter((m) => m.to.includes(to));
const staffMails = () => sinks.mails.filter((m) => m.to.includes(FRONT_DESK));

interface ParsedInvite {
  method: string;
  mimeMethod: string | undefined;
  uid: string;
  sequence: number;
  start: Date;
  startIsUtc: boolean;
  status: string | null;
  organizer: string;
  raw: string;
}

function readMail(mail: ReceivedMail): { subject: string; text: string; invite: ParsedInvite | null } {
  const parsed = parseMime(mail.raw);
  const text = onlyPart(parsed, "text/plain").body;
  const leaves: typeof parsed[] = [];
  const walk = (p: typeof parsed) => (p.parts.length === 0 ? leaves.push(p) : p.parts.forEach(walk));
  walk(parsed);
  const calendar = leaves.find((p) => p.contentType === "text/calendar");
  let invite: ParsedInvite | null = null;
  if (calendar) {
    const component = new ICAL.Component(ICAL.parse(calendar.body));
    const vevent = component.getFirstSubcomponent("vevent");
    if (!vevent) throw new Error("no VEVENT in the invite");
    const event = new ICAL.Event(vevent);
    invite = {
      method: String(component.getFirstPropertyValue("method")),
      mimeMethod: /method=([A-Z]+)/i.exec(calendar.headers["content-type"] ?? "")?.[1],
      uid: event.uid,
      sequence: event.sequence,
      start: event.startDate.toJSDate(),
      startIsUtc: event.startDate.zone?.tzid === "UTC",
      status: (vevent.getFirstPropertyValue("status") as string | null) ?? null,
      organizer: String(vevent.getFirstPropertyValue("organizer")),
      raw: calendar.body,
    };
  }
  return { subject: parsed.headers.subject ?? "", text, invite };
}

async function settleAll(db: Db): Promise<void> {
  await db.outboxMessage.updateMany({ where: { deliveredAt: null, withdrawnAt: null }, data: { deliveredAt: new Date() } });
}

forEachProvider("consultation notifications", (t: ProviderContext) => {
  const fixture = staffFixture(t, { lead: false });
  beforeEach(() => settleAll(t.db));

  it("each change is a consultation.* event for the admin's subscribed endpoints (ids, statuses and the reference only)", async () => {
    const SLOT = new Date("2027-01-05T21:00:00Z");
    const endpoint = await t.db.webhookEndpoint.create({
      data: { url: "https://hooks.example.com/smp", events: ["consultation.booked", "consultation.cancelled"], secret: "whsec_dGVzdA==", createdById: fixture.admin.id },
    });
    try {
      const lead = await newLead(t.db);
      const booked = await bookConsultation(t.db, { leadId: lead.id, type: "in_person", start: SLOT, actor: patient, now: NOW });
      await cancelConsultation(t.db, { consultationId: booked.id, actor: staff, selfService: false, now: NOW });
      const deliveries = await t.db.webhookDelivery.findMany({ where: { endpointId: endpoint.id, leadId: lead.id }, orderBy: { createdAt: "asc" } });
      expect(deliveries.map((d) => d.eventType).sort()).toEqual(["consultation.booked", "consultation.cancelled"]);
      const row = await t.db.lead.findUniqueOrThrow({ where: { id: lead.id } });
      const booking = deliveries.find((d) => d.eventType === "consultation.booked")!;
      expect(booking.payload).toMatchObject({
        lead: { id: lead.id, reference: row.reference },
        consultation: { id: booked.id, start: SLOT.toISOString(), status: "booked", by: "patient" },
      });
      expect(JSON.stringify(booking.payload)).not.toContain(lead.email);
      expect(JSON.stringify(booking.payload)).not.toContain(row.firstName);
    } finally {
      await t.db.webhookDelivery.deleteMany({ where: { endpointId: endpoint.id } });
      await t.db.webhookEndpoint.delete({ where: { id: endpoint.id } });
    }
  });

  it("booked: the patient's e-mail carries a REQUEST invite whose start is the stored instant and the text's, in the clinic's zone; the front desk and the webhook hear of it", async () => {
    const lead = await newLead(t.db);
    const view = await bookConsultation(t.db, { leadId: lead.id, type: "in_person", start: SLOT, actor: patient, now: NOW });
    const stored = await t.db.consultation.findUniqueOrThrow({ where: { id: view.id } });
    const profile = await getClinicProfile(t.db);

    // Due now: the patient's e-mail, the staff e-mail and the webhook; the reminder waits.
    expect(await deliverDueMessages(t.db, config(), new Date())).toMatchObject({ delivered: 3, retrying: 0, gaveUp: 0 });
    const [mail] = patientMails(lead.email);
    expect(patientMails(lead.email)).toHaveLength(1);
    const { subject, text, invite } = readMail(mail!);
    expect(subject).toContain("Your consultation is booked");
    expect(invite).not.toBeNull();
    expect(invite!.method).toBe("REQUEST");
    expect(invite!.mimeMethod).toBe("REQUEST");
    expect(invite!.status).toBe("CONFIRMED");
    expect(invite!.start.getTime()).toBe(stored.startsAt.getTime());
    expect(invite!.startIsUtc).toBe(true);
    expect(invite!.sequence).toBe(stored.icsSequence);
    expect(invite!.uid).toBe(`consultation-${stored.id}@clinic.example.com`);
    expect(invite!.organizer.toLowerCase()).toBe(`mailto:${profile.email.toLowerCase()}`);
    expect(invite!.raw).toContain("\r\nDTSTART:20270105T170000Z\r\n");
    expect(invite!.raw.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    // The text names the invite's instant in the clinic's time zone, the zone named.
    const when = clinicWallTime(invite!.start, profile.timeZone, "en");
    expect(text).toContain(when);
    expect(when).toBe("Tuesday, January 5, 2027 at 9:00 AM (Pacific Standard Time, America/Los_Angeles)");
    expect(text).toMatch(/https:\/\/clinic\.example\.com\/my\/[A-Za-z0-9_-]+/);

    expect(staffMails()).toHaveLength(1);
    expect(readMail(staffMails()[0]!).subject).toContain("Consultation booked");
    expect(sinks.hooks).toHaveLength(1);
    const hook = JSON.parse(sinks.hooks[0]!.body) as { event: string; consultation: Record<string, unknown> };
    expect(hook.event).toBe("consultation.booked");
    expect(hook.consultation).toMatchObject({ id: stored.id, leadId: lead.id, start: SLOT.toISOString(), status: "booked", by: "patient" });
    expect(JSON.stringify(hook)).not.toContain(lead.email);

    const reminder = await t.db.outboxMessage.findFirstOrThrow({ where: { dedupeKey: consultationReminderKey(stored.id) } });
    expect(reminder.dueAt?.getTime()).toBe(SLOT.getTime() - DAY);
    expect(reminder.deliveredAt).toBeNull();
  });

  it("in Spanish for a Spanish inquiry, the zone named", async () => {
    const SLOT = new Date("2027-01-05T17:30:00Z");
    const lead = await newLead(t.db, "es");
    await bookConsultation(t.db, { leadId: lead.id, type: "in_person", start: SLOT, actor: patient, now: NOW });
    await deliverDueMessages(t.db, config(), new Date());
    const { subject, text, invite } = readMail(patientMails(lead.email)[0]!);
    expect(subject).toContain("Su consulta está reservada");
    expect(text).toContain(clinicWallTime(invite!.start, "America/Los_Angeles", "es"));
    expect(text).toContain("America/Los_Angeles");
  });

  it("moved: the same UID with a higher SEQUENCE; the reminder goes at the new time only", async () => {
    const SLOT = new Date("2027-01-05T18:00:00Z");
    const SLOT2 = new Date("2027-01-06T18:00:00Z");
    const lead = await newLead(t.db);
    const booked = await bookConsultation(t.db, { leadId: lead.id, type: "in_person", start: SLOT, actor: patient, now: NOW });
    await deliverDueMessages(t.db, config(), new Date());
    const first = readMail(patientMails(lead.email)[0]!).invite!;
    sinks.clear();

    const moved = await moveConsultation(t.db, { consultationId: booked.id, start: SLOT2, version: booked.version, actor: patient, selfService: true, now: NOW });
    expect(await deliverDueMessages(t.db, config(), new Date())).toMatchObject({ delivered: 3, retrying: 0 });
    const { subject, text, invite } = readMail(patientMails(lead.email)[0]!);
    expect(subject).toContain("new time");
    expect(invite!.method).toBe("REQUEST");
    expect(invite!.uid).toBe(first.uid);
    expect(invite!.sequence).toBeGreaterThan(first.sequence);
    expect(invite!.sequence).toBe(moved.icsSequence);
    expect(invite!.start.getTime()).toBe(SLOT2.getTime());
    expect(text).toContain(clinicWallTime(SLOT2, "America/Los_Angeles", "en"));
    expect(text).toContain(clinicWallTime(SLOT, "America/Los_Angeles", "en"));
    expect(JSON.parse(sinks.hooks[0]!.body)).toMatchObject({ event: "consultation.moved", consultation: { previousStart: SLOT.toISOString(), start: SLOT2.toISOString() } });
    sinks.clear();

    // One reminder row, rescheduled: nothing at the old time, one e-mail at the new time.
    const reminders = await t.db.outboxMessage.findMany({ where: { dedupeKey: consultationReminderKey(booked.id) } });
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.dueAt?.getTime()).toBe(SLOT2.getTime() - DAY);
    expect(await deliverDueMessages(t.db, config(), new Date(SLOT.getTime() - DAY + 60_000))).toMatchObject({ delivered: 0 });
    expect(sinks.mails).toHaveLength(0);
    expect(await deliverDueMessages(t.db, config(), new Date(SLOT2.getTime() - DAY))).toMatchObject({ delivered: 1 });
    expect(patientMails(lead.email)).toHaveLength(1);
    const reminder = readMail(patientMails(lead.email)[0]!);
    expect(reminder.subject).toContain("Reminder");
    expect(reminder.text).toContain(clinicWallTime(SLOT2, "America/Los_Angeles", "en"));
  });

  it("a reminder scheduled before a move is dropped by its check (the start and sequence it was scheduled for)", async () => {
    const SLOT = new Date("2027-01-05T18:30:00Z");
    const SLOT2 = new Date("2027-01-06T18:30:00Z");
    const lead = await newLead(t.db);
    const booked = await bookConsultation(t.db, { leadId: lead.id, type: "in_person", start: SLOT, actor: patient, now: NOW });
    await moveConsultation(t.db, { consultationId: booked.id, start: SLOT2, version: booked.version, actor: staff, selfService: false, now: NOW });
    await settleAll(t.db);
    // A stale reminder as if scheduled for the old time (another key, so the move did not replace it).
    await enqueueNotification(
      t.db,
      CONSULTATION_REMINDER,
      { consultationId: booked.id, startsAt: SLOT.toISOString(), icsSequence: booked.icsSequence },
      { leadId: lead.id, dedupeKey: `stale:${booked.id}`, dueAt: new Date(SLOT.getTime() - DAY) },
    );
    expect(await deliverDueMessages(t.db, config(), new Date(SLOT.getTime() - DAY))).toMatchObject({ delivered: 1 });
    expect(sinks.mails).toHaveLength(0);
    expect(await t.db.outboxMessage.findFirstOrThrow({ where: { dedupeKey: `stale:${booked.id}` } })).toMatchObject({ lastError: "not sent: the consultation was moved since" });
  });

  it("cancelled: METHOD:CANCEL with STATUS:CANCELLED and the same UID; its reminder is never sent", async () => {
    const SLOT = new Date("2027-01-05T19:00:00Z");
    const lead = await newLead(t.db);
    const booked = await bookConsultation(t.db, { leadId: lead.id, type: "in_person", start: SLOT, actor: patient, now: NOW });
    await deliverDueMessages(t.db, config(), new Date());
    const first = readMail(patientMails(lead.email)[0]!).invite!;
    sinks.clear();

    await cancelConsultation(t.db, { consultationId: booked.id, actor: patient, selfService: true, now: NOW });
    expect(await deliverDueMessages(t.db, config(), new Date())).toMatchObject({ delivered: 3, retrying: 0 });
    const { subject, invite } = readMail(patientMails(lead.email)[0]!);
    expect(subject).toContain("cancelled");
    expect(invite!.method).toBe("CANCEL");
    expect(invite!.mimeMethod).toBe("CANCEL");
    expect(invite!.status).toBe("CANCELLED");
    expect(invite!.uid).toBe(first.uid);
    expect(invite!.sequence).toBeGreaterThan(first.sequence);
    expect(JSON.parse(sinks.hooks[0]!.body)).toMatchObject({ event: "consultation.cancelled" });
    sinks.clear();

    const reminder = await t.db.outboxMessage.findFirstOrThrow({ where: { dedupeKey: consultationReminderKey(booked.id) } });
    expect(reminder.withdrawnAt).not.toBeNull();
    for (const at of [new Date(SLOT.getTime() - DAY), new Date(SLOT.getTime() - 60_000)]) {
      expect(await deliverDueMessages(t.db, config(), at)).toMatchObject({ delivered: 0 });
    }
    // Even were the withdrawal undone, the check refuses it.
    await t.db.outboxMessage.update({ where: { id: reminder.id }, data: { withdrawnAt: null } });
    expect(await deliverDueMessages(t.db, config(), new Date(SLOT.getTime() - DAY))).toMatchObject({ delivered: 1 });
    expect(sinks.mails).toHaveLength(0);
    expect(await t.db.outboxMessage.findUniqueOrThrow({ where: { id: reminder.id } })).toMatchObject({ lastError: "not sent: the consultation is cancelled" });
  });

  it("a reminder due after the start is dropped", async () => {
    const SLOT = new Date("2027-01-05T19:30:00Z");
    const lead = await newLead(t.db);
    const booked = await bookConsultation(t.db, { leadId: lead.id, type: "in_person", start: SLOT, actor: patient, now: NOW });
    await deliverDueMessages(t.db, config(), new Date());
    sinks.clear();
    // The worker was down until after the start.
    expect(await deliverDueMessages(t.db, config(), new Date(SLOT.getTime() + 60_000))).toMatchObject({ delivered: 1 });
    expect(sinks.mails).toHaveLength(0);
    expect(await t.db.outboxMessage.findFirstOrThrow({ where: { dedupeKey: consultationReminderKey(booked.id) } })).toMatchObject({
      lastError: "not sent: the consultation has already started",
    });
  });

  it("a consultation closer than the reminder lead time gets no reminder (never one at booking time), and a move there withdraws the old one", async () => {
    const lead = await newLead(t.db);
    const booked = await bookConsultation(t.db, { leadId: lead.id, type: "in_person", start: new Date("2027-01-05T20:30:00Z"), actor: patient, now: NOW });
    const key = consultationReminderKey(booked.id);
    expect(await t.db.outboxMessage.count({ where: { dedupeKey: key, withdrawnAt: null } })).toBe(1);
    // The same consultation moved to five hours after NOW (its reminder would be due 19 hours before NOW).
    const soon = "2027-01-04T21:00:00Z";
    const event = {
      type: "moved" as const,
      consultationId: booked.id,
      leadId: lead.id,
      consultationType: "in_person" as const,
      startsAt: soon,
      endsAt: "2027-01-04T21:30:00Z",
      previousStartsAt: booked.start,
      status: "booked" as const,
      icsSequence: booked.icsSequence + 1,
      consultantId: null,
      by: "patient" as const,
      actorId: null,
    };
    await t.db.$transaction((tx) => notifyConsultationEvent(tx, event, NOW));
    const rows = await t.db.outboxMessage.findMany({ where: { dedupeKey: key } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.withdrawnAt).not.toBeNull();
    expect(rows[0]!.dueAt?.getTime()).toBe(new Date("2027-01-05T20:30:00Z").getTime() - DAY);
  });

  it("attended and no-show reach the front desk and the webhook, and withdraw the reminder", async () => {
    const SLOT = new Date("2027-01-05T20:00:00Z");
    const lead = await newLead(t.db);
    const booked = await bookConsultation(t.db, { leadId: lead.id, type: "in_person", start: SLOT, actor: patient, now: NOW });
    await settleAll(t.db);
    const after = new Date(SLOT.getTime() + 5 * 60_000);
    // The reminder is settled above; a fresh one shows the withdrawal.
    await t.db.outboxMessage.updateMany({ where: { dedupeKey: consultationReminderKey(booked.id) }, data: { deliveredAt: null } });
    const attended = await markConsultation(t.db, { consultationId: booked.id, version: booked.version, status: "attended", actor: staff, now: after });
    expect((await t.db.outboxMessage.findFirstOrThrow({ where: { dedupeKey: consultationReminderKey(booked.id) } })).withdrawnAt).not.toBeNull();
    await markConsultation(t.db, { consultationId: booked.id, version: attended.version, status: "no_show", actor: staff, now: after });
    expect(await deliverDueMessages(t.db, config(), new Date())).toMatchObject({ delivered: 4, retrying: 0 });
    const events = sinks.hooks.map((h) => (JSON.parse(h.body) as { event: string }).event).sort();
    expect(events).toEqual(["consultation.attended", "consultation.no_show"]);
    expect(staffMails().map((m) => readMail(m).subject.split(":")[0]).sort()).toEqual(["Consultation attended", "No-show"]);
    expect(patientMails(lead.email)).toHaveLength(0);
  });
});
