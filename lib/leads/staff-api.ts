import "server-only";

import { NextResponse } from "next/server";
import { z } from "zod";

import { getDb } from "@/lib/db/client";
import { validationError } from "@/lib/http/errors";
import { readJsonBody } from "@/lib/http/json-body";
import { apiRoute } from "@/lib/http/route";
import { viewLead } from "@/lib/leads/lead-detail";
import { eraseLead } from "@/lib/leads/erase-lead";
import { exportFileName, exportLeadsCsv } from "@/lib/leads/lead-export";
import { leadExportQuerySchema, leadListQuerySchema, searchParamsRecord } from "@/lib/leads/lead-filters";
import { updateLead } from "@/lib/leads/lead-workflow";
import { listLeads } from "@/lib/leads/staff-inbox";
import { requireStaffApi } from "@/lib/staff/require-staff";

/**
 * The staff JSON endpoints (api-v1.md, "Staff endpoints"). The route files only re-export these;
 * each one checks the session and role FIRST (401/403 before any validation), then parses with the
 * shared schema and calls the same lib function the staff pages use.
 */

export interface LeadRouteContext {
  params: Promise<{ id: string }>;
}

const noStore = { "Cache-Control": "no-store" };

/** GET /api/v1/leads?status=&eligibility=&flag=&q=&from=&to=&cursor=&limit= (front desk, admin). */
const handleListLeads = apiRoute("leads.list", async (request: Request) => {
  await requireStaffApi(request, "front_desk");
  const parsed = leadListQuerySchema.safeParse(searchParamsRecord(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  const page = await listLeads(getDb(), parsed.data);
  return NextResponse.json(page, { headers: noStore });
});
export const listLeadsRoute = (request: Request): Promise<Response> => handleListLeads(request, undefined);

/** GET /api/v1/leads/{id} (front desk, admin): the full inquiry with notes and events; audited. */
export const getLeadRoute = apiRoute("leads.get", async (request: Request, context: LeadRouteContext) => {
  const user = await requireStaffApi(request, "front_desk");
  const { id } = await context.params;
  const lead = await viewLead(getDb(), user.id, id, "api");
  return NextResponse.json(lead, { headers: noStore });
});

/** PATCH /api/v1/leads/{id} { status?, closedReason?, assigneeId?, note?, version? } (front desk, admin). */
export const patchLeadRoute = apiRoute("leads.patch", async (request: Request, context: LeadRouteContext) => {
  const user = await requireStaffApi(request, "front_desk");
  const { id } = await context.params;
  const body = await readJsonBody(request);
  const lead = await updateLead(getDb(), user.id, id, body);
  return NextResponse.json(lead, { headers: noStore });
});

/** GET /api/v1/leads/export.csv?from=&to=&status= (admin only): streamed CSV; audited. */
const handleExportLeads = apiRoute("leads.export", async (request: Request) => {
  const user = await requireStaffApi(request, "admin");
  const parsed = leadExportQuerySchema.safeParse(searchParamsRecord(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  const stream = await exportLeadsCsv(getDb(), user.id, parsed.data);
  return new Response(stream, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName(parsed.data)}"`,
      ...noStore,
    },
  });
});
export const exportLeadsRoute = (request: Request): Promise<Response> => handleExportLeads(request, undefined);

/** `?person=1` (or 0, or absent); nothing else. */
export const eraseQuerySchema = z.strictObject({
  person: z.enum(["0", "1"], { error: 'Use person=1 to erase every inquiry of the same person, or leave it out.' }).optional(),
});

/**
 * DELETE /api/v1/leads/{id}[?person=1] (admin only): erase on request. 204; afterwards the lead is a
 * 404 everywhere and one audit row ("erased", no personal data) remains per erased inquiry.
 */
export const deleteLeadRoute = apiRoute("leads.erase", async (request: Request, context: LeadRouteContext) => {
  const user = await requireStaffApi(request, "admin");
  const { id } = await context.params;
  const parsed = eraseQuerySchema.safeParse(searchParamsRecord(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  await eraseLead(getDb(), user.id, id, { person: parsed.data.person === "1" });
  return new Response(null, { status: 204, headers: noStore });
});
