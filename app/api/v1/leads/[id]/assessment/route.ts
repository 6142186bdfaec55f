import { EXAMPLE_ASSESSMENT, EXAMPLE_ASSESSMENT_INPUT } from "@/lib/http/api-examples";
import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { leadIdParamsSchema } from "@/lib/leads/lead-patch";
import { confirmAssessment } from "@/lib/photos/assessment";
import { assessmentInputSchema, assessmentResponseSchema } from "@/lib/photos/schemas";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/leads/{id}/assessment", {
  POST: route(
    {
      name: "leads.assessment.confirm",
      summary: "Confirm the stage, scars and a note from the photos; the rules re-run with them (front desk, admin; audited; 409 on a stale version)",
      auth: "front_desk",
      params: leadIdParamsSchema,
      body: assessmentInputSchema,
      requestExample: EXAMPLE_ASSESSMENT_INPUT,
      errors: { 409: "Changed by someone else since it was read (stale version)." },
      responses: { 200: { description: "The confirmed result (price pinned to the active table's version) and the inquiry's new version.", schema: assessmentResponseSchema, example: EXAMPLE_ASSESSMENT } },
    },
    async ({ user, params, body, reply }) => reply(200, await confirmAssessment(getDb(), user.id, params.id, body)),
  ),
});
