import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { exportLeadsResponse } from "@/lib/leads/lead-export";
import { leadExportQuerySchema } from "@/lib/leads/lead-filters";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/leads/export.xlsx", {
  /** The same filters, rows and columns as the CSV (admin only): streamed XLSX with typed cells, never a formula; audited. */
  GET: route(
    {
      name: "leads.export.xlsx",
      summary: "Export inquiries as an Excel workbook (admin)",
      auth: "admin",
      query: leadExportQuerySchema,
      responses: {
        200: {
          description: "The same rows and columns as the CSV, typed cells, no formula; streamed.",
          contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        },
      },
    },
    async ({ user, query }) => exportLeadsResponse(getDb(), user.id, query, "xlsx"),
  ),
});
