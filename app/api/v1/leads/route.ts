import { getDb } from "@/lib/db/client";
import { EXAMPLE_CREATED_LEAD, EXAMPLE_LEAD_BODY, EXAMPLE_LEAD_PAGE } from "@/lib/http/api-examples";
import { endpoint, requestLocale, route } from "@/lib/http/route";
import { createLead } from "@/lib/leads/create-lead";
import { leadListQuerySchema } from "@/lib/leads/lead-filters";
import { createLeadSchema } from "@/lib/leads/lead-input";
import { createLeadResponseSchema, leadPageResponseSchema } from "@/lib/leads/lead-responses";
import { clientIp, consumeLeadSubmission } from "@/lib/leads/rate-limit";
import { replyClock } from "@/lib/leads/reply-clock";
import { listLeads } from "@/lib/leads/staff-inbox";
import { wakeOutboxWorker } from "@/lib/notifications/queue";
import { issueLeadAccess } from "@/lib/patient-access/tokens";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/leads", {
  /** The staff inbox as JSON: newest first (follow-ups with due=: oldest due first), filters and search, cursor pages (front desk, admin). */
  GET: route(
    {
      name: "leads.list",
      summary: "List inquiries, newest first, with filters and search (front desk, admin)",
      auth: "front_desk",
      scope: "leads:read",
      query: leadListQuerySchema,
      responses: { 200: { description: "One page of inquiries (no answers; see GET /api/v1/leads/{id}).", schema: leadPageResponseSchema, example: EXAMPLE_LEAD_PAGE } },
    },
    async ({ user, query, reply }) => {
      const db = getDb();
      return reply(200, await listLeads(db, query, { clock: await replyClock(db), viewerId: user.id }));
    },
  ),

  /**
   * A patient's inquiry. 201 { id, reference, result, access: { url } } when stored; 200 with the first lead's
   * { id, reference, result, access } (the same link) when the idempotency key was seen before (`reference`: the short
   * human reference, e.g. "SMP-7KQ2-94", an addition to the contract; null for older inquiries). The per-IP limit is checked before the body is read,
   * so a flood costs neither parsing nor database work.
   */
  POST: route(
    {
      name: "leads.create",
      summary: "Submit a patient's inquiry (public; rate limited per IP)",
      responses: {
        201: { description: "Stored; the result the server computed from the answers.", schema: createLeadResponseSchema, example: EXAMPLE_CREATED_LEAD },
        200: { description: "This idempotencyKey was seen before: the first inquiry, nothing new stored.", schema: createLeadResponseSchema, example: EXAMPLE_CREATED_LEAD },
      },
      before: (request) => consumeLeadSubmission(clientIp(request)),
      body: createLeadSchema,
      requestExample: EXAMPLE_LEAD_BODY,
    },
    async ({ request, body, reply }) => {
      const db = getDb();
      const outcome = await createLead(db, body, { ip: clientIp(request), locale: requestLocale(request) });
      if (outcome.created && outcome.stored) wakeOutboxWorker();
      // The patient's link to their own page, the same on a replay (only its hash is kept: lib/patient-access/tokens.ts).
      const access = await issueLeadAccess(db, outcome, body.idempotencyKey);
      return reply(outcome.created ? 201 : 200, { id: outcome.id, reference: outcome.reference, result: outcome.result, access });
    },
  ),
});
