import { EXAMPLE_CALLBACK, EXAMPLE_CALLBACK_SAVED } from "@/lib/http/api-examples";
import { callbackResponseSchema, patientCallback } from "@/lib/booking/api";
import { callbackPreferenceSchema } from "@/lib/booking/schemas";
import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { PATIENT_PRIVATE_HEADERS } from "@/lib/http/security-headers";
import { clientIp, consumeRateLimit } from "@/lib/leads/rate-limit";
import { accessTokenParamsSchema } from "@/lib/patient-access/schemas";

/** "None of these times suit me": when the patient would like a call. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/my/{token}/callback", {
  POST: route(
    {
      name: "my.callback",
      summary: "Leave preferred call-back times (public, behind the patient's link; replaces an earlier one)",
      before: (request) => consumeRateLimit("patient_page", clientIp(request)),
      params: accessTokenParamsSchema,
      body: callbackPreferenceSchema,
      requestExample: EXAMPLE_CALLBACK,
      responses: { 200: { description: "Saved; the inbox row shows it.", schema: callbackResponseSchema, example: EXAMPLE_CALLBACK_SAVED } },
    },
    async ({ params, body, reply }) => reply(200, await patientCallback(getDb(), params.token, body), { headers: PATIENT_PRIVATE_HEADERS }),
  ),
});
