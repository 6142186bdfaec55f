import { toNextJsHandler } from "better-auth/next-js";

import { getEnv } from "@/lib/env";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { withClientIpHeader } from "@/lib/http/client-ip";
import { FOREIGN_ORIGIN_MESSAGE } from "@/lib/http/foreign-origin";
import { isForeignOrigin, thrownErrorResponse } from "@/lib/http/route";
import { AUTH_BASE_PATH, getStaffAuth, HTTP_AUTH_ROUTES } from "@/lib/staff/auth";

/**
 * Better Auth's routes that HTTP clients may use (HTTP_AUTH_ROUTES: POST /api/auth/sign-in/email,
 * /sign-out, GET /get-session, the two-factor step of sign-in); any other path is a 404.
 * Its 429 carries `X-Retry-After`; the contract promises `Retry-After`, so both are sent.
 * Better Auth sees the client address the app resolved (TRUSTED_PROXIES), never a client's header.
 * A state-changing request from another site's Origin is the contract's 403 (`{ error: { code:
 * "FORBIDDEN", message } }`), as on every staff route, instead of Better Auth's own body.
 */
async function handle(incoming: Request): Promise<Response> {
  const path = new URL(incoming.url).pathname.slice(AUTH_BASE_PATH.length);
  if (!HTTP_AUTH_ROUTES.has(`${incoming.method} ${path}`)) return thrownErrorResponse("auth", new NotFoundError("There is no such sign-in route."));
  // Another site's Origin (or "null"): the contract's 403 body, not Better Auth's own.
  if (incoming.method !== "GET" && incoming.method !== "HEAD" && isForeignOrigin(incoming)) {
    return thrownErrorResponse("auth", new ForbiddenError(FOREIGN_ORIGIN_MESSAGE, "foreign_origin"));
  }
  const headers = withClientIpHeader(incoming.headers, getEnv().TRUSTED_PROXIES);
  const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
  const request = new Request(incoming.url, {
    method: incoming.method,
    headers,
    body: hasBody ? incoming.body : undefined,
    signal: incoming.signal,
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
  const response = await getStaffAuth().handler(request);
  // Better Auth's own origin refusals (e.g. a missing Origin with a cookie) in the contract's shape too.
  if (response.status === 403) {
    const body = (await response.clone().json().catch(() => null)) as { code?: unknown } | null;
    if (typeof body?.code === "string" && /ORIGIN/.test(body.code)) {
      return thrownErrorResponse("auth", new ForbiddenError(FOREIGN_ORIGIN_MESSAGE, "foreign_origin"));
    }
  }
  const retryAfter = response.headers.get("x-retry-after");
  if (response.status === 429 && retryAfter && !response.headers.has("retry-after")) {
    const headers = new Headers(response.headers);
    headers.set("Retry-After", retryAfter);
    return new Response(response.body, { status: 429, statusText: response.statusText, headers });
  }
  return response;
}

export const { GET, POST, PATCH, PUT, DELETE } = toNextJsHandler(handle);
