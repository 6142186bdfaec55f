import { EXAMPLE_DOCUMENT } from "@/lib/http/api-examples";
import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { leadIdParamsSchema } from "@/lib/leads/lead-patch";
import { DOCUMENT_UPLOAD_TYPES, documentUploadQuerySchema, PHOTO_MAX_UPLOAD_BYTES, storedDocumentSchema } from "@/lib/photos/schemas";
import { addDocument } from "@/lib/photos/store";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/leads/{id}/documents", {
  POST: route(
    {
      name: "leads.documents.add",
      summary: "Attach a document (the dermatologist's clearance letter: JPEG, PNG or PDF by its bytes) to an inquiry (front desk, admin)",
      auth: "front_desk",
      params: leadIdParamsSchema,
      query: documentUploadQuerySchema,
      body: { kind: "binary", maxBytes: PHOTO_MAX_UPLOAD_BYTES, types: DOCUMENT_UPLOAD_TYPES },
      errors: { 422: "IMAGE_UNREADABLE: the image does not decode, or has too many pixels." },
      responses: { 201: { description: "Stored (an image re-encoded as JPEG without metadata; a PDF as sent).", schema: storedDocumentSchema, example: EXAMPLE_DOCUMENT } },
    },
    async ({ user, params, query, body, reply }) => reply(201, await addDocument(getDb(), user.id, params.id, query.kind, body)),
  ),
});
