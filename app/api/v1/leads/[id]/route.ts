import { deleteLeadRoute, getLeadRoute, patchLeadRoute } from "@/lib/leads/staff-api";

/** GET / PATCH / DELETE /api/v1/leads/{id} (staff). Logic: lib/leads/staff-api.ts. */
export const GET = getLeadRoute;
export const PATCH = patchLeadRoute;
export const DELETE = deleteLeadRoute;
