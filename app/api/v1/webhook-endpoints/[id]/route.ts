import { EXAMPLE_WEBHOOK_DISABLED, EXAMPLE_WEBHOOK_PATCH } from "@/lib/http/api-examples";
import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { deleteWebhookEndpoint, updateWebhookEndpoint, webhookEndpointItemSchema } from "@/lib/webhooks/endpoints";
import { webhookEndpointPatchSchema, webhookIdParamsSchema } from "@/lib/webhooks/events";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/webhook-endpoints/{id}", {
  /** { url?, events?, enabled? } (admin; audited). */
  PATCH: route(
    {
      name: "webhookEndpoints.patch",
      summary: "Change a webhook endpoint's URL, events or enabled state (admin)",
      auth: "admin",
      params: webhookIdParamsSchema,
      body: webhookEndpointPatchSchema,
      requestExample: EXAMPLE_WEBHOOK_PATCH,
      responses: { 200: { description: "The endpoint after the change.", schema: webhookEndpointItemSchema, example: EXAMPLE_WEBHOOK_DISABLED } },
    },
    async ({ user, params, body, reply }) => reply(200, await updateWebhookEndpoint(getDb(), user.id, params.id, body)),
  ),
  /** Deletes the endpoint and its delivery log; 204. */
  DELETE: route(
    {
      name: "webhookEndpoints.delete",
      summary: "Delete a webhook endpoint and its delivery log (admin)",
      auth: "admin",
      params: webhookIdParamsSchema,
      responses: { 204: { description: "Deleted." } },
    },
    async ({ user, params }) => {
      await deleteWebhookEndpoint(getDb(), user.id, params.id);
      return new Response(null, { status: 204 });
    },
  ),
});
