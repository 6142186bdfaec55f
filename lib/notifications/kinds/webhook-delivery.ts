import "server-only";

import { z } from "zod";

import { defineNotificationKind, drop, send } from "@/lib/notifications/kind";
import { postSignedWebhook } from "@/lib/webhooks/send";

/**
 * One webhook event to one admin-added endpoint (lib/webhooks/emit.ts writes the WebhookDelivery and
 * queues this message; docs/decisions/024-api-keys-and-webhooks.md). The check reads the delivery and
 * its endpoint right before each attempt (deleted or disabled since: not sent); `deliver` posts the
 * Standard Webhooks request and writes the attempt into the delivery log (status, attempts, last
 * response code, next retry). A failure throws, so the queue retries with backoff and gives up after
 * OUTBOX_MAX_ATTEMPTS: the delivery is then "failed" until an admin resends it.
 */

export const WEBHOOK_DELIVERY = "webhook_delivery";

const MAX_ERROR_LENGTH = 300;

export class WebhookEndpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookEndpointError";
  }
}

export const webhookDelivery = defineNotificationKind({
  id: WEBHOOK_DELIVERY,
  // A row without an id reads as "" (no such delivery: dropped by the check).
  payload: z.object({ deliveryId: z.string().catch("") }),
  channels: ["endpoint"],
  onDuplicate: "keep",
  check: async (db, message) => {
    const delivery = await db.webhookDelivery.findUnique({
      where: { id: message.payload.deliveryId },
      select: { id: true, eventType: true, payload: true, createdAt: true, endpoint: { select: { url: true, secret: true, enabled: true } } },
    });
    if (!delivery) return drop("the delivery no longer exists");
    if (!delivery.endpoint.enabled) {
      await db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "failed", lastError: "not sent: the endpoint is disabled", nextAttemptAt: null } });
      return drop("the endpoint is disabled");
    }
    return send(delivery);
  },
  deliver: async (db, { context: delivery, now, attempt, nextRetryAt }) => {
    // The Standard Webhooks body: { type, timestamp, data }.
    const body = JSON.stringify({ type: delivery.eventType, timestamp: now.toISOString(), data: delivery.payload });
    const result = await postSignedWebhook(delivery.endpoint, { id: delivery.id, at: now, body });
    const error = result.ok ? null : (result.error ?? "failed").slice(0, MAX_ERROR_LENGTH);
    await db.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        attempts: { increment: 1 },
        lastAttemptAt: now,
        lastResponseCode: result.status,
        lastError: error,
        status: result.ok ? "delivered" : nextRetryAt ? "pending" : "failed",
        nextAttemptAt: result.ok ? null : nextRetryAt,
        ...(result.ok ? { deliveredAt: now } : {}),
      },
    });
    if (!result.ok) throw new WebhookEndpointError(error ?? "failed");
    void attempt;
  },
});
