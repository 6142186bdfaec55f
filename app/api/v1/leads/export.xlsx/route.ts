import { getDb } from "@/lib/db/client";
import { XLSX_CONTENT_TYPE } from "@/lib/export/xlsx-writer";
import { downloadResponse } from "@/lib/http/download";
import { endpoint, route } from "@/lib/http/route";
import { exportFileName, exportLeadsXlsx } from "@/lib/leads/lead-export";
import { leadExportQuerySchema } from "@/lib/leads/lead-filters";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/leads/export.xlsx", {
  /** The same filters, rows and columns as the CSV (admin only): streamed XLSX with typed cells, never a formula; audited. */
  GET: route(
    {
      name: "leads.export.xlsx",
      summary: "Export inquiries as an Excel workbook (admin)",
      auth: "admin",
      scope: "leads:read",
      query: leadExportQuerySchema,
      responses: {
        200: {
          description: "The same rows and columns as the CSV, typed cells, no formula; streamed.",
          contentType: XLSX_CONTENT_TYPE,
        },
      },
    },
    async ({ user, query }) =>
      downloadResponse(await exportLeadsXlsx(getDb(), user.id, query), { contentType: XLSX_CONTENT_TYPE, fileName: exportFileName(query, "xlsx") }),
  ),
});
