import { EXAMPLE_SUMMARY } from "@/lib/http/api-examples";
import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { reportSummary } from "@/lib/reports/summary";
import { reportRangeSchema } from "@/lib/reports/summary-query";
import { reportSummaryResponseSchema } from "@/lib/reports/summary-response";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/reports/summary", {
  /** ?from=&to= (clinic-time days, at most 2 years; admin only): the dashboard's figures, every one computed by the database. */
  GET: route(
    {
      name: "reports.summary",
      summary: "Inquiry and questionnaire summary of a period (admin)",
      auth: "admin",
      scope: "reports:read",
      query: reportRangeSchema,
      responses: { 200: { description: "The period's figures, every one computed by the database.", schema: reportSummaryResponseSchema, example: EXAMPLE_SUMMARY } },
    },
    async ({ query, reply }) => reply(200, await reportSummary(getDb(), query)),
  ),
});
