import { EXAMPLE_SLOTS } from "@/lib/http/api-examples";
import { slotsAnswer, slotsResponseSchema } from "@/lib/booking/api";
import { slotsQuerySchema } from "@/lib/booking/schemas";
import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";

/** Free consultation slots (docs/api-v1.md, "Consultations"): public, clinic-local dates, at most 62 per request. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/booking/slots", {
  GET: route(
    {
      name: "booking.slots",
      summary: "Free consultation slots of a type between two clinic-local dates (public; at most 62 days)",
      query: slotsQuerySchema,
      responses: { 200: { description: "The free, bookable slots, in time order.", schema: slotsResponseSchema, example: EXAMPLE_SLOTS } },
    },
    async ({ query, reply }) => reply(200, await slotsAnswer(getDb(), query)),
  ),
});
