import { getDb } from "@/lib/db/client";
import { EXAMPLE_LEAD_DETAIL } from "@/lib/http/api-examples";
import { endpoint, route } from "@/lib/http/route";
import { getLeadDetail } from "@/lib/leads/lead-detail";
import { undoMerge } from "@/lib/leads/lead-merge";
import { leadIdParamsSchema } from "@/lib/leads/lead-patch";
import { leadOrMergedResponseSchema } from "@/lib/leads/lead-responses";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/leads/{id}/merge/undo", {
  /** Undoes the merge of {id} (the merged duplicate): only its merger, within 24 hours, once; answers the restored inquiry. */
  POST: route(
    {
      name: "leads.mergeUndo",
      summary: "Undo the merge of a duplicate inquiry (staff: the one who merged, within 24 hours)",
      auth: "front_desk",
      scope: "leads:write",
      params: leadIdParamsSchema,
      errors: {
        400: "The inquiry was not merged.",
        404: "No such inquiry.",
        409: "The merge was already undone, or cannot be undone exactly any more (the survivor was merged again since: undo that first).",
      },
      responses: { 200: { description: "The restored inquiry, with its notes and events back.", schema: leadOrMergedResponseSchema, example: EXAMPLE_LEAD_DETAIL } },
    },
    async ({ user, params, reply }) => {
      const db = getDb();
      await undoMerge(db, user.id, params.id);
      return reply(200, await getLeadDetail(db, params.id));
    },
  ),
});
