import { EXAMPLE_PATIENT_EXPORT } from "@/lib/http/api-examples";
import { getDb } from "@/lib/db/client";
import { endpoint, json, route } from "@/lib/http/route";
import { PATIENT_PRIVATE_HEADERS } from "@/lib/http/security-headers";
import { clientIp, consumeRateLimit } from "@/lib/leads/rate-limit";
import { exportOwnInquiry } from "@/lib/patient-access/patient-export";
import { accessTokenParamsSchema } from "@/lib/patient-access/schemas";

/** "Download my data": everything stored about the person behind the link (docs/decisions/020-patient-page.md). */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/my/{token}/export", {
  GET: route(
    {
      name: "my.export",
      summary: "Download my data: everything stored about the patient, as JSON (public, behind the patient's link)",
      before: (request) => consumeRateLimit("patient_page", clientIp(request)),
      params: accessTokenParamsSchema,
      responses: { 200: { description: "A JSON file (attachment); the fields are listed in docs/decisions/020-patient-page.md.", contentType: "application/json", example: EXAMPLE_PATIENT_EXPORT } },
    },
    async ({ params }) => {
      const data = await exportOwnInquiry(getDb(), params.token);
      const name = `my-inquiry-${String(data.inquiry.reference ?? data.inquiry.id).replace(/[^A-Za-z0-9-]/g, "")}.json`;
      return json(data, { headers: { ...PATIENT_PRIVATE_HEADERS, "Content-Disposition": `attachment; filename="${name}"` } });
    },
  ),
});
