import { getLeadRoute, patchLeadRoute } from "@/lib/leads/staff-api";

/** GET / PATCH /api/v1/leads/{id} (staff). Logic: lib/leads/staff-api.ts. */
export const GET = getLeadRoute;
export const PATCH = patchLeadRoute;
