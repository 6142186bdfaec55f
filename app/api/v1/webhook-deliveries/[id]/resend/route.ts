import { EXAMPLE_DELIVERY_RESENT } from "@/lib/http/api-examples";
import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { resendWebhookDelivery, webhookDeliveryItemSchema } from "@/lib/webhooks/endpoints";
import { webhookIdParamsSchema } from "@/lib/webhooks/events";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/webhook-deliveries/{id}/resend", {
  /** Queues the delivery again (same webhook-id, a new round of attempts); 409 while it is still pending. */
  POST: route(
    {
      name: "webhookDeliveries.resend",
      summary: "Send a delivered or failed webhook delivery again (admin)",
      auth: "admin",
      params: webhookIdParamsSchema,
      errors: { 409: "The delivery is still pending (being attempted)." },
      responses: { 202: { description: "Queued again; the delivery as it stands.", schema: webhookDeliveryItemSchema, example: EXAMPLE_DELIVERY_RESENT } },
    },
    async ({ user, params, reply }) => reply(202, await resendWebhookDelivery(getDb(), user.id, params.id)),
  ),
});
