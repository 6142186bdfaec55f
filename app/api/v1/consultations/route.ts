import { EXAMPLE_CONSULTATION_LIST } from "@/lib/http/api-examples";
import { consultationListResponseSchema, listConsultations } from "@/lib/booking/api";
import { consultationsQuerySchema } from "@/lib/booking/schemas";
import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";

/** The consultation agenda (front desk, admin). */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/consultations", {
  GET: route(
    {
      name: "consultations.list",
      summary: "Consultations starting on clinic dates from..to, by consultant and status (front desk, admin)",
      auth: "front_desk",
      scope: "consultations:read",
      query: consultationsQuerySchema,
      responses: { 200: { description: "The consultations in start order (at most 2,000).", schema: consultationListResponseSchema, example: EXAMPLE_CONSULTATION_LIST } },
    },
    async ({ query, reply }) => reply(200, await listConsultations(getDb(), query)),
  ),
});
