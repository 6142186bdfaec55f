import "server-only";

import { z } from "zod";

import { getEnv } from "@/lib/env";
import { CLIENT_IP_HEADER, clientIpFromHeaders } from "@/lib/http/client-ip";
import { AUTH_BASE_PATH, authBaseUrl, DEACTIVATED_CODE, getStaffAuth } from "@/lib/staff/auth";

/** The sign-in form. Only presence is checked here: Better Auth decides whether the pair is right. */
export const signInSchema = z.strictObject({
  email: z.string({ error: "Please enter your email address." }).trim().min(1, { error: "Please enter your email address." }),
  password: z.string({ error: "Please enter your password." }).min(1, { error: "Please enter your password." }),
  returnTo: z.string().optional(),
});

/** The second step of a sign-in with two-factor: a code from the authenticator app, or a backup code. */
export const twoFactorSignInSchema = z.strictObject({
  method: z.enum(["totp", "backup"], { error: "Choose the authenticator app or a backup code." }).default("totp"),
  totpCode: z.string().trim().optional(),
  backupCode: z.string().trim().optional(),
  returnTo: z.string().optional(),
}).superRefine((value, ctx) => {
  if (value.method === "totp" && !/^\d{6}$/.test((value.totpCode ?? "").replace(/\s+/g, ""))) {
    ctx.addIssue({ code: "custom", path: ["totpCode"], message: "Enter the 6-digit code from your authenticator app." });
  }
  if (value.method === "backup" && !/^[A-Za-z0-9]{5}-?[A-Za-z0-9]{5}$/.test(value.backupCode ?? "")) {
    ctx.addIssue({ code: "custom", path: ["backupCode"], message: "Enter one of your backup codes, e.g. AbC12-dEf34." });
  }
});
export type TwoFactorSignInInput = z.output<typeof twoFactorSignInSchema>;

type Failure = { ok: false; reason: "invalid_credentials" | "deactivated" | "rate_limited" | "unavailable"; retryAfterSeconds?: number };

export type SignInOutcome = { ok: true; twoFactor: boolean; setCookies: string[] } | Failure;
export type TwoFactorOutcome = { ok: true; setCookies: string[] } | Failure | { ok: false; reason: "invalid_code" | "expired" | "locked" };

/** Headers of the browser's request that Better Auth keeps on the session row. */
const FORWARDED = ["user-agent"] as const;

/**
 * A POST to Better Auth's HTTP handler as the browser's request would make it, rather than `auth.api`,
 * so that the sign-in rate limits (which only apply to requests through the handler) protect the
 * sign-in pages too. `cookie`: the browser's Cookie header (the second step's signed cookie).
 */
async function postToAuth(requestHeaders: Headers, path: string, body: unknown, withCookies: boolean): Promise<Response> {
  const base = authBaseUrl();
  const headers = new Headers({ "content-type": "application/json", origin: base });
  for (const name of FORWARDED) {
    const value = requestHeaders.get(name);
    if (value) headers.set(name, value);
  }
  const cookie = requestHeaders.get("cookie");
  if (withCookies && cookie) headers.set("cookie", cookie);
  // The rate-limit key and the session's IP: the app's one client address (lib/http/client-ip.ts).
  headers.set(CLIENT_IP_HEADER, clientIpFromHeaders(requestHeaders, getEnv().TRUSTED_PROXIES));
  return getStaffAuth().handler(new Request(`${base}${AUTH_BASE_PATH}${path}`, { method: "POST", headers, body: JSON.stringify(body) }));
}

async function errorCodeOf(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { code?: unknown };
    return typeof body.code === "string" ? body.code : undefined;
  } catch {
    return undefined;
  }
}

function commonFailure(response: Response, code: string | undefined): Failure | null {
  if (response.status === 429 && code !== "ACCOUNT_TEMPORARILY_LOCKED") {
    const retry = Number(response.headers.get("x-retry-after") ?? response.headers.get("retry-after"));
    return { ok: false, reason: "rate_limited", retryAfterSeconds: Number.isFinite(retry) && retry > 0 ? retry : 60 };
  }
  if (response.status === 403 && code === DEACTIVATED_CODE) return { ok: false, reason: "deactivated" };
  if (response.status >= 500) return { ok: false, reason: "unavailable" };
  return null;
}

/**
 * Email + password. With two-factor enrolled, Better Auth answers `{ twoFactorRedirect: true }` and a
 * short-lived signed cookie instead of a session (`twoFactor: true`): the caller sends the person to
 * /staff/sign-in/two-factor. A deactivated account is refused only after the right password
 * ("deactivated"), so the message tells nobody else whether an address has an account.
 * Returns the Set-Cookie lines for the caller to pass on (server action: next/headers cookies()).
 */
export async function signInWithPassword(requestHeaders: Headers, email: string, password: string): Promise<SignInOutcome> {
  const response = await postToAuth(requestHeaders, "/sign-in/email", { email, password, rememberMe: true }, false);
  if (response.status === 200) {
    const body = (await response.json().catch(() => ({}))) as { twoFactorRedirect?: unknown };
    return { ok: true, twoFactor: body.twoFactorRedirect === true, setCookies: response.headers.getSetCookie() };
  }
  return commonFailure(response, await errorCodeOf(response)) ?? { ok: false, reason: "invalid_credentials" };
}

/** The second step: the code checked against the pending sign-in's cookie; a session on success. */
export async function completeTwoFactorSignIn(requestHeaders: Headers, input: TwoFactorSignInInput): Promise<TwoFactorOutcome> {
  const response =
    input.method === "totp"
      ? await postToAuth(requestHeaders, "/two-factor/verify-totp", { code: (input.totpCode ?? "").replace(/\s+/g, "") }, true)
      : await postToAuth(requestHeaders, "/two-factor/verify-backup-code", { code: input.backupCode ?? "" }, true);
  if (response.status === 200) return { ok: true, setCookies: response.headers.getSetCookie() };
  const code = await errorCodeOf(response);
  const common = commonFailure(response, code);
  if (common) return common;
  if (code === "ACCOUNT_TEMPORARILY_LOCKED") return { ok: false, reason: "locked" };
  if (code === "INVALID_TWO_FACTOR_COOKIE" || code === "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE") return { ok: false, reason: "expired" };
  return { ok: false, reason: "invalid_code" };
}
