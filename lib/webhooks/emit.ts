import "server-only";

import { createHash } from "node:crypto";

import type { Db, DbTransaction, Prisma } from "@/lib/db/client";
import { newId } from "@/lib/db/ids";
import { enqueueNotification } from "@/lib/notifications/enqueue";

import type { WebhookEventType } from "./events";

/**
 * THE way to announce a webhook event (docs/decisions/024-api-keys-and-webhooks.md):
 *
 *   await emitEvent(tx, "consultation.booked", { lead: { id, reference }, consultation: { id, status, start } }, { leadId });
 *
 * inside the transaction that changes what it announces. For each enabled endpoint subscribed to the
 * type it writes one WebhookDelivery (the delivery log; its id is the `webhook-id`) and queues one
 * outbox message (kind `webhook_delivery`, channel `endpoint`), which the notification queue sends with
 * retries and backoff; all of it rolls back with the transaction. `data` carries ids, statuses and
 * references ONLY: never a name, contact detail, answer or note. `leadId` (the inquiry it is about)
 * lets erasure delete the deliveries; leave it out for `lead.erased`, which must outlive the inquiry.
 */
export async function emitEvent(
  tx: Db | DbTransaction,
  type: WebhookEventType,
  data: Prisma.InputJsonObject,
  options: { leadId?: string | null; eventId?: string; now?: Date } = {},
): Promise<{ deliveryIds: string[] }> {
  const endpoints = await tx.webhookEndpoint.findMany({ where: { enabled: true }, select: { id: true, events: true }, orderBy: { id: "asc" } });
  const subscribed = endpoints.filter((endpoint) => Array.isArray(endpoint.events) && endpoint.events.includes(type));
  if (subscribed.length === 0) return { deliveryIds: [] };
  const eventId = options.eventId ?? newId();
  const now = options.now ?? new Date();
  const leadId = options.leadId ?? null;
  const deliveryIds: string[] = [];
  for (const endpoint of subscribed) {
    const id = deliveryIdOf(eventId, endpoint.id);
    // The same event fanned out again (a retried fan-out): already there.
    if (await tx.webhookDelivery.findUnique({ where: { id }, select: { id: true } })) continue;
    await tx.webhookDelivery.create({ data: { id, endpointId: endpoint.id, eventType: type, leadId, payload: data, createdAt: now, nextAttemptAt: now } });
    await enqueueNotification(tx, "webhook_delivery", { deliveryId: id }, { leadId, channels: ["endpoint"], dedupeKey: `webhook_delivery:${id}`, now });
    deliveryIds.push(id);
  }
  return { deliveryIds };
}

/** The `webhook-id` of one event at one endpoint: stable, so a re-run fan-out finds it. */
function deliveryIdOf(eventId: string, endpointId: string): string {
  return `msg_${createHash("sha256").update(`${eventId}:${endpointId}`).digest("base64url").slice(0, 27)}`;
}

// --- "is anyone listening?", for the lead write path (one cached read, not one per inquiry) ---

const CACHE_MS = 5_000;
let cached: { at: number; db: object; types: ReadonlySet<string> } | undefined;

/** Whether an enabled endpoint subscribes to `type` (cached for 5 s per process; endpoint changes here clear it). */
export async function hasSubscribers(db: Db, type: WebhookEventType): Promise<boolean> {
  if (!cached || cached.db !== db || Date.now() - cached.at > CACHE_MS) {
    const endpoints = await db.webhookEndpoint.findMany({ where: { enabled: true }, select: { events: true } });
    cached = { at: Date.now(), db, types: new Set(endpoints.flatMap((e) => (Array.isArray(e.events) ? e.events.filter((v): v is string => typeof v === "string") : []))) };
  }
  return cached.types.has(type);
}

export function invalidateSubscribers(): void {
  cached = undefined;
}
