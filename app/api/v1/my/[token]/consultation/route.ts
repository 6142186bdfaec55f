import { EXAMPLE_PATIENT_BOOK, EXAMPLE_PATIENT_CANCELLED, EXAMPLE_PATIENT_CONSULTATION, EXAMPLE_PATIENT_MOVE, EXAMPLE_PATIENT_MOVED } from "@/lib/http/api-examples";
import { patientBook, patientCancel, patientConsultationResponseSchema, patientMove } from "@/lib/booking/api";
import { patientBookSchema, patientMoveSchema } from "@/lib/booking/schemas";
import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { PATIENT_PRIVATE_HEADERS } from "@/lib/http/security-headers";
import { clientIp, consumeRateLimit } from "@/lib/leads/rate-limit";
import { accessTokenParamsSchema } from "@/lib/patient-access/schemas";

/** The patient's own consultation, behind their link (docs/api-v1.md, "Consultations"). */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/my/{token}/consultation", {
  POST: route(
    {
      name: "my.consultation.book",
      summary: "Book a consultation (public, behind the patient's link): 409 SLOT_TAKEN with fresh slots, 409 ALREADY_BOOKED, 400 outside notice or window",
      before: (request) => consumeRateLimit("patient_page", clientIp(request)),
      params: accessTokenParamsSchema,
      body: patientBookSchema,
      requestExample: EXAMPLE_PATIENT_BOOK,
      errors: { 409: "SLOT_TAKEN (the slot is gone; `slots` offers the free ones of that date and type) or ALREADY_BOOKED (the inquiry has an active consultation)." },
      responses: { 201: { description: "Booked.", schema: patientConsultationResponseSchema, example: EXAMPLE_PATIENT_CONSULTATION } },
    },
    async ({ params, body, reply }) => reply(201, await patientBook(getDb(), params.token, body), { headers: PATIENT_PRIVATE_HEADERS }),
  ),
  PATCH: route(
    {
      name: "my.consultation.move",
      summary: "Move my consultation (same id; 409 TOO_LATE_TO_CHANGE after the clinic's cut-off)",
      before: (request) => consumeRateLimit("patient_page", clientIp(request)),
      params: accessTokenParamsSchema,
      body: patientMoveSchema,
      requestExample: EXAMPLE_PATIENT_MOVE,
      errors: { 404: "No consultation to move.", 409: "SLOT_TAKEN (with fresh `slots`), TOO_LATE_TO_CHANGE past the clinic's cut-off, or CONFLICT on a stale version." },
      responses: { 200: { description: "Moved.", schema: patientConsultationResponseSchema, example: EXAMPLE_PATIENT_MOVED } },
    },
    async ({ params, body, reply }) => reply(200, await patientMove(getDb(), params.token, body), { headers: PATIENT_PRIVATE_HEADERS }),
  ),
  DELETE: route(
    {
      name: "my.consultation.cancel",
      summary: "Cancel my consultation (409 TOO_LATE_TO_CHANGE after the clinic's cut-off)",
      before: (request) => consumeRateLimit("patient_page", clientIp(request)),
      params: accessTokenParamsSchema,
      errors: { 404: "No consultation to cancel.", 409: "TOO_LATE_TO_CHANGE past the clinic's cut-off." },
      responses: { 200: { description: "Cancelled.", schema: patientConsultationResponseSchema, example: EXAMPLE_PATIENT_CANCELLED } },
    },
    async ({ params, reply }) => reply(200, await patientCancel(getDb(), params.token), { headers: PATIENT_PRIVATE_HEADERS }),
  ),
});
