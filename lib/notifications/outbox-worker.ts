import "server-only";

import { ELIGIBILITY_LABELS } from "@/lib/candidacy/result";
import { type Db, driverHandle, Prisma } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import type { NotificationChannel, NotificationConfig } from "@/lib/notifications/config";
import { sendStaffEmail, type StaffEmail } from "@/lib/notifications/email";
import {
  LEAD_CREATED,
  type LeadCreatedPayload,
  type LeadWebhookBody,
  readLeadCreatedPayload,
  staffLeadUrl,
} from "@/lib/notifications/payload";
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
      await deliverOne(config, message.channel, message.kind, message.id, message.leadId, message.payload, now);
      await db.outboxMessage.updateMany({ where: mine, data: { deliveredAt: new Date(), lastError: null } });
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

async function deliverOne(
  config: NotificationConfig,
  channel: string,
  kind: string,
  messageId: string,
  leadId: string,
  storedPayload: unknown,
  now: Date,
): Promise<void> {
  if (kind !== LEAD_CREATED) throw new Error(`unknown message kind "${kind}"`);
  const payload = readLeadCreatedPayload(storedPayload);
  switch (channel as NotificationChannel) {
    case "email": {
      if (!config.email) throw new Error("email channel is not configured");
      await sendStaffEmail(config.email, leadCreatedEmail(config.appUrl, leadId, payload), messageId);
      return;
    }
    case "webhook": {
      if (!config.webhook) throw new Error("webhook channel is not configured");
      const body: LeadWebhookBody = {
        event: "lead.created",
        deliveryId: messageId,
        sentAt: now.toISOString(),
        lead: { id: leadId, ...payload, staffUrl: staffLeadUrl(config.appUrl, leadId) },
      };
      await sendWebhook(config.webhook, JSON.stringify(body), { event: body.event, deliveryId: messageId, sentAt: now });
      return;
    }
    default:
      throw new Error(`unknown channel "${channel}"`);
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

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
