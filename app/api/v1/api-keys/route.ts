import { EXAMPLE_API_KEY_CREATE, EXAMPLE_API_KEY_CREATED, EXAMPLE_API_KEY_LIST } from "@/lib/http/api-examples";
import { z } from "zod";

import { apiKeyCreatedSchema, apiKeyItemSchema, createApiKey, listApiKeys } from "@/lib/api-keys/keys";
import { apiKeyCreateSchema } from "@/lib/api-keys/scopes";
import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/api-keys", {
  /** { name, scopes } -> 201 { id, key: "smp_..." }: the key is in this answer only (admin; audited). */
  POST: route(
    {
      name: "apiKeys.create",
      summary: "Create an API key; the key is shown in this answer only (admin)",
      auth: "admin",
      body: apiKeyCreateSchema,
      requestExample: EXAMPLE_API_KEY_CREATE,
      responses: { 201: { description: "The new key (smp_...), shown once.", schema: apiKeyCreatedSchema, example: EXAMPLE_API_KEY_CREATED } },
    },
    async ({ user, body, reply }) => reply(201, await createApiKey(getDb(), user.id, body)),
  ),
  /** Every key, revoked ones last: name, prefix, scopes, last used (never the key). */
  GET: route(
    {
      name: "apiKeys.list",
      summary: "List API keys without their secrets, with when each was last used (admin)",
      auth: "admin",
      responses: { 200: { description: "The keys.", schema: z.object({ items: z.array(apiKeyItemSchema) }), example: EXAMPLE_API_KEY_LIST } },
    },
    async ({ reply }) => reply(200, { items: await listApiKeys(getDb()) }),
  ),
});
