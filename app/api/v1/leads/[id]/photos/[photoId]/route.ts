import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { imageResponse } from "@/lib/photos/image-response";
import { leadPhotoParamsSchema, photoSizeQuerySchema } from "@/lib/photos/schemas";
import { readLeadPhoto } from "@/lib/photos/store";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/leads/{id}/photos/{photoId}", {
  GET: route(
    {
      name: "leads.photos.get",
      summary: "One scalp photo as JPEG, thumbnail or full size (front desk, admin; every view audited)",
      auth: "front_desk",
      params: leadPhotoParamsSchema,
      query: photoSizeQuerySchema,
      responses: { 200: { description: "image/jpeg; Cache-Control: private, no-store; nosniff; CSP default-src 'none'.", contentType: "image/jpeg" } },
    },
    async ({ user, params, query }) => {
      const bytes = await readLeadPhoto(getDb(), user.id, params.id, params.photoId, query.size);
      return imageResponse(bytes, "image/jpeg", `inline; filename="photo-${query.size}.jpg"`);
    },
  ),
});
