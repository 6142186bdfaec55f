import { z } from "zod";

/**
 * Webhook event types and the admin's endpoint shapes (client-safe: the admin page's form and the API
 * share these schemas). Contract: docs/api-v1.md, "API keys and webhooks (admin)"; payloads carry ids,
 * statuses and references, never contact details or answers (docs/decisions/024-api-keys-and-webhooks.md).
 */
export const WEBHOOK_EVENT_TYPES = [
  "lead.created",
  "lead.status_changed",
  "lead.assigned",
  "lead.merged",
  "lead.merge_undone",
  "lead.erased",
  "lead.escalated",
  "consultation.booked",
  "consultation.moved",
  "consultation.cancelled",
  "consultation.attended",
  "consultation.no_show",
  "photos.received",
  "assessment.confirmed",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_LABELS: Readonly<Record<WebhookEventType, string>> = {
  "lead.created": "A new inquiry arrived",
  "lead.status_changed": "An inquiry's status changed",
  "lead.assigned": "An inquiry was assigned",
  "lead.merged": "A duplicate inquiry was merged",
  "lead.merge_undone": "A merge was undone",
  "lead.erased": "An inquiry was erased",
  "lead.escalated": "An inquiry waited past the reply target",
  "consultation.booked": "A consultation was booked",
  "consultation.moved": "A consultation was moved",
  "consultation.cancelled": "A consultation was cancelled",
  "consultation.attended": "A consultation was attended",
  "consultation.no_show": "A patient did not come to a consultation",
  "photos.received": "The patient sent photos",
  "assessment.confirmed": "An assessment was confirmed",
};

export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES, { error: "Choose events from the list." });

export const WEBHOOK_URL_MAX = 2000;

const webhookUrlSchema = z
  .string({ error: "Enter the endpoint's URL." })
  .trim()
  .min(1, { error: "Enter the endpoint's URL." })
  .max(WEBHOOK_URL_MAX, { error: `Keep the URL to ${WEBHOOK_URL_MAX} characters.` })
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && url.username === "" && url.password === "" && url.hash === "";
    } catch {
      return false;
    }
  }, { error: "Enter an http(s) URL without a user name, password or #fragment, like https://hooks.example.com/smp." });

const eventsSchema = z
  .array(webhookEventTypeSchema, { error: "Choose at least one event." })
  .min(1, { error: "Choose at least one event." })
  .max(WEBHOOK_EVENT_TYPES.length)
  .transform((events) => [...new Set(events)]);

/** POST /api/v1/webhook-endpoints and the admin page's form. */
export const webhookEndpointCreateSchema = z.strictObject({
  url: webhookUrlSchema,
  events: eventsSchema,
  enabled: z.boolean().optional(),
});
export type WebhookEndpointCreate = z.output<typeof webhookEndpointCreateSchema>;

/** PATCH /api/v1/webhook-endpoints/{id}: any of them. */
export const webhookEndpointPatchSchema = z.strictObject({
  url: webhookUrlSchema.optional(),
  events: eventsSchema.optional(),
  enabled: z.boolean().optional(),
});
export type WebhookEndpointPatch = z.output<typeof webhookEndpointPatchSchema>;

export const webhookIdParamsSchema = z.strictObject({ id: z.string().min(1).max(64) });

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
