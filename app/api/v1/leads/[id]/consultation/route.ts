import { EXAMPLE_STAFF_BOOK, EXAMPLE_STAFF_CONSULTATION } from "@/lib/http/api-examples";
import { staffBook, staffConsultationResponseSchema } from "@/lib/booking/api";
import { staffBookSchema } from "@/lib/booking/schemas";
import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { leadIdParamsSchema } from "@/lib/leads/lead-patch";

/** Staff book a consultation for an inquiry (a phone-in). */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/leads/{id}/consultation", {
  POST: route(
    {
      name: "leads.consultation.book",
      summary: "Book a consultation for an inquiry, optionally with a chosen consultant (front desk, admin)",
      auth: "front_desk",
      scope: "leads:write",
      params: leadIdParamsSchema,
      body: staffBookSchema,
      requestExample: EXAMPLE_STAFF_BOOK,
      errors: { 409: "SLOT_TAKEN (the slot is gone; `slots` offers the free ones of that date and type) or ALREADY_BOOKED (the inquiry has an active consultation)." },
      responses: { 201: { description: "Booked; the inquiry moved to consultation_booked if it was new or contacted.", schema: staffConsultationResponseSchema, example: EXAMPLE_STAFF_CONSULTATION } },
    },
    async ({ user, params, body, reply }) => reply(201, await staffBook(getDb(), user.id, params.id, body)),
  ),
});
