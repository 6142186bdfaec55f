import { NextResponse } from "next/server";

import { getDb } from "@/lib/db/client";
import { readJsonBody } from "@/lib/http/json-body";
import { apiRoute } from "@/lib/http/route";

const NO_STORE = { "Cache-Control": "no-store" };

/** GET /api/v1/health: liveness AND readiness: 200 {status:"ok"} only when the database answers (503 otherwise). */
export const GET = apiRoute("health", async () => {
  await getDb().$queryRaw`SELECT 1`;
  return NextResponse.json({ status: "ok" }, { headers: NO_STORE });
});

/**
 * POST /api/v1/health: {status:"ok"} after reading a JSON body through the same size/type checks as
 * every API route, without touching the database. A baseline for load tests (scripts/bench-leads.mjs)
 * and a probe that the HTTP layer accepts JSON.
 */
export const POST = apiRoute("health", async (request) => {
  await readJsonBody(request);
  return NextResponse.json({ status: "ok" }, { headers: NO_STORE });
});

export const dynamic = "force-dynamic";
