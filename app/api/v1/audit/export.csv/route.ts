import { auditExportQuerySchema } from "@/lib/audit/audit-query";
import { exportAuditCsv } from "@/lib/audit/audit-log";
import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/audit/export.csv", {
  /** ?actor=&action=&from=&to= (admin only): the audit log as CSV, newest first, streamed; the export is itself audited. */
  GET: route(
    {
      name: "audit.export",
      summary: "Export the audit log as CSV (admin; audited)",
      auth: "admin",
      query: auditExportQuerySchema,
      responses: {
        200: {
          description: "text/csv, streamed: one header row, one row per audit entry (newest first), no patient names or contact details.",
          contentType: "text/csv",
        },
      },
    },
    async ({ user, query }) =>
      new Response(await exportAuditCsv(getDb(), user.id, query), {
        status: 200,
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="audit-log${query.from ? `_from-${query.from}` : ""}${query.to ? `_to-${query.to}` : ""}.csv"`,
          "Cache-Control": "no-store",
        },
      }),
  ),
});
