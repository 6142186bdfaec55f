import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { bulkUpdateLeads } from "@/lib/leads/lead-bulk";
import { leadBulkSchema } from "@/lib/leads/lead-patch";
import { leadBulkResponseSchema } from "@/lib/leads/lead-responses";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/leads/bulk", {
  /** { ids: [...<=100], status?, assigneeId? } (front desk, admin): one transaction, one audit row per lead; { updated }. */
  POST: route(
    {
      name: "leads.bulk",
      summary: "Change the status or assignee of up to 100 inquiries (staff)",
      auth: "front_desk",
      scope: "leads:write",
      body: leadBulkSchema,
      requestExample: { ids: ["cmiv0example00000000000001", "cmiv0example00000000000002"], status: "contacted" },
      errors: { 404: "One of the inquiries does not exist.", 409: "One of the inquiries changed since it was read, or cannot move to that status." },
      responses: { 200: { description: "How many inquiries changed (one transaction, one audit row each).", schema: leadBulkResponseSchema, example: { updated: 2 } } },
    },
    async ({ user, body, reply }) => reply(200, await bulkUpdateLeads(getDb(), user.id, body)),
  ),
});
