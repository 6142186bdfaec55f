/**
 * The notification registry (docs/decisions/016-notification-registry.md) on SQLite and PostgreSQL,
 * delivered to a REAL local SMTP server and a REAL local HTTP receiver: a message due at a time is
 * not sent before it; the database refuses a second message with the same dedupe key (enqueue keeps
 * or replaces, as the kind says); a kind's check answering "drop" settles the message unsent; a
 * withdrawn message is never sent; an e-mail carries its attachment (a text/calendar invite); a
 * failing channel retries and gives up; the typed enqueue of a registry kind.
 *
 * The scheduled kind below is the tests' own (a reminder to call an inquiry back while it is still
 * `new`), handed to the queue with a kind lookup, so the registry holds only the product's kinds.
 */
import { z } from "zod";

import { createLead } from "@/lib/leads/create-lead";
import { createLeadSchema } from "@/lib/leads/lead-input";
import type { NotificationConfig } from "@/lib/notifications/config";
import { closeEmailTransports } from "@/lib/notifications/email";
import { enqueueMessage, enqueueNotification, withdrawNotifications } from "@/lib/notifications/enqueue";
import { defineNotificationKind, drop, requireLeadId, send, type NotificationKind } from "@/lib/notifications/kind";
import { notificationKind } from "@/lib/notifications/kinds";
import { LEAD_ESCALATED, type LeadEscalatedWebhookBody } from "@/lib/notifications/kinds/lead-escalated";
import { deliverDueMessages, retryDelayMs } from "@/lib/notifications/queue";
import { buildLeadBody } from "@/tests/support/lead-builders";
import { startSinks, type Sinks } from "@/tests/support/mail-sinks";
import { leafParts, onlyPart, parseMime } from "@/tests/support/mime";
import { forEachProvider, type ProviderContext } from "@/tests/support/test-db";

const SECRET = "registry-webhook-secret-0123456";
const ICS = ["BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:REQUEST", "BEGIN:VEVENT", "UID:callback-1@clinic.example.com", "SUMMARY:Call back", "END:VEVENT", "END:VCALENDAR", ""].join("\r\n");

/** The tests' scheduled kind: "call this inquiry back", still true only while the inquiry is `new`. */
const callBack = defineNotificationKind({
  id: "test_call_back",
  payload: z.object({ slot: z.string() }),
  channels: ["email", "webhook"],
  onDuplicate: "replace",
  check: async (db, message) => {
    const lead = await db.lead.findUnique({ where: { id: requireLeadId(message) }, select: { status: true, reference: true } });
    if (!lead || lead.status !== "new") return drop("the inquiry was answered");
    return send({ reference: lead.reference });
  },
  email: ({ message, context }) => ({
    subject: `Call back ${context.reference ?? "an inquiry"} at ${message.payload.slot}`,
    text: `Call back at ${message.payload.slot}.`,
    html: `<p>Call back at ${message.payload.slot}.</p>`,
    attachments: [{ filename: "call-back.ics", contentType: "text/calendar; method=REQUEST; charset=utf-8", content: ICS }],
  }),
  webhook: ({ message }) => ({ event: "test.call_back", data: { slot: message.payload.slot, leadId: message.leadId } }),
});

/** A kind that is only ever "kept" on a duplicate key. */
const note = defineNotificationKind({
  id: "test_note",
  payload: z.object({ text: z.string() }),
  channels: ["webhook"],
  onDuplicate: "keep",
  check: async () => send(null),
  webhook: ({ message }) => ({ event: "test.note", data: { text: message.payload.text } }),
});

const TEST_KINDS = new Map<string, NotificationKind>([
  [callBack.id, callBack],
  [note.id, note],
]);
const kinds = (id: string) => TEST_KINDS.get(id) ?? notificationKind(id);

let sinks: Sinks;
beforeAll(async () => {
  sinks = await startSinks();
});
afterAll(async () => {
  closeEmailTransports();
  await sinks.close();
});
beforeEach(() => sinks.clear());

function config(overrides: Partial<NotificationConfig> = {}): NotificationConfig {
  return {
    appUrl: "https://clinic.example.com",
    email: { smtpUrl: sinks.smtpUrl, from: "estimator@clinic.example.com", to: ["frontdesk@clinic.example.com"] },
    webhook: { url: sinks.webhookUrl, secret: SECRET, timeoutMs: 5000 },
    maxAttempts: 3,
    baseDelayMs: 60_000,
    maxDelayMs: 600_000,
    batchSize: 50,
    pollIntervalMs: 50,
    ...overrides,
  };
}

async function newLead(t: ProviderContext): Promise<string> {
  const input = createLeadSchema.parse(buildLeadBody());
  const outcome = await createLead(t.db, input, { ip: "198.51.100.9", channels: [], patientConfirmation: false });
  return outcome.id;
}

/** Messages of earlier tests are settled, so each test delivers only its own. */
async function settleAll(t: ProviderContext): Promise<void> {
  await t.db.outboxMessage.updateMany({ where: { deliveredAt: null }, data: { deliveredAt: new Date() } });
}

const HOUR = 60 * 60_000;

forEachProvider("notification registry", (t) => {
  beforeEach(() => settleAll(t));

  it("a message due in 24 hours is not sent a millisecond before, and is sent when due", async () => {
    const leadId = await newLead(t);
    const now = new Date();
    const dueAt = new Date(now.getTime() + 24 * HOUR);
    const { ids } = await enqueueMessage(t.db, callBack, { slot: "10:00" }, { leadId, dueAt, dedupeKey: `call_back:${leadId}`, channels: ["email", "webhook"], now });
    expect(ids).toHaveLength(2);
    const rows = await t.db.outboxMessage.findMany({ where: { leadId } });
    for (const row of rows) {
      expect(row.dueAt?.getTime()).toBe(dueAt.getTime());
      expect(row.nextAttemptAt.getTime()).toBe(dueAt.getTime());
    }

    expect(await deliverDueMessages(t.db, config(), now, kinds)).toEqual({ delivered: 0, retrying: 0, gaveUp: 0, skipped: 0 });
    expect(await deliverDueMessages(t.db, config(), new Date(dueAt.getTime() - 1), kinds)).toEqual({ delivered: 0, retrying: 0, gaveUp: 0, skipped: 0 });
    expect(sinks.mails).toHaveLength(0);
    expect(sinks.hooks).toHaveLength(0);

    expect(await deliverDueMessages(t.db, config(), dueAt, kinds)).toEqual({ delivered: 2, retrying: 0, gaveUp: 0, skipped: 0 });
    expect(sinks.mails).toHaveLength(1);
    expect(sinks.hooks).toHaveLength(1);
    const hook = JSON.parse(sinks.hooks[0]!.body) as Record<string, unknown>;
    expect(Object.keys(hook)).toEqual(["event", "deliveryId", "sentAt", "slot", "leadId"]);
    expect(hook).toMatchObject({ event: "test.call_back", slot: "10:00", leadId, sentAt: dueAt.toISOString() });
    expect(sinks.hooks[0]!.headers["x-smp-event"]).toBe("test.call_back");
  });

  it("carries an e-mail attachment (a text/calendar invite) to the SMTP server", async () => {
    const leadId = await newLead(t);
    const now = new Date();
    await enqueueMessage(t.db, callBack, { slot: "16:30" }, { leadId, channels: ["email"], now });
    expect(await deliverDueMessages(t.db, config(), now, kinds)).toMatchObject({ delivered: 1, retrying: 0 });
    expect(sinks.mails).toHaveLength(1);
    const mail = parseMime(sinks.mails[0]!.raw);
    expect(mail.contentType).toBe("multipart/mixed");
    expect(sinks.mails[0]!.to).toEqual(["frontdesk@clinic.example.com"]);
    expect(onlyPart(mail, "text/plain").body).toBe("Call back at 16:30.");
    expect(onlyPart(mail, "text/html").body).toBe("<p>Call back at 16:30.</p>");
    const invite = onlyPart(mail, "text/calendar");
    expect(invite.headers["content-type"]).toMatch(/^text\/calendar; method=REQUEST; charset=utf-8/);
    expect(invite.headers["content-disposition"]).toMatch(/^attachment; filename="?call-back\.ics"?/);
    expect(invite.body.replace(/\r?\n/g, "\r\n")).toBe(ICS);
    expect(leafParts(mail)).toHaveLength(3);
  });

  it("the database refuses a second message with the same dedupe key and channel", async () => {
    const leadId = await newLead(t);
    const now = new Date();
    const key = `note:${leadId}`;
    await enqueueMessage(t.db, note, { text: "first" }, { leadId, dedupeKey: key, channels: ["webhook"], now });
    const duplicate = { kind: note.id, leadId, channel: "webhook", payload: { text: "second" }, nextAttemptAt: now, dedupeKey: key };
    await expect(t.db.outboxMessage.create({ data: duplicate })).rejects.toThrow(/Unique constraint|unique/i);
    // Another channel, or no key at all, is another message.
    await t.db.outboxMessage.create({ data: { ...duplicate, channel: "email" } });
    await t.db.outboxMessage.create({ data: { ...duplicate, dedupeKey: null } });
    await t.db.outboxMessage.create({ data: { ...duplicate, dedupeKey: null } });
    expect(await t.db.outboxMessage.count({ where: { leadId } })).toBe(4);
  });

  it("enqueue with a kept key is a no-op, also inside a transaction that goes on (PostgreSQL does not abort it)", async () => {
    const leadId = await newLead(t);
    const now = new Date();
    const key = `note:${leadId}`;
    const first = await enqueueMessage(t.db, note, { text: "first" }, { leadId, dedupeKey: key, channels: ["webhook"], now });
    const second = await t.db.$transaction(async (tx) => {
      const again = await enqueueMessage(tx, note, { text: "second" }, { leadId, dedupeKey: key, channels: ["webhook"], now });
      await tx.lead.update({ where: { id: leadId }, data: { status: "contacted" } });
      return again;
    });
    expect(first.ids).toHaveLength(1);
    expect(second.ids).toEqual([]);
    expect((await t.db.lead.findUniqueOrThrow({ where: { id: leadId } })).status).toBe("contacted");
    const rows = await t.db.outboxMessage.findMany({ where: { leadId } });
    expect(rows).toMatchObject([{ id: first.ids[0], payload: { text: "first" }, dedupeKey: key }]);
  });

  it("enqueue with a replaced key reschedules the unsent message under a new id; a sent one stays as it was", async () => {
    const leadId = await newLead(t);
    const now = new Date();
    const key = `call_back:${leadId}`;
    const first = await enqueueMessage(t.db, callBack, { slot: "09:00" }, { leadId, dedupeKey: key, dueAt: new Date(now.getTime() + HOUR), channels: ["webhook"], now });
    const later = new Date(now.getTime() + 5 * HOUR);
    const second = await enqueueMessage(t.db, callBack, { slot: "14:00" }, { leadId, dedupeKey: key, dueAt: later, channels: ["webhook"], now });
    expect(second.ids).toHaveLength(1);
    expect(second.ids[0]).not.toBe(first.ids[0]);
    let rows = await t.db.outboxMessage.findMany({ where: { leadId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: second.ids[0], payload: { slot: "14:00" }, attempts: 0, withdrawnAt: null });
    expect(rows[0]!.nextAttemptAt.getTime()).toBe(later.getTime());

    // Not sent at the first time any more; sent at the second.
    expect(await deliverDueMessages(t.db, config(), new Date(now.getTime() + HOUR), kinds)).toMatchObject({ delivered: 0 });
    expect(await deliverDueMessages(t.db, config(), later, kinds)).toMatchObject({ delivered: 1 });
    expect(sinks.hooks.map((h) => (JSON.parse(h.body) as { slot: string }).slot)).toEqual(["14:00"]);

    // Sent: a third enqueue with the key changes nothing.
    const third = await enqueueMessage(t.db, callBack, { slot: "18:00" }, { leadId, dedupeKey: key, channels: ["webhook"], now: later });
    expect(third.ids).toEqual([]);
    rows = await t.db.outboxMessage.findMany({ where: { leadId } });
    expect(rows).toMatchObject([{ id: second.ids[0], payload: { slot: "14:00" } }]);
    expect(rows[0]!.deliveredAt).not.toBeNull();
  });

  it("a message its kind no longer finds true is never sent and is marked so", async () => {
    const leadId = await newLead(t);
    const now = new Date();
    await enqueueMessage(t.db, callBack, { slot: "11:00" }, { leadId, dueAt: new Date(now.getTime() + HOUR), channels: ["email", "webhook"], now });
    await t.db.lead.update({ where: { id: leadId }, data: { status: "contacted" } });
    expect(await deliverDueMessages(t.db, config(), new Date(now.getTime() + HOUR), kinds)).toEqual({ delivered: 2, retrying: 0, gaveUp: 0, skipped: 0 });
    expect(sinks.mails).toHaveLength(0);
    expect(sinks.hooks).toHaveLength(0);
    const rows = await t.db.outboxMessage.findMany({ where: { leadId } });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatchObject({ attempts: 1, lastError: "not sent: the inquiry was answered", withdrawnAt: null });
      expect(row.deliveredAt).not.toBeNull();
    }
    // Settled: never tried again.
    expect(await deliverDueMessages(t.db, config(), new Date(now.getTime() + 48 * HOUR), kinds)).toMatchObject({ delivered: 0 });
  });

  it("withdrawn messages (by dedupe key, or by inquiry and kind) are never sent; sent ones are not withdrawn", async () => {
    const leadId = await newLead(t);
    const other = await newLead(t);
    const now = new Date();
    const due = new Date(now.getTime() + HOUR);
    await enqueueMessage(t.db, callBack, { slot: "a" }, { leadId, dedupeKey: `call_back:a:${leadId}`, dueAt: due, channels: ["email", "webhook"], now });
    await enqueueMessage(t.db, callBack, { slot: "b" }, { leadId, dedupeKey: `call_back:b:${leadId}`, dueAt: due, channels: ["webhook"], now });
    await enqueueMessage(t.db, note, { text: "sent already" }, { leadId, channels: ["webhook"], now });
    await enqueueMessage(t.db, note, { text: "kept" }, { leadId: other, channels: ["webhook"], now });
    expect(await deliverDueMessages(t.db, config(), now, kinds)).toMatchObject({ delivered: 2 }); // the two notes
    sinks.clear();

    expect(await withdrawNotifications(t.db, { dedupeKey: `call_back:a:${leadId}` }, now)).toBe(2);
    await enqueueMessage(t.db, note, { text: "pending note" }, { leadId, channels: ["webhook"], now });
    expect(await withdrawNotifications(t.db, { leadId, kind: "lead_escalated" }, now)).toBe(0);
    // Nothing of another kind was touched: the slot "b" reminder and the pending note are still queued.
    expect(await t.db.outboxMessage.count({ where: { leadId, deliveredAt: null, withdrawnAt: null } })).toBe(2);

    expect(await deliverDueMessages(t.db, config(), new Date(due.getTime() + HOUR), kinds)).toEqual({ delivered: 2, retrying: 0, gaveUp: 0, skipped: 0 });
    const sent = sinks.hooks.map((h) => JSON.parse(h.body) as { event: string; slot?: string; text?: string });
    expect(sent.map((b) => b.slot ?? b.text).sort()).toEqual(["b", "pending note"]);

    // Withdrawing everything of the inquiry leaves the sent ones as they were.
    await enqueueMessage(t.db, callBack, { slot: "c" }, { leadId, dueAt: due, channels: ["webhook"], now });
    expect(await withdrawNotifications(t.db, { leadId }, now)).toBe(1);
    const rows = await t.db.outboxMessage.findMany({ where: { leadId }, orderBy: { createdAt: "asc" } });
    const withdrawn = rows.filter((r) => r.withdrawnAt !== null);
    expect(withdrawn).toHaveLength(3);
    for (const row of withdrawn) expect(row).toMatchObject({ deliveredAt: null, attempts: 0 });
    expect(rows.filter((r) => r.deliveredAt !== null && r.withdrawnAt === null)).toHaveLength(3);
    expect(await deliverDueMessages(t.db, config(), new Date(due.getTime() + 2 * HOUR), kinds)).toMatchObject({ delivered: 0 });
    expect(await t.db.outboxMessage.count({ where: { leadId: other, deliveredAt: { not: null } } })).toBe(1);
  });

  it("a message replaced while a worker sends it is not settled by that worker: the new one is still sent", async () => {
    const leadId = await newLead(t);
    const now = new Date();
    const key = `moving:${leadId}`;
    // Its check reschedules its own message, as a staff member moving the call back would mid-send.
    const moving = defineNotificationKind({
      id: "test_moving",
      payload: z.object({ slot: z.string() }),
      channels: ["webhook"],
      onDuplicate: "replace",
      check: async (db, message) => {
        if (message.payload.slot === "old") await enqueueMessage(db, moving, { slot: "new" }, { leadId, dedupeKey: key, channels: ["webhook"], now });
        return send(null);
      },
      webhook: ({ message }) => ({ event: "test.moving", data: { slot: message.payload.slot } }),
    });
    const lookup = (id: string) => (id === moving.id ? (moving as NotificationKind) : kinds(id));
    const { ids } = await enqueueMessage(t.db, moving, { slot: "old" }, { leadId, dedupeKey: key, channels: ["webhook"], now });
    expect(await deliverDueMessages(t.db, config(), now, lookup)).toEqual({ delivered: 0, retrying: 0, gaveUp: 0, skipped: 1 });
    const row = await t.db.outboxMessage.findFirstOrThrow({ where: { leadId } });
    expect(row.id).not.toBe(ids[0]);
    expect(row).toMatchObject({ payload: { slot: "new" }, attempts: 0, deliveredAt: null, lastError: null });
    expect(await deliverDueMessages(t.db, config(), now, lookup)).toEqual({ delivered: 1, retrying: 0, gaveUp: 0, skipped: 0 });
    expect(sinks.hooks.map((h) => (JSON.parse(h.body) as { slot: string }).slot)).toEqual(["old", "new"]);
  });

  it("a scheduled message retries with backoff after its due time and gives up after maxAttempts", async () => {
    const leadId = await newLead(t);
    const now = new Date();
    const dueAt = new Date(now.getTime() + HOUR);
    await enqueueMessage(t.db, callBack, { slot: "12:00" }, { leadId, dueAt, channels: ["webhook"], now });
    sinks.hookPlan.push(500, 502, 503);
    const cfg = config();
    let at = dueAt;
    for (let attempt = 1; attempt <= cfg.maxAttempts; attempt++) {
      const report = await deliverDueMessages(t.db, cfg, at, kinds);
      const row = await t.db.outboxMessage.findFirstOrThrow({ where: { leadId } });
      expect(row.attempts).toBe(attempt);
      if (attempt < cfg.maxAttempts) {
        expect(report).toEqual({ delivered: 0, retrying: 1, gaveUp: 0, skipped: 0 });
        expect(row.nextAttemptAt.getTime()).toBe(at.getTime() + retryDelayMs(attempt, cfg));
        expect(await deliverDueMessages(t.db, cfg, new Date(row.nextAttemptAt.getTime() - 1), kinds)).toMatchObject({ retrying: 0 });
      } else {
        expect(report).toEqual({ delivered: 0, retrying: 0, gaveUp: 1, skipped: 0 });
        expect(row.lastError).toMatch(/^gave up after 3 attempts: .*HTTP 503/);
        expect(row.deliveredAt).toBeNull();
      }
      at = row.nextAttemptAt;
    }
    expect(await deliverDueMessages(t.db, cfg, new Date(at.getTime() + 24 * HOUR), kinds)).toMatchObject({ delivered: 0, retrying: 0, gaveUp: 0 });
    expect(sinks.hooks).toHaveLength(3);
  });

  it("a row of a kind this version does not know fails loudly instead of being lost", async () => {
    const leadId = await newLead(t);
    const now = new Date();
    await enqueueMessage(t.db, note, { text: "x" }, { leadId, channels: ["webhook"], now });
    // Delivered by a worker that does not know the tests' kinds: the registry alone.
    expect(await deliverDueMessages(t.db, config(), now)).toMatchObject({ retrying: 1 });
    expect(await t.db.outboxMessage.findFirstOrThrow({ where: { leadId } })).toMatchObject({ deliveredAt: null, lastError: 'Error: unknown message kind "test_note"' });
  });

  it("two workers polling at once send each due message once", async () => {
    const leadIds = await Promise.all([newLead(t), newLead(t), newLead(t)]);
    const now = new Date();
    for (const leadId of leadIds) {
      await enqueueMessage(t.db, callBack, { slot: leadId }, { leadId, dueAt: new Date(now.getTime() + HOUR), channels: ["webhook"], now });
    }
    const at = new Date(now.getTime() + HOUR);
    const [a, b] = await Promise.all([deliverDueMessages(t.db, config(), at, kinds), deliverDueMessages(t.db, config(), at, kinds)]);
    expect(a.delivered + b.delivered).toBe(3);
    expect(sinks.hooks.map((h) => (JSON.parse(h.body) as { slot: string }).slot).sort()).toEqual([...leadIds].sort());
  });

  it("enqueueNotification is typed by the registry kind's schema and sends what the kind renders", async () => {
    const leadId = await newLead(t);
    const now = new Date();
    const payload = { firstName: "Sam", reference: "SMP-TEST-01", createdAt: now.toISOString(), waitingMinutes: 75, replyTargetMinutes: 60, timeZone: "America/Los_Angeles" };
    // @ts-expect-error a lead_escalated payload has no waitingMinutes as text
    await enqueueNotification(t.db, LEAD_ESCALATED, { ...payload, waitingMinutes: "75" }, { leadId, channels: [] });
    await enqueueNotification(t.db, LEAD_ESCALATED, payload, { leadId, channels: ["webhook"], now });
    expect(await deliverDueMessages(t.db, config(), now)).toMatchObject({ delivered: 1 });
    const body = JSON.parse(sinks.hooks[0]!.body) as LeadEscalatedWebhookBody;
    expect(body.lead).toEqual({
      id: leadId,
      firstName: "Sam",
      reference: "SMP-TEST-01",
      createdAt: now.toISOString(),
      waitingMinutes: 75,
      replyTargetMinutes: 60,
      staffUrl: `https://clinic.example.com/staff/leads/${leadId}`,
    });
  });
});
