import { auditExportQuerySchema } from "@/lib/audit/audit-query";
import { exportAuditCsv } from "@/lib/audit/audit-log";
import { getDb } from "@/lib/db/client";
import { CSV_CONTENT_TYPE } from "@/lib/export/csv";
import { downloadResponse } from "@/lib/http/download";
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
      downloadResponse(await exportAuditCsv(getDb(), user.id, query), {
        contentType: CSV_CONTENT_TYPE,
        fileName: `audit-log${query.from ? `_from-${query.from}` : ""}${query.to ? `_to-${query.to}` : ""}.csv`,
      }),
  ),
});
