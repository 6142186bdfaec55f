import { EXAMPLE_LINK_REQUEST } from "@/lib/http/api-examples";
import { z } from "zod";

import { getDb } from "@/lib/db/client";
import { endpoint, requestLocale, route } from "@/lib/http/route";
import { PATIENT_PRIVATE_HEADERS } from "@/lib/http/security-headers";
import { clientIp, consumeRateLimit } from "@/lib/leads/rate-limit";
import { wakeOutboxWorker } from "@/lib/notifications/queue";
import { LINK_REQUEST_ANSWER, requestPatientLinks } from "@/lib/patient-access/link-request";
import { linkRequestSchema } from "@/lib/patient-access/schemas";

/** "Lost your link?": always 202, whatever the address (lib/patient-access/link-request.ts). */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/my/link", {
  POST: route(
    {
      name: "my.link",
      summary: "Lost your link? Sends the links of the address's live inquiries to it; always 202 (public; rate limited per client and per address)",
      before: (request) => consumeRateLimit("patient_link", clientIp(request)),
      body: linkRequestSchema,
      requestExample: EXAMPLE_LINK_REQUEST,
      responses: { 202: { description: "Accepted, whatever the address: the same answer for every address.", schema: z.object({ message: z.string() }), example: { message: LINK_REQUEST_ANSWER.en } } },
    },
    async ({ request, body, reply }) => {
      if (await requestPatientLinks(getDb(), body)) wakeOutboxWorker();
      const locale = body.locale ?? requestLocale(request);
      return reply(202, { message: LINK_REQUEST_ANSWER[locale] }, { headers: PATIENT_PRIVATE_HEADERS });
    },
  ),
});
