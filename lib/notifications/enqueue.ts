import "server-only";

import type { z } from "zod";

import type { Db, DbTransaction } from "@/lib/db/client";
import { newId } from "@/lib/db/ids";
import { getEnv } from "@/lib/env";
import { configuredChannels, notificationConfigFromEnv, type NotificationChannel } from "@/lib/notifications/config";
import type { NotificationKind } from "@/lib/notifications/kind";
import { notificationKind, type NotificationKindId, type PayloadOf } from "@/lib/notifications/kinds";

/**
 * Queuing and withdrawing notifications (docs/decisions/016-notification-registry.md). Call
 * `enqueueNotification` inside the transaction that changes what the message announces, so both
 * are stored or neither; the worker (lib/notifications/queue.ts) sends it.
 */

export interface EnqueueOptions {
  /** Not sent before this time (a reminder). Default: at once. */
  dueAt?: Date;
  /**
   * At most one message per key and channel, refused by the database (a unique index), whatever
   * the number of app instances. A second enqueue with the key keeps the first or replaces it, as
   * the kind's `onDuplicate` says. Name keys after the kind and what they are about
   * (`consultation_reminder:<bookingId>`).
   */
  dedupeKey?: string;
  /** The inquiry it is about (erasure and merges delete a lead's messages; withdraw by lead). */
  leadId?: string | null;
  /** Default: the kind's channels that are configured in the environment (SMTP_URL, LEAD_WEBHOOK_URL). */
  channels?: readonly NotificationChannel[];
  /** The enqueue time (createdAt; default now). */
  now?: Date;
}

export interface EnqueueResult {
  /** The ids of the rows written or replaced (one per channel); a kept duplicate adds none. */
  ids: string[];
}

/**
 * Queues one message of `kind` per channel, its payload checked by the kind's schema (and typed by
 * it at compile time). Portable SQL, one statement per channel: `INSERT ... ON CONFLICT
 * ("dedupeKey", "channel")` either does nothing (onDuplicate "keep") or replaces the unsent row
 * (onDuplicate "replace": a new id, so a worker holding the old one's lease cannot settle the new
 * one; payload, dueAt and attempts start over). A conflict never aborts the caller's transaction.
 */
export async function enqueueNotification<K extends NotificationKindId>(
  tx: Db | DbTransaction,
  kind: K,
  payload: PayloadOf<K>,
  options: EnqueueOptions = {},
): Promise<EnqueueResult> {
  // The payload's type was checked against the kind's schema at the call; the schema checks it again here.
  const definition = notificationKind(kind);
  if (!definition) throw new Error(`unknown notification kind "${kind}"`);
  return enqueueMessage(tx, definition, payload, options);
}

/** enqueueNotification for a kind object (the registry's, or a test's). */
export async function enqueueMessage<S extends z.ZodType>(
  tx: Db | DbTransaction,
  kind: Pick<NotificationKind, "id" | "channels" | "onDuplicate"> & { payload: S },
  payload: z.input<S>,
  options: EnqueueOptions = {},
): Promise<EnqueueResult> {
  const stored = JSON.stringify(kind.payload.parse(payload));
  const now = options.now ?? new Date();
  const dueAt = options.dueAt ?? null;
  const nextAttemptAt = dueAt && dueAt > now ? dueAt : now;
  const leadId = options.leadId ?? null;
  const dedupeKey = options.dedupeKey ?? null;
  const wanted = options.channels ?? configuredChannels(notificationConfigFromEnv(getEnv()));
  const channels = kind.channels.filter((channel) => wanted.includes(channel));
  const ids: string[] = [];
  for (const channel of channels) {
    const id = newId();
    const rows =
      kind.onDuplicate === "replace"
        ? await tx.$queryRaw<{ id: string }[]>`
            INSERT INTO "OutboxMessage" ("id", "kind", "leadId", "channel", "payload", "attempts", "dueAt", "nextAttemptAt", "dedupeKey", "createdAt")
            VALUES (${id}, ${kind.id}, ${leadId}, ${channel}, ${stored}, 0, ${dueAt}, ${nextAttemptAt}, ${dedupeKey}, ${now})
            ON CONFLICT ("dedupeKey", "channel") DO UPDATE SET
              "id" = excluded."id", "kind" = excluded."kind", "leadId" = excluded."leadId", "payload" = excluded."payload",
              "attempts" = 0, "dueAt" = excluded."dueAt", "nextAttemptAt" = excluded."nextAttemptAt",
              "withdrawnAt" = NULL, "lastError" = NULL, "createdAt" = excluded."createdAt"
            WHERE "OutboxMessage"."deliveredAt" IS NULL
            RETURNING "id"`
        : await tx.$queryRaw<{ id: string }[]>`
            INSERT INTO "OutboxMessage" ("id", "kind", "leadId", "channel", "payload", "attempts", "dueAt", "nextAttemptAt", "dedupeKey", "createdAt")
            VALUES (${id}, ${kind.id}, ${leadId}, ${channel}, ${stored}, 0, ${dueAt}, ${nextAttemptAt}, ${dedupeKey}, ${now})
            ON CONFLICT ("dedupeKey", "channel") DO NOTHING
            RETURNING "id"`;
    ids.push(...rows.map((row) => row.id));
  }
  return { ids };
}

/** Which unsent messages to withdraw: those of one dedupe key, or of one inquiry; either narrowed to one kind. */
export type WithdrawSelector = { dedupeKey: string; kind?: NotificationKindId } | { leadId: string; kind?: NotificationKindId };

/**
 * Withdraws the unsent messages the selector names (when what they announce changed: a cancelled
 * consultation's reminder). They are kept, marked withdrawnAt, and never claimed again; a message
 * a worker is sending at this very moment may still go out (the worker re-reads the mark right
 * before sending, and its kind's check reads the current state). Returns how many were withdrawn.
 */
export async function withdrawNotifications(tx: Db | DbTransaction, selector: WithdrawSelector, now: Date = new Date()): Promise<number> {
  const which = "dedupeKey" in selector ? { dedupeKey: selector.dedupeKey } : { leadId: selector.leadId };
  const { count } = await tx.outboxMessage.updateMany({
    where: { ...which, ...(selector.kind ? { kind: selector.kind } : {}), deliveredAt: null, withdrawnAt: null },
    data: { withdrawnAt: now },
  });
  return count;
}
