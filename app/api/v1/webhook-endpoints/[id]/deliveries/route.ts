import { EXAMPLE_DELIVERY_LIST } from "@/lib/http/api-examples";
import { z } from "zod";

import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { listWebhookDeliveries, webhookDeliveryItemSchema } from "@/lib/webhooks/endpoints";
import { webhookIdParamsSchema } from "@/lib/webhooks/events";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/webhook-endpoints/{id}/deliveries", {
  /** The endpoint's latest 100 deliveries, newest first: status, attempts, last response code, next retry. */
  GET: route(
    {
      name: "webhookEndpoints.deliveries",
      summary: "The delivery log of a webhook endpoint, newest first (admin)",
      auth: "admin",
      params: webhookIdParamsSchema,
      responses: { 200: { description: "The latest deliveries.", schema: z.object({ items: z.array(webhookDeliveryItemSchema) }), example: EXAMPLE_DELIVERY_LIST } },
    },
    async ({ params, reply }) => reply(200, { items: await listWebhookDeliveries(getDb(), params.id) }),
  ),
});
