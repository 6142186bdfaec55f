import { getDb } from "@/lib/db/client";
import { CSV_CONTENT_TYPE } from "@/lib/export/csv";
import { downloadResponse } from "@/lib/http/download";
import { endpoint, route } from "@/lib/http/route";
import { exportFileName, exportLeadsCsv } from "@/lib/leads/lead-export";
import { leadExportQuerySchema } from "@/lib/leads/lead-filters";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/leads/export.csv", {
  /** ?from=&to=&status=&eligibility=&flag=&q= (admin only): streamed CSV, RFC 4180, formula cells made inert; audited. */
  GET: route(
    {
      name: "leads.export",
      summary: "Export inquiries as CSV (admin; audited)",
      auth: "admin",
      scope: "leads:read",
      query: leadExportQuerySchema,
      responses: { 200: { description: "text/csv, streamed: one header row, one row per inquiry, RFC 4180 quoting, formula cells made inert.", contentType: "text/csv" } },
    },
    async ({ user, query }) =>
      downloadResponse(await exportLeadsCsv(getDb(), user.id, query), { contentType: CSV_CONTENT_TYPE, fileName: exportFileName(query, "csv") }),
  ),
});
