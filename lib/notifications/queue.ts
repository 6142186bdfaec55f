import "server-only";

import { type Db, driverHandle, Prisma } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import { configuredChannels, NOTIFICATION_CHANNELS, NOTIFICATION_DEFAULTS, type NotificationChannel, type NotificationConfig } from "@/lib/notifications/config";
import { sendEmail } from "@/lib/notifications/email";
import { escalateOverdueLeads } from "@/lib/notifications/escalation";
import { queueFollowUpDigests } from "@/lib/notifications/follow-up-digest";
import type { NotificationKind, QueuedMessage } from "@/lib/notifications/kind";
import { notificationKind } from "@/lib/notifications/kinds";
import { sendWebhook } from "@/lib/notifications/webhook";
import { emitEvent } from "@/lib/webhooks/emit";

/**
 * Delivers the transactional outbox (OutboxMessage rows), whatever their kind: the kinds are a
 * registry (lib/notifications/kinds/, docs/decisions/016-notification-registry.md) and this file
 * knows none of them by name. Messages are queued by lib/notifications/enqueue.ts (and, for a new
 * inquiry, by the lead write path in the inquiry's own statement).
 *
 * A message is due when it is not settled (deliveredAt), not withdrawn (withdrawnAt), has attempts
 * left and nextAttemptAt <= now (nextAttemptAt starts at its dueAt, so a scheduled message is never
 * claimed early). Each attempt first CLAIMS the row (attempts + 1, nextAttemptAt pushed past the
 * send timeout: a lease), so two workers (two app instances on one database) never send the same
 * attempt, and a crash mid-send only delays the retry:
 * - PostgreSQL: ONE statement picks the due rows `FOR UPDATE SKIP LOCKED` and claims them, so
 *   concurrent workers take disjoint batches without waiting on each other;
 * - SQLite (one writer at a time): each row is claimed by a conditional update on its attempt count.
 * Then, per message: its kind's check (still true? "drop" settles it unsent, lastError "not sent:
 * <reason>"), the channel's content, the send. The settling mark is conditional on the claim too
 * (same id and attempt count), so a worker whose lease ran out, or whose message was replaced
 * meanwhile, can never mark, or re-send, another worker's attempt. Failure: lastError +
 * nextAttemptAt = now + baseDelay * 2^(attempt-1) (capped). After maxAttempts the row stays as it
 * is, undelivered with its lastError: "failed", visible to `SELECT ... WHERE deliveredAt IS NULL
 * AND attempts >= max`.
 * Delivery never touches the Lead row: a failing channel cannot lose or block an inquiry.
 */

export interface DeliveryReport {
  /** Settled by this poll: sent, or dropped by its kind's check (never sent, lastError "not sent: ..."). */
  delivered: number;
  retrying: number;
  gaveUp: number;
  /** Claimed by another worker first, or withdrawn or replaced after this worker claimed it. */
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
  leadId: string | null;
  payload: unknown;
  dueAt: Date | null;
  /** The attempt this worker owns (attempts after the claim). */
  attempt: number;
}

/** PostgreSQL: pick and claim a batch in one statement; rows other workers hold are skipped. */
async function claimBatchPostgres(db: Db, config: NotificationConfig, now: Date): Promise<ClaimedMessage[]> {
  // timestamp(3) columns hold UTC wall time (as Prisma writes them): compare with UTC text, not timestamptz.
  const lease = new Date(now.getTime() + CLAIM_LEASE_MS).toISOString();
  const rows = await db.$queryRaw<{ id: string; kind: string; channel: string; leadId: string | null; payload: unknown; dueAt: Date | null; attempts: number }[]>(Prisma.sql`
    UPDATE "OutboxMessage" AS m SET "attempts" = m."attempts" + 1, "nextAttemptAt" = ${lease}::timestamp(3)
    FROM (
      SELECT "id" FROM "OutboxMessage"
      WHERE "deliveredAt" IS NULL AND "withdrawnAt" IS NULL AND "attempts" < ${config.maxAttempts}::int AND "nextAttemptAt" <= ${now.toISOString()}::timestamp(3)
      ORDER BY "nextAttemptAt" ASC, "id" ASC
      LIMIT ${config.batchSize}::int
      FOR UPDATE SKIP LOCKED
    ) AS due
    WHERE m."id" = due."id"
    RETURNING m."id", m."kind", m."channel", m."leadId", m."payload", m."dueAt", m."attempts"`);
  return rows
    .map((r) => ({ id: r.id, kind: r.kind, channel: r.channel, leadId: r.leadId, payload: r.payload, dueAt: r.dueAt, attempt: Number(r.attempts) }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** SQLite: read the due rows, then claim each with a conditional update (single writer: no lock waits). */
async function claimBatchSqlite(db: Db, config: NotificationConfig, now: Date, report: DeliveryReport): Promise<ClaimedMessage[]> {
  const due = await db.outboxMessage.findMany({
    where: { deliveredAt: null, withdrawnAt: null, attempts: { lt: config.maxAttempts }, nextAttemptAt: { lte: now } },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: config.batchSize,
    select: { id: true, kind: true, channel: true, leadId: true, payload: true, dueAt: true, attempts: true },
  });
  const claimed: ClaimedMessage[] = [];
  for (const message of due) {
    const attempt = message.attempts + 1;
    const result = await db.outboxMessage.updateMany({
      where: { id: message.id, attempts: message.attempts, deliveredAt: null, withdrawnAt: null },
      data: { attempts: attempt, nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS) },
    });
    if (result.count === 1) claimed.push({ ...message, attempt });
    else report.skipped++;
  }
  return claimed;
}

/** Finds the kind of a stored row: the registry (lib/notifications/kinds/), or a test's own list. */
export type KindLookup = (id: string) => NotificationKind | undefined;

export async function deliverDueMessages(
  db: Db,
  config: NotificationConfig,
  now: Date = new Date(),
  kinds: KindLookup = notificationKind,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, retrying: 0, gaveUp: 0, skipped: 0 };
  const postgres = (await providerOfClient(db)) === "postgresql";
  const claimed = postgres ? await claimBatchPostgres(db, config, now) : await claimBatchSqlite(db, config, now, report);

  for (const message of claimed) {
    const { attempt } = message;
    // Only the owner of this attempt may settle it.
    const mine = { id: message.id, attempts: attempt, deliveredAt: null };
    try {
      const outcome = await deliverOne(db, config, kinds, message, now);
      if (outcome.status === "not_mine") {
        report.skipped++;
        continue;
      }
      const settled = await db.outboxMessage.updateMany({
        where: mine,
        data: { deliveredAt: new Date(), lastError: outcome.status === "dropped" ? `not sent: ${outcome.reason}`.slice(0, MAX_ERROR_LENGTH) : null },
      });
      // 0: replaced by a new enqueue while this worker was sending (the new message is still to send).
      if (settled.count === 1) report.delivered++;
      else report.skipped++;
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

/** Sent; dropped by the kind's check (settled unsent); or withdrawn / replaced since the claim (left alone). */
type DeliveryOutcome = { status: "sent" } | { status: "dropped"; reason: string } | { status: "not_mine" };

function isChannel(value: string): value is NotificationChannel {
  return (NOTIFICATION_CHANNELS as readonly string[]).includes(value);
}

async function deliverOne(db: Db, config: NotificationConfig, kinds: KindLookup, claimed: ClaimedMessage, now: Date): Promise<DeliveryOutcome> {
  const { channel, id: messageId } = claimed;
  const kind = kinds(claimed.kind);
  if (!kind) throw new Error(`unknown message kind "${claimed.kind}"`);
  if (!isChannel(channel)) throw new Error(`unknown channel "${channel}"`);
  const render = channel === "email" ? kind.email : kind.webhook;
  if (channel === "endpoint") return deliverToEndpoints(db, config, kind, claimed, now);
  if (!kind.channels.includes(channel) || !render) throw new Error(`a ${kind.id} message does not go by ${channel}`);
  if (!config[channel]) throw new Error(`${channel} channel is not configured`);

  const message: QueuedMessage<unknown> = { id: messageId, channel, leadId: claimed.leadId, payload: kind.payload.parse(claimed.payload), dueAt: claimed.dueAt };
  // Withdrawn (or replaced by a new enqueue) since the claim: not this worker's to send any more.
  const current = await db.outboxMessage.findUnique({ where: { id: messageId }, select: { attempts: true, withdrawnAt: true } });
  if (!current || current.withdrawnAt !== null || current.attempts !== claimed.attempt) return { status: "not_mine" };
  const verdict = await kind.check(db, message, now);
  if (!verdict.send) return { status: "dropped", reason: verdict.reason };
  const input = { message, context: verdict.context, appUrl: config.appUrl, now };

  if (channel === "email" && config.email && kind.email) {
    const { to, ...email } = kind.email(input);
    await sendEmail(config.email, { to: to ?? config.email.to, ...email }, messageId);
    return { status: "sent" };
  }
  if (channel === "webhook" && config.webhook && kind.webhook) {
    const { event, data } = kind.webhook(input);
    const body = { event, deliveryId: messageId, sentAt: now.toISOString(), ...data };
    await sendWebhook(config.webhook, JSON.stringify(body), { event, deliveryId: messageId, sentAt: now });
    return { status: "sent" };
  }
  throw new Error(`a ${kind.id} message does not go by ${channel}`);
}

/**
 * Channel "endpoint" (the admin's webhook endpoints, docs/decisions/024-api-keys-and-webhooks.md): a
 * kind with `event` is fanned out (one WebhookDelivery and one `webhook_delivery` message per
 * subscribed endpoint, in one transaction); a kind with `deliver` sends itself (one delivery).
 */
async function deliverToEndpoints(db: Db, config: NotificationConfig, kind: NotificationKind, claimed: ClaimedMessage, now: Date): Promise<DeliveryOutcome> {
  if (!kind.channels.includes("endpoint") || (!kind.event && !kind.deliver)) throw new Error(`a ${kind.id} message does not go by endpoint`);
  const message: QueuedMessage<unknown> = { id: claimed.id, channel: "endpoint", leadId: claimed.leadId, payload: kind.payload.parse(claimed.payload), dueAt: claimed.dueAt };
  const current = await db.outboxMessage.findUnique({ where: { id: claimed.id }, select: { attempts: true, withdrawnAt: true } });
  if (!current || current.withdrawnAt !== null || current.attempts !== claimed.attempt) return { status: "not_mine" };
  const verdict = await kind.check(db, message, now);
  if (!verdict.send) return { status: "dropped", reason: verdict.reason };
  const input = { message, context: verdict.context, appUrl: config.appUrl, now };
  if (kind.event) {
    const { type, data } = kind.event(input);
    await db.$transaction((tx) => emitEvent(tx, type, data as Prisma.InputJsonObject, { leadId: claimed.leadId, eventId: claimed.id, now }));
    return { status: "sent" };
  }
  const last = claimed.attempt >= config.maxAttempts;
  await kind.deliver?.(db, { ...input, attempt: claimed.attempt, maxAttempts: config.maxAttempts, nextRetryAt: last ? null : new Date(now.getTime() + retryDelayMs(claimed.attempt, config)) });
  return { status: "sent" };
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
            // The morning list of follow-ups (from 08:00 clinic time; once per person and day, by the outbox's unique key).
            await queueFollowUpDigests(db, { channels: configuredChannels(config) }).catch((error: unknown) => {
              logger.warn({ op: "follow_up_digest", err: { name: (error as Error)?.name, code: (error as { code?: unknown })?.code } }, "morning follow-up list run failed");
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
