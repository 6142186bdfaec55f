import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { exportFileName, exportLeadsCsv } from "@/lib/leads/lead-export";
import { leadExportQuerySchema } from "@/lib/leads/lead-filters";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/leads/export.csv", {
  /** ?from=&to=&status= (admin only): streamed CSV, RFC 4180, formula cells made inert; audited. */
  GET: route(
    { name: "leads.export", summary: "Export inquiries as CSV (admin)", auth: "admin", query: leadExportQuerySchema },
    async ({ user, query }) =>
      new Response(await exportLeadsCsv(getDb(), user.id, query), {
        status: 200,
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${exportFileName(query)}"`,
          "Cache-Control": "no-store",
        },
      }),
  ),
});
