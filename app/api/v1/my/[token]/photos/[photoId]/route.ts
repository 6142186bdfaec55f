import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { PATIENT_PRIVATE_HEADERS } from "@/lib/http/security-headers";
import { clientIp, consumeRateLimit } from "@/lib/leads/rate-limit";
import { requireAccess } from "@/lib/patient-access/patient-view";
import { myPhotoParamsSchema } from "@/lib/photos/schemas";
import { deletePhoto } from "@/lib/photos/store";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/my/{token}/photos/{photoId}", {
  DELETE: route(
    {
      name: "my.photos.remove",
      summary: "Remove one of my photos (public, behind the patient's link)",
      before: (request) => consumeRateLimit("patient_photos", clientIp(request)),
      params: myPhotoParamsSchema,
      responses: { 204: { description: "Removed; 404 for a link that opens nothing or a photo that is not this inquiry's." } },
    },
    async ({ params }) => {
      const db = getDb();
      await deletePhoto(db, await requireAccess(db, params.token), params.photoId);
      return new Response(null, { status: 204, headers: PATIENT_PRIVATE_HEADERS });
    },
  ),
});
