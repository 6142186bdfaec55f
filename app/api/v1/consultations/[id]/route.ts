import { EXAMPLE_MOVED_CONSULTATION, EXAMPLE_STAFF_MOVE } from "@/lib/http/api-examples";
import { staffConsultationResponseSchema, staffUpdate } from "@/lib/booking/api";
import { staffUpdateConsultationSchema } from "@/lib/booking/schemas";
import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { leadIdParamsSchema } from "@/lib/leads/lead-patch";

/** One consultation (front desk, admin): move it, give it to another consultant, cancel, mark attended or no-show. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/consultations/{id}", {
  PATCH: route(
    {
      name: "consultations.patch",
      summary: "Move a consultation (same id), change its consultant, cancel it, or mark it attended / no-show once started (staff)",
      auth: "front_desk",
      params: leadIdParamsSchema,
      body: staffUpdateConsultationSchema,
      requestExample: EXAMPLE_STAFF_MOVE,
      errors: { 409: "CONFLICT on a stale version or a change its status does not allow (attended / no-show before the start), or SLOT_TAKEN (with fresh `slots`)." },
      responses: { 200: { description: "The consultation after the change.", schema: staffConsultationResponseSchema, example: EXAMPLE_MOVED_CONSULTATION } },
    },
    async ({ user, params, body, reply }) => reply(200, await staffUpdate(getDb(), user.id, params.id, body)),
  ),
});
