import { z } from "zod";

import { getDb } from "@/lib/db/client";
import { endpoint, route } from "@/lib/http/route";

const healthSchema = z.object({ status: z.literal("ok") });

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/health", {
  /** Liveness AND readiness: 200 {status:"ok"} only when the database answers (503 otherwise). */
  GET: route({ name: "health", summary: "Liveness and readiness: the database answers", responses: { 200: { description: "Healthy.", schema: healthSchema, example: { status: "ok" } } } }, async ({ reply }) => {
    await getDb().$queryRaw`SELECT 1`;
    return reply(200, { status: "ok" });
  }),

  /**
   * {status:"ok"} after reading a JSON body (any JSON) through the same size checks as every API
   * route, without touching the database. A baseline for load tests (scripts/bench/leads.mjs).
   */
  POST: route(
    { name: "health.echo", summary: "HTTP layer baseline: reads any JSON body, no database", database: false, body: z.unknown(), requestExample: { any: "JSON" }, responses: { 200: { description: "Read.", schema: healthSchema, example: { status: "ok" } } } },
    async ({ reply }) => reply(200, { status: "ok" }),
  ),
});

export const dynamic = "force-dynamic";
