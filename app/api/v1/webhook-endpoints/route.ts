import { EXAMPLE_WEBHOOK_CREATE, EXAMPLE_WEBHOOK_CREATED, EXAMPLE_WEBHOOK_LIST } from "@/lib/http/api-examples";
import { z } from "zod";

import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { createWebhookEndpoint, listWebhookEndpoints, webhookEndpointCreatedSchema, webhookEndpointItemSchema } from "@/lib/webhooks/endpoints";
import { webhookEndpointCreateSchema } from "@/lib/webhooks/events";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/webhook-endpoints", {
  /** { url, events, enabled? } -> 201 with the signing secret (whsec_...), answered this once (admin; audited). */
  POST: route(
    {
      name: "webhookEndpoints.create",
      summary: "Add a webhook endpoint; its signing secret is in this answer only (admin)",
      auth: "admin",
      body: webhookEndpointCreateSchema,
      requestExample: EXAMPLE_WEBHOOK_CREATE,
      responses: { 201: { description: "The endpoint with its secret (shown once).", schema: webhookEndpointCreatedSchema, example: EXAMPLE_WEBHOOK_CREATED } },
    },
    async ({ user, body, reply }) => reply(201, await createWebhookEndpoint(getDb(), user.id, body)),
  ),
  GET: route(
    {
      name: "webhookEndpoints.list",
      summary: "List webhook endpoints without their secrets (admin)",
      auth: "admin",
      responses: { 200: { description: "The endpoints.", schema: z.object({ items: z.array(webhookEndpointItemSchema) }), example: EXAMPLE_WEBHOOK_LIST } },
    },
    async ({ reply }) => reply(200, { items: await listWebhookEndpoints(getDb()) }),
  ),
});
