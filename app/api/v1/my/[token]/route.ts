import { EXAMPLE_ERASE_OWN, EXAMPLE_PATIENT_VIEW } from "@/lib/http/api-examples";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { endpoint, requestLocale, route } from "@/lib/http/route";
import { PATIENT_PRIVATE_HEADERS } from "@/lib/http/security-headers";
import { clientIp, consumeRateLimit } from "@/lib/leads/rate-limit";
import { notificationConfigFromEnv } from "@/lib/notifications/config";
import { eraseOwnInquiry } from "@/lib/patient-access/patient-erase";
import { viewOwnInquiry } from "@/lib/patient-access/patient-view";
import { accessTokenParamsSchema, eraseOwnInquirySchema, patientViewSchema } from "@/lib/patient-access/schemas";

/** The patient's own inquiry behind their link (docs/api-v1.md, "The patient's own page"). */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/my/{token}", {
  GET: route(
    {
      name: "my.view",
      summary: "The inquiry as its patient may see it (public, behind the patient's link; rate limited per client)",
      before: (request) => consumeRateLimit("patient_page", clientIp(request)),
      params: accessTokenParamsSchema,
      responses: { 200: { description: "The patient's view; 404 (one body) for an unknown, expired or erased link.", schema: patientViewSchema, example: EXAMPLE_PATIENT_VIEW } },
    },
    async ({ request, params, reply }) => {
      const locale = new URL(request.url).searchParams.has("locale") ? requestLocale(request) : undefined;
      return reply(200, await viewOwnInquiry(getDb(), params.token, { locale }), { headers: PATIENT_PRIVATE_HEADERS });
    },
  ),
  DELETE: route(
    {
      name: "my.erase",
      summary: "Erase my inquiry: the admin's erasure, audited as the patient's (public, behind the patient's link)",
      before: (request) => consumeRateLimit("patient_page", clientIp(request)),
      params: accessTokenParamsSchema,
      body: eraseOwnInquirySchema,
      requestExample: EXAMPLE_ERASE_OWN,
      responses: { 204: { description: "Erased; its links open nothing any more; a confirmation e-mail is sent when e-mail is configured." } },
    },
    async ({ params, body }) => {
      await eraseOwnInquiry(getDb(), params.token, body, { email: notificationConfigFromEnv(getEnv()).email });
      return new Response(null, { status: 204, headers: PATIENT_PRIVATE_HEADERS });
    },
  ),
});
