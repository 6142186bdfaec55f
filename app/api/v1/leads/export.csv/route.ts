import { exportLeadsRoute } from "@/lib/leads/staff-api";

/** GET /api/v1/leads/export.csv (admin). Logic: lib/leads/staff-api.ts. */
export const GET = exportLeadsRoute;
