import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { imageResponse } from "@/lib/photos/image-response";
import { leadDocumentParamsSchema } from "@/lib/photos/schemas";
import { readLeadDocument } from "@/lib/photos/store";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/leads/{id}/documents/{documentId}", {
  GET: route(
    {
      name: "leads.documents.get",
      summary: "One attached document (front desk, admin; audited): an image inline, a PDF only as a download",
      auth: "front_desk",
      params: leadDocumentParamsSchema,
      responses: { 200: { description: "image/jpeg inline, or application/pdf as an attachment; private, no-store; nosniff.", contentType: ["image/jpeg", "application/pdf"] } },
    },
    async ({ user, params }) => {
      const doc = await readLeadDocument(getDb(), user.id, params.id, params.documentId);
      const pdf = doc.contentType === "application/pdf";
      return imageResponse(doc.data, doc.contentType, pdf ? `attachment; filename="${doc.kind.replace(/_/g, "-")}.pdf"` : `inline; filename="${doc.kind.replace(/_/g, "-")}.jpg"`);
    },
  ),
});
