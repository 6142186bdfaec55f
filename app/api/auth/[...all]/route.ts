import { toNextJsHandler } from "better-auth/next-js";

import { getStaffAuth } from "@/lib/staff/auth";

/**
 * Better Auth's routes (POST /api/auth/sign-in/email, /sign-out, GET /get-session, ...).
 * Its 429 carries `X-Retry-After`; the contract promises `Retry-After`, so both are sent.
 */
async function handle(request: Request): Promise<Response> {
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
