import { NextResponse } from "next/server";

import { getDb } from "@/lib/db/client";
import { validationError } from "@/lib/http/errors";
import { readJsonBody } from "@/lib/http/json-body";
import { apiRoute, requestLocale } from "@/lib/http/route";
import { createLead } from "@/lib/leads/create-lead";
import { createLeadSchema } from "@/lib/leads/lead-input";
import { clientIp, consumeLeadSubmission } from "@/lib/leads/rate-limit";
import { wakeOutboxWorker } from "@/lib/notifications/outbox-worker";

/**
 * POST /api/v1/leads: a patient's inquiry. 201 { id, result } when stored; 200 with the first
 * lead's { id, result } when the idempotency key was seen before. The per-IP limit is checked
 * before the body is read, so a flood costs neither parsing nor database work.
 */
export const POST = apiRoute("leads.create", async (request) => {
  const ip = clientIp(request);
  await consumeLeadSubmission(ip);
  const body = await readJsonBody(request);
  const parsed = createLeadSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  const outcome = await createLead(getDb(), parsed.data, { ip, locale: requestLocale(request) });
  if (outcome.created && outcome.stored) wakeOutboxWorker();
  return NextResponse.json(
    { id: outcome.id, result: outcome.result },
    { status: outcome.created ? 201 : 200, headers: { "Cache-Control": "no-store" } },
  );
});

/** GET /api/v1/leads (staff inbox as JSON). Logic: lib/leads/staff-api.ts. */
export { listLeadsRoute as GET } from "@/lib/leads/staff-api";
