import "server-only";

import { headers } from "next/headers";
import { forbidden as forbiddenInterrupt, redirect } from "next/navigation";

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

/** The signed-in staff member for these request headers (session cookie), or null. */
export async function getStaffUser(requestHeaders: Headers): Promise<StaffUser | null> {
  const session = await getStaffAuth().api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const { id, name, email, role } = session.user;
  // A user row with an unknown role (manual edit) has no access at all.
  if (!isStaffRole(role)) return null;
  return { id, name, email, role };
}

export type StaffAccess = { ok: true; user: StaffUser } | { ok: false; reason: "anonymous" | "forbidden" };

/** The decision alone (no redirect, no throw): shared by pages, actions and route handlers. */
export async function checkStaffAccess(requestHeaders: Headers, role: StaffRole = "front_desk"): Promise<StaffAccess> {
  const user = await getStaffUser(requestHeaders);
  if (!user) return { ok: false, reason: "anonymous" };
  if (!roleAllows(user.role, role)) return { ok: false, reason: "forbidden" };
  return { ok: true, user };
}

/**
 * For pages and server actions: the signed-in staff member with at least `role`.
 * Anonymous -> redirect to the sign-in page (coming back to `returnTo` afterwards);
 * signed in without the role -> Next's forbidden(): HTTP 403 with app/staff/forbidden.tsx
 * (needs `experimental.authInterrupts` in next.config.js).
 */
export async function requireStaff(role: StaffRole = "front_desk", returnTo?: string): Promise<StaffUser> {
  const access = await checkStaffAccess(await headers(), role);
  if (access.ok) return access.user;
  if (access.reason === "anonymous") {
    redirect(returnTo ? `${SIGN_IN_PATH}?returnTo=${encodeURIComponent(returnTo)}` : SIGN_IN_PATH);
  }
  forbiddenInterrupt();
}

/** For route handlers (the route wrapper's `auth`): the staff member, or UnauthenticatedError / ForbiddenError. */
export async function requireStaffApi(request: Request, role: StaffRole = "front_desk"): Promise<StaffUser> {
  const access = await checkStaffAccess(request.headers, role);
  if (access.ok) return access.user;
  throw access.reason === "anonymous" ? new UnauthenticatedError() : new ForbiddenError();
}
