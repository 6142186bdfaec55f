/**
 * Outbox delivery to a REAL local SMTP server (smtp-server) and a REAL local HTTP receiver
 * (node:http), on SQLite and PostgreSQL: signatures, contents, retries with backoff, giving up,
 * and that delivery never changes the stored inquiry.
 */
import { createLead } from "@/lib/leads/create-lead";
import { createLeadSchema } from "@/lib/leads/lead-input";
import type { NotificationConfig } from "@/lib/notifications/config";
import { closeEmailTransports } from "@/lib/notifications/email";
import { deliverDueMessages, retryDelayMs, startOutboxWorker } from "@/lib/notifications/queue";
import type { LeadWebhookBody } from "@/lib/notifications/kinds/lead-created";
import { verifyWebhookSignature } from "@/lib/notifications/webhook";
import { buildLeadBody } from "@/tests/support/lead-builders";
import { startSinks, type Sinks } from "@/tests/support/mail-sinks";
import { forEachProvider, type ProviderContext } from "@/tests/support/test-db";

const SECRET = "webhook-secret-for-tests-0123";

let sinks: Sinks;

beforeAll(async () => {
  sinks = await startSinks();
});

afterAll(async () => {
  closeEmailTransports();
  await sinks.close();
});

beforeEach(() => {
  sinks.clear();
});

function config(overrides: Partial<NotificationConfig> = {}): NotificationConfig {
  return {
    appUrl: "https://clinic.example.com/",
    email: { smtpUrl: sinks.smtpUrl, from: "estimator@clinic.example.com", to: ["frontdesk@clinic.example.com"] },
    webhook: { url: sinks.webhookUrl, secret: SECRET, timeoutMs: 5000 },
    maxAttempts: 3,
    baseDelayMs: 60_000,
    maxDelayMs: 10 * 60_000,
    batchSize: 50,
    pollIntervalMs: 50,
    ...overrides,
  };
}

const PATIENT = { firstName: "Jordan", lastName: "Nakamura", email: "jordan.nakamura@example.org", phone: "(949) 555-0199" };

async function newLead(t: ProviderContext, channels: ("email" | "webhook")[], now = new Date()) {
  const input = createLeadSchema.parse(
    buildLeadBody({ contact: PATIENT, answers: { skinConditions: ["psoriasis"], scars: ["burn"] } }),
  );
  const outcome = await createLead(t.db, input, { ip: "198.51.100.7", now, channels });
  return { outcome, snapshot: await t.db.lead.findUniqueOrThrow({ where: { id: outcome.id } }) };
}

/** Nothing a notification carries may identify the patient or reveal health data. */
function expectNoPatientData(text: string): void {
  for (const secret of ["Jordan", "Nakamura", "jordan.nakamura", "555-0199", "5550199", "psoriasis", "burn", "DERM_CLEARANCE"]) {
    expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
  }
}

forEachProvider("lead notifications (outbox)", (t) => {
  it("delivers the email to the SMTP server and the signed webhook, then marks both delivered", async () => {
    const { outcome } = await newLead(t, ["email", "webhook"]);
    const report = await deliverDueMessages(t.db, config());
    expect(report).toEqual({ delivered: 2, retrying: 0, gaveUp: 0, skipped: 0 });

    expect(sinks.mails).toHaveLength(1);
    const mail = sinks.mails[0]!;
    expect(mail.from).toBe("estimator@clinic.example.com");
    expect(mail.to).toEqual(["frontdesk@clinic.example.com"]);
    expect(mail.raw).toMatch(/Subject: New SMP inquiry: Dermatology clearance required/);
    expect(mail.raw).toContain(`https://clinic.example.com/staff/leads/${outcome.id}`);
    expectNoPatientData(mail.raw);

    expect(sinks.hooks).toHaveLength(1);
    const hook = sinks.hooks[0]!;
    expect(hook.headers["content-type"]).toBe("application/json");
    expect(verifyWebhookSignature(SECRET, hook.body, hook.headers["x-smp-signature"] as string)).toBe(true);
    expect(verifyWebhookSignature("another-secret-0000000", hook.body, hook.headers["x-smp-signature"] as string)).toBe(false);
    expect(verifyWebhookSignature(SECRET, hook.body.replace("clearance_required", "eligible"), hook.headers["x-smp-signature"] as string)).toBe(false);
    const body = JSON.parse(hook.body) as LeadWebhookBody;
    expect(body).toMatchObject({
      event: "lead.created",
      lead: { id: outcome.id, eligibility: "clearance_required", repeatInquiry: false, staffUrl: `https://clinic.example.com/staff/leads/${outcome.id}` },
    });
    // The timestamp header is the signed body's sentAt, so it cannot be replayed with a new time.
    expect(Number(hook.headers["x-smp-timestamp"])).toBe(Math.floor(new Date(body.sentAt).getTime() / 1000));
    expect(hook.headers["x-smp-delivery"]).toBe(body.deliveryId);
    expectNoPatientData(hook.body);

    const rows = await t.db.outboxMessage.findMany({ where: { leadId: outcome.id } });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.deliveredAt).not.toBeNull();
      expect(row.attempts).toBe(1);
      expect(row.lastError).toBeNull();
    }
    // Delivered messages are not sent again.
    expect(await deliverDueMessages(t.db, config())).toEqual({ delivered: 0, retrying: 0, gaveUp: 0, skipped: 0 });
    expect(sinks.hooks).toHaveLength(1);
  });

  it("retries with exponential backoff after the receiver fails, then succeeds; the lead is untouched", async () => {
    const start = new Date();
    const { outcome, snapshot } = await newLead(t, ["webhook"], start);
    sinks.hookPlan.push(500, 503);
    const cfg = config();

    expect(await deliverDueMessages(t.db, cfg, start)).toMatchObject({ delivered: 0, retrying: 1 });
    let row = await t.db.outboxMessage.findFirstOrThrow({ where: { leadId: outcome.id } });
    expect(row).toMatchObject({ attempts: 1, deliveredAt: null, lastError: expect.stringContaining("HTTP 500") });
    expect(row.nextAttemptAt.getTime()).toBe(start.getTime() + retryDelayMs(1, cfg));

    // Not due before the backoff has passed.
    expect(await deliverDueMessages(t.db, cfg, new Date(start.getTime() + 59_000))).toMatchObject({ delivered: 0, retrying: 0 });
    expect(sinks.hooks).toHaveLength(1);

    const second = new Date(start.getTime() + 60_000);
    expect(await deliverDueMessages(t.db, cfg, second)).toMatchObject({ retrying: 1 });
    row = await t.db.outboxMessage.findFirstOrThrow({ where: { leadId: outcome.id } });
    expect(row).toMatchObject({ attempts: 2, lastError: expect.stringContaining("HTTP 503") });
    expect(row.nextAttemptAt.getTime() - second.getTime()).toBe(120_000); // doubled

    const third = new Date(second.getTime() + 120_000);
    expect(await deliverDueMessages(t.db, cfg, third)).toMatchObject({ delivered: 1 });
    row = await t.db.outboxMessage.findFirstOrThrow({ where: { leadId: outcome.id } });
    expect(row).toMatchObject({ attempts: 3, lastError: null });
    expect(row.deliveredAt).not.toBeNull();
    expect(sinks.hooks).toHaveLength(3);
    for (const hook of sinks.hooks) expect(verifyWebhookSignature(SECRET, hook.body, hook.headers["x-smp-signature"] as string)).toBe(true);

    expect(await t.db.lead.findUniqueOrThrow({ where: { id: outcome.id } })).toEqual(snapshot);
  });

  it("gives up after maxAttempts and keeps the message as failed; the lead is untouched", async () => {
    const start = new Date();
    const { outcome, snapshot } = await newLead(t, ["webhook", "email"], start);
    sinks.hookPlan.push(500, 500, 500, 500);
    // The SMTP side fails too: nothing listens on port 1.
    const cfg = config({ email: { smtpUrl: "smtp://127.0.0.1:1", from: "estimator@clinic.example.com", to: ["frontdesk@clinic.example.com"] }, baseDelayMs: 1000 });

    let now = start;
    for (let attempt = 1; attempt <= cfg.maxAttempts; attempt++) {
      const report = await deliverDueMessages(t.db, cfg, now);
      if (attempt < cfg.maxAttempts) expect(report).toMatchObject({ retrying: 2, gaveUp: 0 });
      else expect(report).toMatchObject({ retrying: 0, gaveUp: 2 });
      now = new Date(now.getTime() + cfg.maxDelayMs);
    }
    const rows = await t.db.outboxMessage.findMany({ where: { leadId: outcome.id }, orderBy: { channel: "asc" } });
    expect(rows.map((r) => [r.channel, r.attempts, r.deliveredAt])).toEqual([
      ["email", 3, null],
      ["webhook", 3, null],
    ]);
    expect(rows[0]?.lastError).toMatch(/^gave up after 3 attempts: .*ECONNREFUSED/);
    expect(rows[1]?.lastError).toMatch(/^gave up after 3 attempts: .*HTTP 500/);
    // Failed messages are no longer picked up.
    expect(await deliverDueMessages(t.db, cfg, new Date(now.getTime() + 86_400_000))).toEqual({ delivered: 0, retrying: 0, gaveUp: 0, skipped: 0 });
    expect(sinks.hooks).toHaveLength(3);
    expect(await t.db.lead.findUniqueOrThrow({ where: { id: outcome.id } })).toEqual(snapshot);
  });

  it("a channel removed from the configuration fails the message instead of losing it silently", async () => {
    const { outcome } = await newLead(t, ["webhook"]);
    const { webhook: _removed, ...withoutWebhook } = config();
    expect(await deliverDueMessages(t.db, withoutWebhook)).toMatchObject({ retrying: 1 });
    const row = await t.db.outboxMessage.findFirstOrThrow({ where: { leadId: outcome.id } });
    expect(row.lastError).toMatch(/not configured/);
    expect(row.deliveredAt).toBeNull();
  });

  it("two workers polling at once send each message once", async () => {
    const { outcome } = await newLead(t, ["webhook"]);
    const [a, b] = await Promise.all([deliverDueMessages(t.db, config()), deliverDueMessages(t.db, config())]);
    expect(a.delivered + b.delivered).toBe(1);
    expect(sinks.hooks.filter((h) => (JSON.parse(h.body) as LeadWebhookBody).lead.id === outcome.id)).toHaveLength(1);
  });

  it("the polling worker delivers new leads and stops cleanly", async () => {
    const worker = startOutboxWorker(t.db, config());
    try {
      const { outcome } = await newLead(t, ["webhook", "email"]);
      worker.wake();
      for (let i = 0; i < 100; i++) {
        const pending = await t.db.outboxMessage.count({ where: { leadId: outcome.id, deliveredAt: null } });
        if (pending === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await t.db.outboxMessage.count({ where: { leadId: outcome.id, deliveredAt: null } })).toBe(0);
      expect(sinks.mails).toHaveLength(1);
      expect(sinks.hooks).toHaveLength(1);
    } finally {
      await worker.stop();
    }
  });
});
