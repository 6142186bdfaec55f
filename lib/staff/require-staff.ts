import "server-only";

import { cookies, headers } from "next/headers";
import { forbidden as forbiddenInterrupt, redirect } from "next/navigation";

import { getClinicSettings } from "@/lib/clinic/store";
import { getDb } from "@/lib/db/client";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { getStaffAuth } from "@/lib/staff/auth";
import { isStaffRole, roleAllows, type StaffRole } from "@/lib/staff/roles";

export interface StaffUser {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
}

export const SIGN_IN_PATH = "/staff/sign-in";
export const CHANGE_PASSWORD_PATH = "/staff/account/password";
export const TWO_FACTOR_PATH = "/staff/account/two-factor";

/**
 * A sign-in that is not finished yet: the person has a session but must first change the temporary
 * password the admin gave them, or (an admin, when the clinic requires it) set up two-factor sign-in.
 * Until then only the account pages and their actions answer; everything else sends them there.
 */
export type PendingStep = "change_password" | "enrol_two_factor";

export const PENDING_STEP_PATH: Readonly<Record<PendingStep, string>> = {
  change_password: CHANGE_PASSWORD_PATH,
  enrol_two_factor: TWO_FACTOR_PATH,
};

const PENDING_STEP_MESSAGE: Readonly<Record<PendingStep, string>> = {
  change_password: "Change your temporary password first (/staff/account/password).",
  enrol_two_factor: "Set up two-factor sign-in first (/staff/account/two-factor): the clinic requires it for admins.",
};

export interface StaffSession {
  user: StaffUser;
  twoFactorEnabled: boolean;
  /** What must happen before anything else, or null. */
  pending: PendingStep | null;
}

/** The signed-in staff member with the state of their sign-in, or null. */
export async function getStaffSession(requestHeaders: Headers): Promise<StaffSession | null> {
  const session = await getStaffAuth().api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const { id, name, email, role, deactivatedAt, mustChangePassword, twoFactorEnabled } = session.user;
  // A user row with an unknown role (manual edit) has no access at all; nor has a deactivated one
  // (its sessions are deleted on deactivation: this is the second lock).
  if (!isStaffRole(role) || deactivatedAt) return null;
  const twoFactor = twoFactorEnabled === true;
  let pending: PendingStep | null = null;
  if (mustChangePassword === true) pending = "change_password";
  else if (role === "admin" && !twoFactor && (await getClinicSettings(getDb())).requireTwoFactorForAdmins) pending = "enrol_two_factor";
  return { user: { id, name, email, role }, twoFactorEnabled: twoFactor, pending };
}

/** The signed-in staff member for these request headers (session cookie), or null. */
export async function getStaffUser(requestHeaders: Headers): Promise<StaffUser | null> {
  return (await getStaffSession(requestHeaders))?.user ?? null;
}

export type StaffAccess =
  | { ok: true; user: StaffUser; session: StaffSession }
  | { ok: false; reason: "anonymous" | "forbidden" }
  | { ok: false; reason: "pending"; step: PendingStep };

export interface AccessOptions {
  /** The account pages and their actions: reachable while a pending step is not done. */
  allowPending?: boolean;
}

/** The decision alone (no redirect, no throw): shared by pages, actions and route handlers. */
export async function checkStaffAccess(requestHeaders: Headers, role: StaffRole = "front_desk", options: AccessOptions = {}): Promise<StaffAccess> {
  const session = await getStaffSession(requestHeaders);
  if (!session) return { ok: false, reason: "anonymous" };
  if (!roleAllows(session.user.role, role)) return { ok: false, reason: "forbidden" };
  if (session.pending && !options.allowPending) return { ok: false, reason: "pending", step: session.pending };
  return { ok: true, user: session.user, session };
}

/**
 * For pages and server actions: the signed-in staff member with at least `role`.
 * Anonymous -> redirect to the sign-in page (coming back to `returnTo` afterwards);
 * signed in without the role -> Next's forbidden(): HTTP 403 with app/staff/forbidden.tsx
 * (needs `experimental.authInterrupts` in next.config.js).
 */
export async function requireStaff(role: StaffRole = "front_desk", returnTo?: string, options: AccessOptions = {}): Promise<StaffUser> {
  return (await requireStaffSession(role, returnTo, options)).user;
}

/**
 * This request's headers with the Cookie header as next/headers `cookies()` sees it now. When a
 * server action replaced the session cookie (password change, two-factor enrolment), Next renders
 * the page of the same response with the updated cookies() but the original headers(): reading the
 * session from headers() would find the old, deleted session and send the person to sign-in.
 */
async function currentRequestHeaders(): Promise<Headers> {
  const requestHeaders = new Headers(await headers());
  const jar = (await cookies()).getAll().filter((cookie) => cookie.value !== "");
  if (jar.length > 0 || requestHeaders.has("cookie")) {
    requestHeaders.set("cookie", jar.map((cookie) => `${cookie.name}=${encodeURIComponent(cookie.value)}`).join("; "));
  }
  return requestHeaders;
}

/** requireStaff with the sign-in state (the account pages). A pending step -> redirect to its page. */
export async function requireStaffSession(role: StaffRole = "front_desk", returnTo?: string, options: AccessOptions = {}): Promise<StaffSession> {
  const access = await checkStaffAccess(await currentRequestHeaders(), role, options);
  if (access.ok) return access.session;
  if (access.reason === "anonymous") {
    redirect(returnTo ? `${SIGN_IN_PATH}?returnTo=${encodeURIComponent(returnTo)}` : SIGN_IN_PATH);
  }
  if (access.reason === "pending") redirect(PENDING_STEP_PATH[access.step]);
  forbiddenInterrupt();
}

/** For route handlers (the route wrapper's `auth`): the staff member, or UnauthenticatedError / ForbiddenError. */
export async function requireStaffApi(request: Request, role: StaffRole = "front_desk"): Promise<StaffUser> {
  const access = await checkStaffAccess(request.headers, role);
  if (access.ok) return access.user;
  if (access.reason === "pending") throw new ForbiddenError(PENDING_STEP_MESSAGE[access.step], access.step);
  throw access.reason === "anonymous" ? new UnauthenticatedError() : new ForbiddenError();
}
