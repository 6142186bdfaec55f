import { EXAMPLE_LEAD_DETAIL, EXAMPLE_LEAD_PATCH } from "@/lib/http/api-examples";
import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { eraseQuerySchema } from "@/lib/leads/erase-input";
import { eraseLead } from "@/lib/leads/erase-lead";
import { getLeadDetail, viewLead } from "@/lib/leads/lead-detail";
import { leadIdParamsSchema, leadPatchSchema } from "@/lib/leads/lead-patch";
import { leadOrMergedResponseSchema } from "@/lib/leads/lead-responses";
import { updateLead } from "@/lib/leads/lead-workflow";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/leads/{id}", {
  /** The full inquiry with notes and events (front desk, admin); audited as a view. */
  GET: route(
    {
      name: "leads.get",
      summary: "One inquiry with every answer, notes and events (front desk, admin; audited)",
      auth: "front_desk",
      scope: "leads:read",
      params: leadIdParamsSchema,
      responses: { 200: { description: "The inquiry; a merged one answers only { id, mergedIntoId } (where it went).", schema: leadOrMergedResponseSchema, example: EXAMPLE_LEAD_DETAIL } },
    },
    async ({ user, params, reply }) => reply(200, await viewLead(getDb(), user.id, params.id, "api")),
  ),

  /** { status?, closedReason?, assigneeId?, followUpAt?, followUpNote?, note?, version? } (front desk, admin): 409 on a stale version. */
  PATCH: route(
    {
      name: "leads.patch",
      summary: "Change an inquiry's status, assignee or follow-up, or add a note (staff)",
      auth: "front_desk",
      scope: "leads:write",
      params: leadIdParamsSchema,
      body: leadPatchSchema,
      requestExample: EXAMPLE_LEAD_PATCH,
      errors: { 409: "Changed by someone else since it was read (stale version), or a status change the workflow does not allow." },
      responses: { 200: { description: "The inquiry after the change (a merged one: { id, mergedIntoId }).", schema: leadOrMergedResponseSchema, example: EXAMPLE_LEAD_DETAIL } },
    },
    async ({ user, params, body, reply }) => {
      const db = getDb();
      await updateLead(db, user.id, params.id, body);
      return reply(200, await getLeadDetail(db, params.id));
    },
  ),

  /**
   * Erase on request (admin only): 204; afterwards the lead is a 404 everywhere and one audit row
   * ("erased", no personal data) remains per erased inquiry. `?person=1` follows the same email or phone.
   */
  DELETE: route(
    {
      name: "leads.erase",
      summary: "Erase an inquiry, or every inquiry of the same person (admin)",
      auth: "admin",
      params: leadIdParamsSchema,
      query: eraseQuerySchema,
      responses: { 204: { description: "Erased; one audit row without personal data remains." } },
    },
    async ({ user, params, query }) => {
      await eraseLead(getDb(), user.id, params.id, { person: query.person === "1" });
      return new Response(null, { status: 204 });
    },
  ),
});
