import "server-only";

import { randomBytes } from "node:crypto";

import { z } from "zod";

import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { ConflictError, InvalidError, NotFoundError } from "@/lib/errors";
import { enqueueNotification } from "@/lib/notifications/enqueue";

import { invalidateSubscribers } from "./emit";
import { refusedAddressOf } from "./address";
import {
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENT_TYPES,
  type WebhookEndpointCreate,
  type WebhookEndpointPatch,
  webhookEventTypeSchema,
} from "./events";

/**
 * The admin's webhook endpoints and their delivery log (docs/decisions/024-api-keys-and-webhooks.md).
 * An endpoint's secret (`whsec_` + 24 random bytes, base64) is answered once, at creation; it is kept
 * as written because every delivery is signed with it (HMAC needs the key itself).
 */

export const PRIVATE_ADDRESS_MESSAGE =
  "This address is private, loopback or link-local: webhooks may only go to public addresses (the operator can allow private ones with WEBHOOK_ALLOW_PRIVATE=on).";

const storedEventsSchema = z.array(z.unknown()).catch([]).transform((values) =>
  values.flatMap((value) => {
    const parsed = webhookEventTypeSchema.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  }),
);

export const webhookEndpointItemSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  enabled: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type WebhookEndpointItem = z.output<typeof webhookEndpointItemSchema>;

export const webhookEndpointCreatedSchema = webhookEndpointItemSchema.extend({
  secret: z.string().meta({ description: "The signing secret (whsec_...): shown in this answer only." }),
});

export const webhookDeliveryItemSchema = z.object({
  id: z.string().meta({ description: "The webhook-id header: the same for every attempt and resend." }),
  endpointId: z.string(),
  eventType: z.enum(WEBHOOK_EVENT_TYPES),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastResponseCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.iso.datetime().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookDeliveryItem = z.output<typeof webhookDeliveryItemSchema>;

type EndpointRow = { id: string; url: string; events: unknown; enabled: boolean; createdAt: Date; updatedAt: Date };

function itemOf(row: EndpointRow): WebhookEndpointItem {
  return { id: row.id, url: row.url, events: storedEventsSchema.parse(row.events), enabled: row.enabled, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

async function assertPublic(url: string): Promise<void> {
  const refused = await refusedAddressOf(new URL(url));
  if (refused) throw new InvalidError(PRIVATE_ADDRESS_MESSAGE, { url: PRIVATE_ADDRESS_MESSAGE }, "private_address");
}

function newSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

export async function createWebhookEndpoint(db: Db, actorId: string, input: WebhookEndpointCreate): Promise<z.output<typeof webhookEndpointCreatedSchema>> {
  await assertPublic(input.url);
  const secret = newSecret();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({ data: { url: input.url, events: input.events, enabled: input.enabled ?? true, secret, createdById: actorId } });
    await recordAudit(tx, { actorId, type: "webhook_endpoint_created", data: { endpointId: created.id, events: input.events } });
    return created;
  });
  invalidateSubscribers();
  return { ...itemOf(row), secret };
}

export async function listWebhookEndpoints(db: Db): Promise<WebhookEndpointItem[]> {
  const rows = await db.webhookEndpoint.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(itemOf);
}

export async function updateWebhookEndpoint(db: Db, actorId: string, id: string, patch: WebhookEndpointPatch): Promise<WebhookEndpointItem> {
  if (patch.url !== undefined) await assertPublic(patch.url);
  const row = await db.$transaction(async (tx) => {
    const exists = await tx.webhookEndpoint.findUnique({ where: { id }, select: { id: true } });
    if (!exists) throw new NotFoundError("This webhook endpoint does not exist.");
    const updated = await tx.webhookEndpoint.update({
      where: { id },
      data: { ...(patch.url !== undefined ? { url: patch.url } : {}), ...(patch.events ? { events: patch.events } : {}), ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}) },
    });
    await recordAudit(tx, { actorId, type: "webhook_endpoint_updated", data: { endpointId: id, fields: Object.keys(patch) } });
    return updated;
  });
  invalidateSubscribers();
  return itemOf(row);
}

/** Deletes the endpoint and its delivery log (queued sends are dropped by their check). */
export async function deleteWebhookEndpoint(db: Db, actorId: string, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.deleteMany({ where: { id } });
    if (count === 0) throw new NotFoundError("This webhook endpoint does not exist.");
    await recordAudit(tx, { actorId, type: "webhook_endpoint_deleted", data: { endpointId: id } });
  });
  invalidateSubscribers();
}

export const WEBHOOK_DELIVERIES_PAGE = 100;

/** The endpoint's latest deliveries, newest first. */
export async function listWebhookDeliveries(db: Db, endpointId: string, limit: number = WEBHOOK_DELIVERIES_PAGE): Promise<WebhookDeliveryItem[]> {
  const endpoint = await db.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { id: true } });
  if (!endpoint) throw new NotFoundError("This webhook endpoint does not exist.");
  const rows = await db.webhookDelivery.findMany({ where: { endpointId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
  return rows.flatMap((row) => {
    const eventType = webhookEventTypeSchema.safeParse(row.eventType);
    const status = z.enum(WEBHOOK_DELIVERY_STATUSES).safeParse(row.status);
    if (!eventType.success) return [];
    const data = row.payload && typeof row.payload === "object" && !Array.isArray(row.payload) ? (row.payload as Record<string, unknown>) : {};
    return [{
      id: row.id,
      endpointId: row.endpointId,
      eventType: eventType.data,
      status: status.success ? status.data : "pending",
      attempts: row.attempts,
      lastResponseCode: row.lastResponseCode,
      lastError: row.lastError,
      lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
      nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
      deliveredAt: row.deliveredAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      data,
    }];
  });
}

export const RESEND_PENDING_MESSAGE = "This delivery is still being sent: wait until it is delivered or has failed.";

/** Sends a delivery again by hand (same webhook-id, a fresh round of attempts). 409 while it is still pending. */
export async function resendWebhookDelivery(db: Db, actorId: string, id: string, now: Date = new Date()): Promise<WebhookDeliveryItem> {
  const endpointId = await db.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findUnique({ where: { id }, select: { status: true, leadId: true, endpointId: true } });
    if (!delivery) throw new NotFoundError("This webhook delivery does not exist.");
    if (delivery.status === "pending") throw new ConflictError(RESEND_PENDING_MESSAGE, "still_pending");
    const { count } = await tx.webhookDelivery.updateMany({ where: { id, status: delivery.status }, data: { status: "pending", nextAttemptAt: now, lastError: null } });
    if (count !== 1) throw new ConflictError(RESEND_PENDING_MESSAGE, "still_pending");
    await enqueueNotification(tx, "webhook_delivery", { deliveryId: id }, { leadId: delivery.leadId, channels: ["endpoint"], now });
    await recordAudit(tx, { actorId, type: "webhook_delivery_resent", data: { deliveryId: id, endpointId: delivery.endpointId } });
    return delivery.endpointId;
  });
  const item = (await listWebhookDeliveries(db, endpointId, WEBHOOK_DELIVERIES_PAGE)).find((d) => d.id === id);
  if (!item) throw new NotFoundError("This webhook delivery does not exist.");
  return item;
}
