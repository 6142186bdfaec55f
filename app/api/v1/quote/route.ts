import { candidacyAnswersSchema, candidacyResultSchema, evaluateCandidacy } from "@/lib/candidacy";
import { getDb } from "@/lib/db/client";
import { EXAMPLE_ANSWERS, EXAMPLE_RESULT } from "@/lib/http/api-examples";
import { endpoint, requestLocale, route } from "@/lib/http/route";
import { getActivePriceTable } from "@/lib/pricing/price-table-store";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/quote", {
  /** Pure evaluation against the active price table; nothing is stored. */
  POST: route(
    {
      name: "quote",
      summary: "Evaluate answers: verdict, flags, price range, expectations (public; nothing stored)",
      body: candidacyAnswersSchema,
      requestExample: EXAMPLE_ANSWERS,
      responses: { 200: { description: "The result (?locale=es or Accept-Language: es for Spanish messages).", schema: candidacyResultSchema, example: EXAMPLE_RESULT } },
    },
    async ({ request, body, reply }) => {
      const table = await getActivePriceTable(getDb());
      return reply(200, evaluateCandidacy(body, table, { locale: requestLocale(request) }));
    },
  ),
});
