import "server-only";

import { ELIGIBILITY_LABELS } from "@/lib/candidacy/result";
import { type Db, driverHandle, Prisma } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import { configuredChannels, NOTIFICATION_DEFAULTS, type NotificationChannel, type NotificationConfig } from "@/lib/notifications/config";
import { formatBusinessMinutes } from "@/lib/leads/speed-to-lead";
import { sendStaffEmail, type StaffEmail } from "@/lib/notifications/email";
import { escalateOverdueLeads } from "@/lib/notifications/escalation";
import {
  LEAD_CREATED,
  LEAD_ESCALATED,
  type LeadCreatedPayload,
  type LeadEscalatedPayload,
  type LeadEscalatedWebhookBody,
  type LeadWebhookBody,
  PATIENT_CONFIRMATION,
  readLeadCreatedPayload,
  readLeadEscalatedPayload,
  staffLeadUrl,
} from "@/lib/notifications/payload";
import { sendPatientConfirmation } from "@/lib/notifications/patient-email";
import { sendWebhook } from "@/lib/notifications/webhook";

/**
 * Delivers the transactional outbox (OutboxMessage rows written with each lead).
 *
 * A message is due when it is not delivered, has attempts left and nextAttemptAt <= now. Each
 * attempt first CLAIMS the row (attempts + 1, nextAttemptAt pushed past the send timeout: a lease),
 * so two workers (two app instances on one database) never send the same attempt, and a crash
 * mid-send only delays the retry:
 * - PostgreSQL: ONE statement picks the due rows `FOR UPDATE SKIP LOCKED` and claims them, so
 *   concurrent workers take disjoint batches without waiting on each other;
 * - SQLite (one writer at a time): each row is claimed by a conditional update on its attempt count.
 * The delivered mark is conditional on the claim too (same attempt count), so a worker whose lease
 * ran out can never mark, or re-send, another worker's attempt. Failure: lastError + nextAttemptAt = now + baseDelay * 2^(attempt-1) (capped). After
 * maxAttempts the row stays as it is, undelivered with its lastError: "failed", visible to staff
 * and to `SELECT ... WHERE deliveredAt IS NULL AND attempts >= max`.
 * Delivery never touches the Lead row: a failing channel cannot lose or block an inquiry.
 */

export interface DeliveryReport {
  delivered: number;
  retrying: number;
  gaveUp: number;
  /** Claimed by another worker first. */
  skipped: number;
}

/** Time a claimed attempt may take before another worker may retry it. */
const CLAIM_LEASE_MS = 2 * 60_000;
const MAX_ERROR_LENGTH = 500;

export function retryDelayMs(attempt: number, config: Pick<NotificationConfig, "baseDelayMs" | "maxDelayMs">): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** Math.min(exponent, 30));
}

interface ClaimedMessage {
  id: string;
  kind: string;
  channel: string;
  leadId: string;
  payload: unknown;
  /** The attempt this worker owns (attempts after the claim). */
  attempt: number;
}

/** PostgreSQL: pick and claim a batch in one statement; rows other workers hold are skipped. */
async function claimBatchPostgres(db: Db, config: NotificationConfig, now: Date): Promise<ClaimedMessage[]> {
  // timestamp(3) columns hold UTC wall time (as Prisma writes them): compare with UTC text, not timestamptz.
  const lease = new Date(now.getTime() + CLAIM_LEASE_MS).toISOString();
  const rows = await db.$queryRaw<{ id: string; kind: string; channel: string; leadId: string; payload: unknown; attempts: number }[]>(Prisma.sql`
    UPDATE "OutboxMessage" AS m SET "attempts" = m."attempts" + 1, "nextAttemptAt" = ${lease}::timestamp(3)
    FROM (
      SELECT "id" FROM "OutboxMessage"
      WHERE "deliveredAt" IS NULL AND "attempts" < ${config.maxAttempts}::int AND "nextAttemptAt" <= ${now.toISOString()}::timestamp(3)
      ORDER BY "nextAttemptAt" ASC, "id" ASC
      LIMIT ${config.batchSize}::int
      FOR UPDATE SKIP LOCKED
    ) AS due
    WHERE m."id" = due."id"
    RETURNING m."id", m."kind", m."channel", m."leadId", m."payload", m."attempts"`);
  return rows
    .map((r) => ({ id: r.id, kind: r.kind, channel: r.channel, leadId: r.leadId, payload: r.payload, attempt: Number(r.attempts) }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** SQLite: read the due rows, then claim each with a conditional update (single writer: no lock waits). */
async function claimBatchSqlite(db: Db, config: NotificationConfig, now: Date, report: DeliveryReport): Promise<ClaimedMessage[]> {
  const due = await db.outboxMessage.findMany({
    where: { deliveredAt: null, attempts: { lt: config.maxAttempts }, nextAttemptAt: { lte: now } },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: config.batchSize,
    select: { id: true, kind: true, channel: true, leadId: true, payload: true, attempts: true },
  });
  const claimed: ClaimedMessage[] = [];
  for (const message of due) {
    const attempt = message.attempts + 1;
    const result = await db.outboxMessage.updateMany({
      where: { id: message.id, attempts: message.attempts, deliveredAt: null },
      data: { attempts: attempt, nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS) },
    });
    if (result.count === 1) claimed.push({ ...message, attempt });
    else report.skipped++;
  }
  return claimed;
}

export async function deliverDueMessages(db: Db, config: NotificationConfig, now: Date = new Date()): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, retrying: 0, gaveUp: 0, skipped: 0 };
  const postgres = (await providerOfClient(db)) === "postgresql";
  const claimed = postgres ? await claimBatchPostgres(db, config, now) : await claimBatchSqlite(db, config, now, report);

  for (const message of claimed) {
    const { attempt } = message;
    // Only the owner of this attempt may settle it.
    const mine = { id: message.id, attempts: attempt, deliveredAt: null };
    try {
      const outcome = await deliverOne(db, config, message, now);
      await db.outboxMessage.updateMany({
        where: mine,
        data: { deliveredAt: new Date(), lastError: outcome === "nothing_to_send" ? "not sent: nothing to send any more" : null },
      });
      report.delivered++;
    } catch (error) {
      const reason = describeError(error);
      const gaveUp = attempt >= config.maxAttempts;
      await db.outboxMessage.updateMany({
        where: mine,
        data: {
          lastError: (gaveUp ? `gave up after ${attempt} attempts: ${reason}` : reason).slice(0, MAX_ERROR_LENGTH),
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempt, config)),
        },
      });
      if (gaveUp) report.gaveUp++;
      else report.retrying++;
      const log = { op: "outbox", messageId: message.id, channel: message.channel, attempt, reason };
      if (gaveUp) logger.error(log, "notification failed permanently");
      else logger.warn(log, "notification failed; will retry");
    }
  }
  return report;
}

/** "sqlite" | "postgresql" of a client, also before its first query. */
async function providerOfClient(db: Db): Promise<string | undefined> {
  if (!driverHandle(db)) await db.$queryRaw`SELECT 1`;
  return driverHandle(db)?.provider;
}

/** "sent", or "nothing_to_send" (e.g. a patient e-mail for an inquiry that no longer has an address): settled without sending. */
type DeliveryOutcome = "sent" | "nothing_to_send";

async function deliverOne(db: Db, config: NotificationConfig, message: ClaimedMessage, now: Date): Promise<DeliveryOutcome> {
  const { channel, kind, id: messageId, leadId } = message;
  const staffUrl = staffLeadUrl(config.appUrl, leadId);
  if (kind === PATIENT_CONFIRMATION) {
    if (channel !== "email") throw new Error(`the patient confirmation goes by email, not "${channel}"`);
    if (!config.email) throw new Error("email channel is not configured");
    return sendPatientConfirmation(db, config.email, leadId, messageId);
  }
  if (kind !== LEAD_CREATED && kind !== LEAD_ESCALATED) throw new Error(`unknown message kind "${kind}"`);
  switch (channel as NotificationChannel) {
    case "email": {
      if (!config.email) throw new Error("email channel is not configured");
      const email =
        kind === LEAD_CREATED
          ? leadCreatedEmail(config.appUrl, leadId, readLeadCreatedPayload(message.payload))
          : leadEscalatedEmail(staffUrl, readLeadEscalatedPayload(message.payload));
      await sendStaffEmail(config.email, email, messageId);
      return "sent";
    }
    case "webhook": {
      if (!config.webhook) throw new Error("webhook channel is not configured");
      const sentAt = now.toISOString();
      let body: LeadWebhookBody | LeadEscalatedWebhookBody;
      if (kind === LEAD_CREATED) {
        body = { event: "lead.created", deliveryId: messageId, sentAt, lead: { id: leadId, ...readLeadCreatedPayload(message.payload), staffUrl } };
      } else {
        const { timeZone: _tz, ...escalation } = readLeadEscalatedPayload(message.payload);
        body = { event: "lead.escalated", deliveryId: messageId, sentAt, lead: { id: leadId, ...escalation, staffUrl } };
      }
      await sendWebhook(config.webhook, JSON.stringify(body), { event: body.event, deliveryId: messageId, sentAt: now });
      return "sent";
    }
    default:
      throw new Error(`unknown channel "${channel}"`);
  }
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The staff email: status and a link, nothing else (no name, contact, answers or flags). */
export function leadCreatedEmail(appUrl: string, leadId: string, payload: LeadCreatedPayload): StaffEmail {
  const status = ELIGIBILITY_LABELS[payload.eligibility];
  const url = staffLeadUrl(appUrl, leadId);
  const repeat = payload.repeatInquiry ? " (repeat inquiry)" : "";
  const lines = [
    `A new SMP inquiry arrived${repeat}.`,
    "",
    `Assessment: ${status}`,
    `Received: ${payload.createdAt}`,
    "",
    `Open it in the staff area (sign-in required): ${url}`,
  ];
  return {
    subject: `New SMP inquiry: ${status}${repeat}`,
    text: lines.join("\n"),
    html:
      `<p>A new SMP inquiry arrived${escapeHtml(repeat)}.</p>` +
      `<p>Assessment: <strong>${escapeHtml(status)}</strong><br>Received: ${escapeHtml(payload.createdAt)}</p>` +
      `<p><a href="${escapeHtml(url)}">Open it in the staff area</a> (sign-in required).</p>`,
  };
}

/** "Friday, March 6 at 4:50 PM (America/Los_Angeles)": the clinic's wall clock (falls back to the ISO text). */
function clinicTime(iso: string, timeZone: string): string {
  try {
    const local = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "long", month: "long", day: "numeric", hour: "numeric", minute: "2-digit" })
      .format(new Date(iso))
      .replace(/[\u202f\u00a0]/g, " ");
    return `${local} (${timeZone})`;
  } catch {
    return iso;
  }
}

/**
 * The staff e-mail of an escalation: the first name, the reference, how long it has waited and the
 * link. Nothing else about the patient (no last name, contact, answers or verdict).
 */
export function leadEscalatedEmail(staffUrl: string, payload: LeadEscalatedPayload): StaffEmail {
  const who = payload.reference ? `${payload.firstName} (${payload.reference})` : payload.firstName;
  const waited = formatBusinessMinutes(payload.waitingMinutes);
  const target = formatBusinessMinutes(payload.replyTargetMinutes);
  const received = clinicTime(payload.createdAt, payload.timeZone);
  const lines = [
    `${who} is still waiting for a first reply.`,
    "",
    `Waiting: ${waited} of opening hours (your reply target is ${target}).`,
    `Received: ${received}`,
    "",
    `Open the inquiry in the staff area (sign-in required): ${staffUrl}`,
  ];
  return {
    subject: `Still waiting for a reply: ${who}`,
    text: lines.join("\n"),
    html:
      `<p><strong>${escapeHtml(who)}</strong> is still waiting for a first reply.</p>` +
      `<p>Waiting: ${escapeHtml(waited)} of opening hours (your reply target is ${escapeHtml(target)}).<br>Received: ${escapeHtml(received)}</p>` +
      `<p><a href="${escapeHtml(staffUrl)}">Open the inquiry in the staff area</a> (sign-in required).</p>`,
  };
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return "unknown error";
  const code = (error as { code?: unknown; responseCode?: unknown }).responseCode ?? (error as { code?: unknown }).code;
  return `${error.name}${typeof code === "string" || typeof code === "number" ? ` ${code}` : ""}: ${error.message}`;
}

// --- the polling worker ---------------------------------------------------------------------

export interface OutboxWorker {
  /** Runs one poll now (also used to deliver right after a new lead). */
  wake(): void;
  /** Stops polling and waits for the running poll. */
  stop(): Promise<void>;
}

interface WorkerGlobal {
  __smpOutboxWorker?: OutboxWorker;
}

export function startOutboxWorker(db: Db, config: NotificationConfig): OutboxWorker {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let lastEscalationRun = Number.NEGATIVE_INFINITY;

  const poll = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          // Escalations first, so an inquiry that just became overdue is announced in this same poll.
          const started = Date.now();
          if (started - lastEscalationRun >= (config.escalationIntervalMs ?? NOTIFICATION_DEFAULTS.escalationIntervalMs)) {
            lastEscalationRun = started;
            // Its own failure (logged) never holds up the delivery below.
            await escalateOverdueLeads(db, { channels: configuredChannels(config) }).catch((error: unknown) => {
              logger.warn({ op: "escalation", err: { name: (error as Error)?.name, code: (error as { code?: unknown })?.code } }, "escalation scan failed");
            });
          }
          const report = await deliverDueMessages(db, config);
          if (report.delivered + report.retrying + report.gaveUp > 0) logger.info({ op: "outbox", ...report }, "outbox poll");
        } catch (error) {
          // e.g. database briefly unavailable: the next poll tries again.
          logger.warn({ op: "outbox", err: { name: (error as Error).name, code: (error as { code?: unknown }).code } }, "outbox poll failed");
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  };

  const timer = setInterval(poll, config.pollIntervalMs);
  timer.unref();
  poll();

  const worker: OutboxWorker = {
    wake: poll,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      const g = globalThis as typeof globalThis & WorkerGlobal;
      if (g.__smpOutboxWorker === worker) g.__smpOutboxWorker = undefined;
    },
  };
  (globalThis as typeof globalThis & WorkerGlobal).__smpOutboxWorker = worker;
  return worker;
}

/** Asks the worker of this process (if any) to poll now, so a new lead is notified within seconds. */
export function wakeOutboxWorker(): void {
  (globalThis as typeof globalThis & WorkerGlobal).__smpOutboxWorker?.wake();
}
