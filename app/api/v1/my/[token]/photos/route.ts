import { EXAMPLE_PHOTO } from "@/lib/http/api-examples";
import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { PATIENT_PRIVATE_HEADERS } from "@/lib/http/security-headers";
import { clientIp, consumeRateLimit } from "@/lib/leads/rate-limit";
import { requireAccess } from "@/lib/patient-access/patient-view";
import { accessTokenParamsSchema } from "@/lib/patient-access/schemas";
import { PHOTO_MAX_UPLOAD_BYTES, PHOTO_UPLOAD_TYPES, photoUploadQuerySchema, storedPhotoSchema } from "@/lib/photos/schemas";
import { addPhoto } from "@/lib/photos/store";

/** The patient sends a scalp photo from their page (docs/api-v1.md, "Photos and assessment"; decision 023). */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/my/{token}/photos", {
  POST: route(
    {
      name: "my.photos.add",
      summary: "Send a scalp photo (public, behind the patient's link; the image is the body; at most 5; rate limited per client)",
      before: (request) => consumeRateLimit("patient_photos", clientIp(request)),
      params: accessTokenParamsSchema,
      query: photoUploadQuerySchema,
      body: { kind: "binary", maxBytes: PHOTO_MAX_UPLOAD_BYTES, types: PHOTO_UPLOAD_TYPES },
      errors: { 409: "TOO_MANY_PHOTOS: the inquiry already has 5 photos.", 422: "IMAGE_UNREADABLE: the image does not decode, or has too many pixels." },
      responses: {
        201: {
          description:
            "Stored, re-encoded as JPEG (upright, no metadata). 409 TOO_MANY_PHOTOS past 5; 422 IMAGE_UNREADABLE for an image that does not decode or has too many pixels; 404 for a link that opens nothing.",
          schema: storedPhotoSchema,
          example: EXAMPLE_PHOTO,
        },
      },
    },
    async ({ params, query, body, reply }) => {
      const db = getDb();
      const leadId = await requireAccess(db, params.token);
      const photo = await addPhoto(db, leadId, query.view, body.bytes);
      return reply(201, photo, { headers: PATIENT_PRIVATE_HEADERS });
    },
  ),
});
