import { EXAMPLE_LEAD_DETAIL } from "@/lib/http/api-examples";
import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { getLeadDetail } from "@/lib/leads/lead-detail";
import { mergeLead } from "@/lib/leads/lead-merge";
import { leadIdParamsSchema, leadMergeSchema } from "@/lib/leads/lead-patch";
import { leadOrMergedResponseSchema } from "@/lib/leads/lead-responses";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/leads/{id}/merge", {
  /** { intoId, version } (front desk, admin): merges {id} into intoId; answers the survivor. 409 stale version or both booked, 400 self/merged. */
  POST: route(
    {
      name: "leads.merge",
      summary: "Merge a duplicate inquiry into another (staff)",
      auth: "front_desk",
      scope: "leads:write",
      params: leadIdParamsSchema,
      body: leadMergeSchema,
      requestExample: { intoId: "cmiv0example00000000000001", version: 3 },
      errors: { 400: "Merging an inquiry into itself or into a merged one.", 409: "Changed by someone else since it was read (stale version), or both inquiries have a consultation booked (both_booked: cancel one first)." },
      responses: { 200: { description: "The surviving inquiry, with the merged one's notes and events.", schema: leadOrMergedResponseSchema, example: EXAMPLE_LEAD_DETAIL } },
    },
    async ({ user, params, body, reply }) => {
      const db = getDb();
      await mergeLead(db, user.id, params.id, body);
      return reply(200, await getLeadDetail(db, body.intoId));
    },
  ),
});
