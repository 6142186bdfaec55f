import "server-only";

import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { twoFactor } from "better-auth/plugins";

import { type Db, getDb, providerOf } from "@/lib/db/client";
import { envVar, getEnv } from "@/lib/env";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { logger } from "@/lib/log/logger";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/staff/password-policy";
import { DEACTIVATED_MESSAGE } from "@/lib/staff/sign-in-messages";
import { BACKUP_CODE_COUNT } from "@/lib/staff/two-factor-policy";

/**
 * Staff authentication (Better Auth 1.7 on the project's Prisma client). Decisions:
 * - email + password only; public sign-up is DISABLED: accounts come from `npm run user:create`, the
 *   admin page /staff/users, or the development seed (all through `createStaffUser`, which hashes with
 *   Better Auth's own hasher);
 * - `role` (admin | front_desk) is an additional user field that sign-up input can never set (`input: false`);
 * - sessions last 8 hours and slide: a session used after 1 hour gets a fresh 8 hours; no cookie cache,
 *   so a role change or a revoked session applies on the very next request;
 * - cookies are HttpOnly, SameSite=Lax, Secure in production (prefixed `__Secure-` there);
 * - sign-in is rate limited per IP in the database (5 tries per minute on /sign-in/email), so the
 *   limit holds across processes; the limiter is on in every environment, not only production;
 * - the IP is the app's one client address (lib/http/client-ip.ts, TRUSTED_PROXIES), handed over in
 *   CLIENT_IP_HEADER, which the app always overwrites (app/api/auth route, lib/staff/sign-in.ts);
 *   Better Auth reads no other header, so a forged X-Forwarded-For cannot pick a fresh bucket;
 * - a deactivated account (user.deactivatedAt, lib/staff/accounts.ts) cannot get a session: the
 *   session-create hook refuses it with DEACTIVATED_MESSAGE (403, code ACCOUNT_DEACTIVATED), on
 *   sign-in and on the second factor alike; deactivation deletes its sessions in the same transaction.
 *   Our own column rather than the admin plugin's ban: the plugin would add a second role system
 *   (its access-control roles next to ours), impersonation and user CRUD endpoints under
 *   /api/auth/admin/* that we would have to keep closed, and its ban cannot run inside the
 *   transaction that protects the last admin; what it would save is this one hook;
 * - two-factor sign-in (TOTP + backup codes) is Better Auth's twoFactor plugin: a sign-in of an
 *   enrolled user answers { twoFactorRedirect: true } and a short-lived signed cookie instead of a
 *   session; /staff/sign-in/two-factor completes it (lib/staff/sign-in.ts);
 * - no telemetry.
 */

export const SESSION_EXPIRES_IN_SECONDS = 8 * 60 * 60;
export const SESSION_UPDATE_AGE_SECONDS = 60 * 60;
export const SIGN_IN_RATE_LIMIT = { window: 60, max: 5 } as const;
export const AUTH_BASE_PATH = "/api/auth";
/**
 * The Better Auth routes served over HTTP under AUTH_BASE_PATH (app/api/auth/[...all]/route.ts):
 * sign-in, its second step for an account with two-factor, sign-out and the session (docs/api-v1.md).
 * Everything else (password change, two-factor enrolment and backup codes, user updates) goes through
 * the app's own pages and actions, which check the policy (a temporary password, two-factor required
 * for admins) and write the audit; Better Auth's own routes for them would do neither, so they answer 404.
 */
export const HTTP_AUTH_ROUTES: ReadonlySet<string> = new Set([
  "POST /sign-in/email",
  "POST /sign-out",
  "GET /get-session",
  "POST /two-factor/verify-totp",
  "POST /two-factor/verify-backup-code",
]);
/** The issuer authenticator apps show next to the code. */
export const TWO_FACTOR_ISSUER = "SMP estimator staff";
export const DEACTIVATED_CODE = "ACCOUNT_DEACTIVATED";

/** Development-only secret: sessions signed with it are worthless outside this machine. */
/** Better Auth's cookie prefix: the session cookie is `<prefix>.session_token`. */
export const SESSION_COOKIE_PREFIX = "smp-staff";

/**
 * The session cookie's real name: production sets secure cookies, which Better Auth names with the
 * `__Secure-` prefix (the browser then refuses it over plain HTTP). The OpenAPI document names it.
 */
export function sessionCookieName(production: boolean): string {
  return `${production ? "__Secure-" : ""}${SESSION_COOKIE_PREFIX}.session_token`;
}

const DEV_SECRET = "smp-dev-only-secret-do-not-use-in-production-0123456789";
let warnedDevSecret = false;

function authSecret(): string {
  const env = getEnv();
  if (env.BETTER_AUTH_SECRET) return env.BETTER_AUTH_SECRET;
  // lib/env.ts already refuses to start in production without BETTER_AUTH_SECRET; keep a second guard.
  if (env.NODE_ENV === "production") throw new Error("BETTER_AUTH_SECRET is required in production.");
  if (!warnedDevSecret && env.NODE_ENV !== "test") {
    warnedDevSecret = true;
    logger.warn("BETTER_AUTH_SECRET is not set: using a development-only secret. Set it (32+ random characters) before going live.");
  }
  return DEV_SECRET;
}

export function authBaseUrl(): string {
  const env = getEnv();
  return (env.BETTER_AUTH_URL ?? env.APP_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

function databaseUrl(): string {
  return envVar("DATABASE_URL");
}

export function createStaffAuth(db: Db, options: { databaseUrl?: string } = {}) {
  const production = getEnv().NODE_ENV === "production";
  return betterAuth({
    appName: "SMP estimator staff",
    baseURL: authBaseUrl(),
    basePath: AUTH_BASE_PATH,
    secret: authSecret(),
    database: prismaAdapter(db, { provider: providerOf(options.databaseUrl ?? databaseUrl()) }),
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      autoSignIn: false,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
    },
    user: {
      additionalFields: {
        role: { type: ["admin", "front_desk"], required: true, defaultValue: "front_desk", input: false },
        mustChangePassword: { type: "boolean", required: false, defaultValue: false, input: false },
        deactivatedAt: { type: "date", required: false, input: false },
      },
    },
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            const user = await db.user.findUnique({ where: { id: session.userId }, select: { deactivatedAt: true } });
            if (!user || user.deactivatedAt) throw APIError.from("FORBIDDEN", { message: DEACTIVATED_MESSAGE, code: DEACTIVATED_CODE });
          },
        },
      },
    },
    session: {
      expiresIn: SESSION_EXPIRES_IN_SECONDS,
      updateAge: SESSION_UPDATE_AGE_SECONDS,
      cookieCache: { enabled: false },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": { window: SIGN_IN_RATE_LIMIT.window, max: SIGN_IN_RATE_LIMIT.max } },
    },
    advanced: {
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      useSecureCookies: production,
      cookiePrefix: SESSION_COOKIE_PREFIX,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: production, path: "/" },
    },
    logger: { disabled: getEnv().NODE_ENV === "test" },
    // Must stay last: lets server actions that call auth.api set cookies through next/headers.
    plugins: [
      twoFactor({ issuer: TWO_FACTOR_ISSUER, backupCodeOptions: { amount: BACKUP_CODE_COUNT, storeBackupCodes: "encrypted" } }),
      nextCookies(),
    ],
  });
}

export type StaffAuth = ReturnType<typeof createStaffAuth>;

const instances = new WeakMap<Db, StaffAuth>();

/** The Better Auth instance on a given client (scripts, seed, tests pass their own). */
export function staffAuthFor(db: Db, databaseUrl?: string): StaffAuth {
  let auth = instances.get(db);
  if (!auth) {
    auth = createStaffAuth(db, { databaseUrl });
    instances.set(db, auth);
  }
  return auth;
}

/** The Better Auth instance on the process-wide client (one per client: tests switch DATABASE_URL). */
export function getStaffAuth(): StaffAuth {
  return staffAuthFor(getDb());
}
