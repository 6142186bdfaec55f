import { toNextJsHandler } from "better-auth/next-js";

import { getEnv } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";
import { withClientIpHeader } from "@/lib/http/client-ip";
import { thrownErrorResponse } from "@/lib/http/route";
import { AUTH_BASE_PATH, getStaffAuth, HTTP_AUTH_ROUTES } from "@/lib/staff/auth";

/**
 * Better Auth's routes that HTTP clients may use (HTTP_AUTH_ROUTES: POST /api/auth/sign-in/email,
 * /sign-out, GET /get-session, the two-factor step of sign-in); any other path is a 404.
 * Its 429 carries `X-Retry-After`; the contract promises `Retry-After`, so both are sent.
 * Better Auth sees the client address the app resolved (TRUSTED_PROXIES), never a client's header.
 */
async function handle(incoming: Request): Promise<Response> {
  const path = new URL(incoming.url).pathname.slice(AUTH_BASE_PATH.length);
  if (!HTTP_AUTH_ROUTES.has(`${incoming.method} ${path}`)) return thrownErrorResponse("auth", new NotFoundError("There is no such sign-in route."));
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
  const retryAfter = response.headers.get("x-retry-after");
  if (response.status === 429 && retryAfter && !response.headers.has("retry-after")) {
    const headers = new Headers(response.headers);
    headers.set("Retry-After", retryAfter);
    return new Response(response.body, { status: 429, statusText: response.statusText, headers });
  }
  return response;
}

export const { GET, POST, PATCH, PUT, DELETE } = toNextJsHandler(handle);
