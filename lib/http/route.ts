import "server-only";
import { NextResponse } from "next/server";
import { logger } from "@/lib/log/logger";
import { ApiError, serviceUnavailable } from "./errors";

type Handler<Ctx> = (request: Request, context: Ctx) => Promise<Response>;

/** Connection, timeout and lock errors of SQLite, PostgreSQL and Prisma: the store is briefly unavailable. */
const UNAVAILABLE_CODES = new Set([
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_CANTOPEN",
  "SQLITE_IOERR",
  "SQLITE_FULL",
  "SQLITE_READONLY",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "57P01", // admin_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
  "08006", // connection_failure
  "08001", // unable to connect
  "P1001", // Prisma: can't reach database server
  "P1002", // Prisma: timed out
  "P1008", // Prisma: operations timed out
  "P1017", // Prisma: server closed the connection
  "P2024", // Prisma: connection pool timeout
]);

export function isStoreUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const record = e as { code?: unknown; cause?: unknown; message?: unknown; name?: unknown };
    if (typeof record.code === "string" && UNAVAILABLE_CODES.has(record.code)) return true;
    if (typeof record.message === "string" && /database is locked|Connection terminated|connect ECONNREFUSED|timed out fetching a new connection/i.test(record.message))
      return true;
    if (record.name === "DriverAdapterError" && typeof record.cause === "object" && record.cause !== null) {
      const kind = (record.cause as { kind?: unknown }).kind;
      if (kind === "DatabaseNotReachable" || kind === "SocketTimeout" || kind === "TooManyConnections" || kind === "ConnectionClosed")
        return true;
    }
    e = record.cause;
  }
  return false;
}

export function errorResponse(error: ApiError): NextResponse {
  return NextResponse.json(error.toBody(), { status: error.status, headers: error.headers });
}

/**
 * Wraps a route handler so every failure answers with the contract's error body:
 * typed ApiErrors keep their status, an unreachable store is a 503, anything else a 500
 * without internals. Only the error's name and route are logged, never the request body.
 */
export function apiRoute<Ctx = unknown>(route: string, handler: Handler<Ctx>): Handler<Ctx> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error);
      if (isStoreUnavailable(error)) {
        logger.warn({ route, err: { name: (error as Error).name, code: (error as { code?: unknown }).code } }, "store unavailable");
        return errorResponse(serviceUnavailable());
      }
      logger.error({ route, err: { name: (error as Error)?.name, message: (error as Error)?.message } }, "unexpected error");
      return NextResponse.json(
        { error: { code: "INTERNAL", message: "Something went wrong on our side. Please try again." } },
        { status: 500 },
      );
    }
  };
}

export type Locale = "en" | "es";

/** `?locale=es` wins; otherwise the first supported language of Accept-Language; English by default. */
export function requestLocale(request: Request): Locale {
  const param = new URL(request.url).searchParams.get("locale");
  if (param === "es" || param === "en") return param;
  const header = request.headers.get("accept-language") ?? "";
  for (const part of header.split(",")) {
    const tag = part.split(";")[0]?.trim().toLowerCase() ?? "";
    if (tag.startsWith("es")) return "es";
    if (tag.startsWith("en")) return "en";
  }
  return "en";
}
