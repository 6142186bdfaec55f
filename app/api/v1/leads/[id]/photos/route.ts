import { EXAMPLE_PHOTO_LIST } from "@/lib/http/api-examples";
import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";
import { leadIdParamsSchema } from "@/lib/leads/lead-patch";
import { leadPhotoListSchema } from "@/lib/photos/schemas";
import { listLeadPhotos } from "@/lib/photos/store";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/leads/{id}/photos", {
  GET: route(
    {
      name: "leads.photos.list",
      summary: "An inquiry's scalp photos and documents, without their bytes (front desk, admin)",
      auth: "front_desk",
      params: leadIdParamsSchema,
      responses: { 200: { description: "Photos in slot order and documents; fetch each image by its id.", schema: leadPhotoListSchema, example: EXAMPLE_PHOTO_LIST } },
    },
    async ({ params, reply }) => reply(200, await listLeadPhotos(getDb(), params.id)),
  ),
});
