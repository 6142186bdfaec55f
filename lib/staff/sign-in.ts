import "server-only";

import { z } from "zod";

import { getEnv } from "@/lib/env";
import { CLIENT_IP_HEADER, clientIpFromHeaders } from "@/lib/http/client-ip";
import { AUTH_BASE_PATH, authBaseUrl, getStaffAuth } from "@/lib/staff/auth";

/** The sign-in form. Only presence is checked here: Better Auth decides whether the pair is right. */
export const signInSchema = z.strictObject({
  email: z.string({ error: "Please enter your email address." }).trim().min(1, { error: "Please enter your email address." }),
  password: z.string({ error: "Please enter your password." }).min(1, { error: "Please enter your password." }),
  returnTo: z.string().optional(),
});

export type SignInOutcome =
  | { ok: true; setCookies: string[] }
  | { ok: false; reason: "invalid_credentials" | "rate_limited" | "unavailable"; retryAfterSeconds?: number };

/** Headers of the browser's request that Better Auth keeps on the session row. */
const FORWARDED = ["user-agent"] as const;

/**
 * Signs in through Better Auth's HTTP handler rather than `auth.api.signInEmail`, so that the sign-in
 * rate limit (which only applies to requests through the handler) protects the sign-in page too.
 * Returns the Set-Cookie lines for the caller to pass on (server action: next/headers cookies()).
 */
export async function signInWithPassword(requestHeaders: Headers, email: string, password: string): Promise<SignInOutcome> {
  const base = authBaseUrl();
  const headers = new Headers({ "content-type": "application/json", origin: base });
  for (const name of FORWARDED) {
    const value = requestHeaders.get(name);
    if (value) headers.set(name, value);
  }
  // The rate-limit key and the session's IP: the app's one client address (lib/http/client-ip.ts).
  headers.set(CLIENT_IP_HEADER, clientIpFromHeaders(requestHeaders, getEnv().TRUSTED_PROXIES));
  const response = await getStaffAuth().handler(
    new Request(`${base}${AUTH_BASE_PATH}/sign-in/email`, {
      method: "POST",
      headers,
      body: JSON.stringify({ email, password, rememberMe: true }),
    }),
  );
  if (response.status === 200) return { ok: true, setCookies: response.headers.getSetCookie() };
  if (response.status === 429) {
    const retry = Number(response.headers.get("x-retry-after") ?? response.headers.get("retry-after"));
    return { ok: false, reason: "rate_limited", retryAfterSeconds: Number.isFinite(retry) && retry > 0 ? retry : 60 };
  }
  if (response.status >= 500) return { ok: false, reason: "unavailable" };
  return { ok: false, reason: "invalid_credentials" };
}
