import { EXAMPLE_QUESTIONNAIRE_EVENT } from "@/lib/http/api-examples";
import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { clientIp, consumeRateLimit } from "@/lib/leads/rate-limit";
import { recordQuestionnaireEvent } from "@/lib/reports/questionnaire-event-store";
import { questionnaireEventSchema } from "@/lib/reports/questionnaire-event-schema";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/questionnaire-events", {
  /**
   * One anonymous questionnaire count (public, no cookie, nothing personal): 204. Limited per client
   * like inquiries (its own counter, lib/leads/rate-limit.ts), checked before the body is read.
   */
  POST: route(
    {
      name: "questionnaireEvents.create",
      summary: "Count a questionnaire step (public, anonymous)",
      before: (request) => consumeRateLimit("questionnaire_events", clientIp(request)),
      body: questionnaireEventSchema,
      requestExample: EXAMPLE_QUESTIONNAIRE_EVENT,
      responses: { 204: { description: "Counted (nothing personal is stored)." } },
    },
    async ({ body }) => {
      await recordQuestionnaireEvent(getDb(), body);
      return new Response(null, { status: 204 });
    },
  ),
});
