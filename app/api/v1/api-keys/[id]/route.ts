import { revokeApiKey } from "@/lib/api-keys/keys";
import { apiKeyIdParamsSchema } from "@/lib/api-keys/scopes";
import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/api-keys/{id}", {
  /** Revokes the key at once (its next call is a 401); kept in the list as revoked. 204. */
  DELETE: route(
    {
      name: "apiKeys.revoke",
      summary: "Revoke an API key (admin)",
      auth: "admin",
      params: apiKeyIdParamsSchema,
      responses: { 204: { description: "Revoked (also when it already was)." } },
    },
    async ({ user, params }) => {
      await revokeApiKey(getDb(), user.id, params.id);
      return new Response(null, { status: 204 });
    },
  ),
});
