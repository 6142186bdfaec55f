/**
 * Escalation (issue 10): an eligible inquiry still `new` after the reply-time target, counted in the
 * clinic's BUSINESS minutes (placeholder profile: America/Los_Angeles, Mon-Fri 09:00-17:00; target
 * 15), gets one notification per channel through the outbox, at most once, also with two app
 * instances racing; delivered to a real SMTP server and a real webhook receiver with nothing
 * personal beyond the first name and the reference. On SQLite and PostgreSQL.
 */
import { invalidateClinicCache } from "@/lib/clinic/store";
import { createDb } from "@/lib/db/client";
import { createLead } from "@/lib/leads/create-lead";
import { createLeadSchema } from "@/lib/leads/lead-input";
import type { NotificationConfig } from "@/lib/notifications/config";
import { closeEmailTransports } from "@/lib/notifications/email";
import { escalateOverdueLeads } from "@/lib/notifications/escalation";
import { deliverDueMessages, startOutboxWorker } from "@/lib/notifications/queue";
import { LEAD_ESCALATED, type LeadEscalatedWebhookBody } from "@/lib/notifications/kinds/lead-escalated";
import { verifyWebhookSignature } from "@/lib/notifications/webhook";
import { buildLeadBody, type LeadBodyOverrides } from "@/tests/support/lead-builders";
import { startSinks, type Sinks } from "@/tests/support/mail-sinks";
import { onlyPart, parseMime } from "@/tests/support/mime";
import { forEachProvider, type ProviderContext } from "@/tests/support/test-db";

const SECRET = "escalation-webhook-secret-0123";
const BOTH = ["email", "webhook"] as const;

let sinks: Sinks;
beforeAll(async () => {
  sinks = await startSinks();
});
afterAll(async () => {
  closeEmailTransports();
  await sinks.close();
});
beforeEach(() => sinks.clear());

function config(): NotificationConfig {
  return {
    appUrl: "https://clinic.example.com",
    email: { smtpUrl: sinks.smtpUrl, from: "estimator@clinic.example.com", to: ["frontdesk@clinic.example.com"] },
    webhook: { url: sinks.webhookUrl, secret: SECRET, timeoutMs: 5000 },
    maxAttempts: 3,
    baseDelayMs: 60_000,
    maxDelayMs: 600_000,
    batchSize: 50,
    pollIntervalMs: 50,
    escalationIntervalMs: 0,
  };
}

/** Wednesday 2026-03-04 10:00 in Los Angeles (PST, UTC-8): inside opening hours. */
const WED_10 = new Date("2026-03-04T18:00:00Z");
/** Friday 2026-03-06 16:50 in Los Angeles: ten minutes before closing. */
const FRI_1650 = new Date("2026-03-07T00:50:00Z");
const minutes = (base: Date, n: number) => new Date(base.getTime() + n * 60_000);

const PATIENT = { firstName: "Jordan", lastName: "Nakamura", email: "jordan.nakamura@example.org", phone: "(949) 555-0199" };
const ELIGIBLE: LeadBodyOverrides = { contact: PATIENT, answers: { norwoodStage: "6", goal: "full_shaved_look", scars: [], skinConditions: [] } };
const CLEARANCE: LeadBodyOverrides = { contact: PATIENT, answers: { skinConditions: ["psoriasis"] } };

async function lead(t: ProviderContext, at: Date, overrides: LeadBodyOverrides = ELIGIBLE) {
  const outcome = await createLead(t.db, createLeadSchema.parse(buildLeadBody(overrides)), { ip: "198.51.100.7", now: at, channels: [] });
  return outcome;
}

async function escalationRows(t: ProviderContext, leadId: string) {
  const [outbox, audit, row] = await Promise.all([
    t.db.outboxMessage.findMany({ where: { leadId, kind: LEAD_ESCALATED }, orderBy: { channel: "asc" } }),
    t.db.leadEvent.findMany({ where: { leadId, type: "escalated" } }),
    t.db.lead.findUniqueOrThrow({ where: { id: leadId }, select: { escalatedAt: true, version: true, status: true } }),
  ]);
  return { outbox, audit, row };
}

/** Each test escalates only its own inquiries: earlier tests' leads are moved out of the way. */
async function closeOthers(t: ProviderContext, keep: string[]) {
  await t.db.lead.updateMany({ where: { id: { notIn: keep }, status: "new" }, data: { status: "not_proceeding" } });
  await t.db.outboxMessage.updateMany({ where: { leadId: { notIn: keep }, deliveredAt: null }, data: { deliveredAt: new Date() } });
}

forEachProvider("escalation of overdue inquiries", (t) => {
  it("escalates an eligible inquiry once, after the target, with outbox rows and an audit row in one go", async () => {
    const a = await lead(t, WED_10);
    expect(a.result.status).toBe("eligible");
    await closeOthers(t, [a.id]);

    // 14 business minutes: not yet.
    expect(await escalateOverdueLeads(t.db, { channels: BOTH, now: minutes(WED_10, 14) })).toEqual({ escalated: 0, skipped: 0 });
    expect((await escalationRows(t, a.id)).outbox).toHaveLength(0);

    const at = minutes(WED_10, 16);
    expect(await escalateOverdueLeads(t.db, { channels: BOTH, now: at })).toEqual({ escalated: 1, skipped: 0 });
    const rows = await escalationRows(t, a.id);
    expect(rows.row.escalatedAt).toEqual(at);
    expect(rows.row.version).toBe(1); // staff edits in flight do not conflict with it
    expect(rows.outbox.map((m) => m.channel)).toEqual(["email", "webhook"]);
    expect(rows.outbox[0]!.payload).toEqual({
      firstName: "Jordan",
      reference: a.reference,
      createdAt: WED_10.toISOString(),
      waitingMinutes: 16,
      replyTargetMinutes: 15,
      timeZone: "America/Los_Angeles",
    });
    expect(rows.audit).toHaveLength(1);
    expect(rows.audit[0]).toMatchObject({ actorId: null, data: { waitingMinutes: 16, replyTargetMinutes: 15, channels: ["email", "webhook"] } });

    // Never again, however long it keeps waiting.
    expect(await escalateOverdueLeads(t.db, { channels: BOTH, now: minutes(WED_10, 120) })).toEqual({ escalated: 0, skipped: 0 });
    expect((await escalationRows(t, a.id)).outbox).toHaveLength(2);
  });

  it("counts business minutes: Friday 16:50 is overdue on Monday at 09:06, not on Friday evening", async () => {
    const a = await lead(t, FRI_1650);
    await closeOthers(t, [a.id]);
    // Friday 17:40: 50 minutes on the clock, 10 of opening hours.
    expect((await escalateOverdueLeads(t.db, { channels: BOTH, now: minutes(FRI_1650, 50) })).escalated).toBe(0);
    // Monday 09:04: 14 business minutes. Daylight saving time began on Sunday, so it is PDT (UTC-7).
    expect((await escalateOverdueLeads(t.db, { channels: BOTH, now: new Date("2026-03-09T16:04:00Z") })).escalated).toBe(0);
    // Monday 09:06: 16.
    expect((await escalateOverdueLeads(t.db, { channels: BOTH, now: new Date("2026-03-09T16:06:00Z") })).escalated).toBe(1);
    expect((await escalationRows(t, a.id)).outbox[0]!.payload).toMatchObject({ waitingMinutes: 16 });
  });

  it("never escalates an inquiry that is not eligible, was contacted in time, was merged or is weeks old", async () => {
    const clearance = await lead(t, WED_10, CLEARANCE);
    expect(clearance.result.status).toBe("clearance_required");
    const contacted = await lead(t, WED_10);
    const merged = await lead(t, WED_10);
    const old = await lead(t, minutes(WED_10, -15 * 24 * 60));
    await closeOthers(t, [clearance.id, contacted.id, merged.id, old.id]);
    await t.db.lead.update({ where: { id: contacted.id }, data: { status: "contacted", firstContactedAt: minutes(WED_10, 5) } });
    await t.db.lead.update({ where: { id: merged.id }, data: { mergedIntoId: contacted.id } });

    expect(await escalateOverdueLeads(t.db, { channels: BOTH, now: minutes(WED_10, 60) })).toEqual({ escalated: 0, skipped: 0 });
    for (const id of [clearance.id, contacted.id, merged.id, old.id]) {
      const rows = await escalationRows(t, id);
      expect(rows.outbox).toHaveLength(0);
      expect(rows.audit).toHaveLength(0);
      expect(rows.row.escalatedAt).toBeNull();
    }
  });

  it("two app instances racing escalate each inquiry exactly once", async () => {
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push((await lead(t, minutes(WED_10, i))).id);
    await closeOthers(t, ids);
    const second = createDb(t.url, { poolMax: 4 });
    try {
      const now = minutes(WED_10, 40);
      const reports = await Promise.all([
        escalateOverdueLeads(t.db, { channels: BOTH, now }),
        escalateOverdueLeads(second, { channels: BOTH, now }),
        escalateOverdueLeads(t.db, { channels: BOTH, now }),
        escalateOverdueLeads(second, { channels: BOTH, now }),
      ]);
      expect(reports.reduce((sum, r) => sum + r.escalated, 0)).toBe(6);
      for (const id of ids) {
        const rows = await escalationRows(t, id);
        expect(rows.outbox).toHaveLength(2);
        expect(rows.audit).toHaveLength(1);
      }
    } finally {
      await second.$disconnect();
    }
  });

  it("delivers the staff e-mail and the signed lead.escalated webhook with only the first name, reference and link", async () => {
    const a = await lead(t, WED_10);
    await closeOthers(t, [a.id]);
    await escalateOverdueLeads(t.db, { channels: BOTH, now: minutes(WED_10, 20) });
    expect(await deliverDueMessages(t.db, config(), minutes(WED_10, 20))).toMatchObject({ delivered: 2, retrying: 0 });

    const staffUrl = `https://clinic.example.com/staff/leads/${a.id}`;
    expect(sinks.mails).toHaveLength(1);
    const mail = sinks.mails[0]!;
    expect(mail.to).toEqual(["frontdesk@clinic.example.com"]);
    const message = parseMime(mail.raw);
    expect(message.headers.subject).toBe(`Still waiting for a reply: Jordan (${a.reference})`);
    const text = onlyPart(message, "text/plain").body;
    expect(text).toContain(`Jordan (${a.reference}) is still waiting for a first reply.`);
    expect(text).toContain("Waiting: 20 min of opening hours (your reply target is 15 min).");
    expect(text).toContain("Received: Wednesday, March 4 at 10:00 AM (America/Los_Angeles)");
    expect(text).toContain(staffUrl);
    expect(onlyPart(message, "text/html").body).toContain(`<a href="${staffUrl}">`);

    expect(sinks.hooks).toHaveLength(1);
    const hook = sinks.hooks[0]!;
    expect(hook.headers["x-smp-event"]).toBe("lead.escalated");
    expect(verifyWebhookSignature(SECRET, hook.body, hook.headers["x-smp-signature"] as string)).toBe(true);
    const body = JSON.parse(hook.body) as LeadEscalatedWebhookBody;
    expect(body).toEqual({
      event: "lead.escalated",
      deliveryId: hook.headers["x-smp-delivery"],
      sentAt: body.sentAt,
      lead: { id: a.id, reference: a.reference, firstName: "Jordan", createdAt: WED_10.toISOString(), waitingMinutes: 20, replyTargetMinutes: 15, staffUrl },
    });

    for (const sent of [mail.raw, hook.body]) {
      for (const secret of ["Nakamura", "jordan.nakamura", "555-0199", "5550199", "Norwood", "shaved", "eligible"]) {
        expect(sent.toLowerCase()).not.toContain(secret.toLowerCase());
      }
    }
  });

  it("the running outbox worker escalates and delivers on its own", async () => {
    // Real time now: a clinic open around the clock, so the test does not depend on the hour it runs.
    await t.db.clinicProfile.update({
      where: { id: "clinic" },
      data: { openingHours: Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, { open: "00:00", close: "24:00" }])) },
    });
    invalidateClinicCache();
    const a = await lead(t, new Date(Date.now() - 30 * 60_000));
    await closeOthers(t, [a.id]);
    const worker = startOutboxWorker(t.db, config());
    try {
      await vi.waitFor(() => expect(sinks.hooks).toHaveLength(1), { timeout: 10_000, interval: 50 });
      await vi.waitFor(() => expect(sinks.mails).toHaveLength(1), { timeout: 10_000, interval: 50 });
    } finally {
      await worker.stop();
    }
    expect((JSON.parse(sinks.hooks[0]!.body) as LeadEscalatedWebhookBody).lead.id).toBe(a.id);
    expect((await escalationRows(t, a.id)).row.escalatedAt).not.toBeNull();
  });
});
