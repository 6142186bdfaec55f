/**
 * Staff accounts and signed-in request headers for integration tests: users are created with the
 * application's own `createStaffUser` and signed in through Better Auth's `auth.api`, so a test uses
 * a real session cookie exactly as a browser would.
 */
import { randomBytes } from "node:crypto";

import type { Db } from "@/lib/db/client";
import { staffAuthFor } from "@/lib/staff/auth";
import type { StaffRole } from "@/lib/staff/roles";
import { createStaffUser } from "@/lib/staff/users";

export const TEST_PASSWORD = "correct horse battery staple";

export interface SignedInStaff {
  id: string;
  email: string;
  role: StaffRole;
  /** Request headers carrying the session cookie. */
  headers: Headers;
  cookie: string;
}

/** "name=value" pairs of the Set-Cookie lines, joined as a Cookie request header. */
export function cookieHeaderFrom(setCookies: string[]): string {
  return setCookies.map((line) => line.split(";")[0] ?? "").filter((pair) => pair !== "").join("; ");
}

export async function signIn(db: Db, email: string, password: string = TEST_PASSWORD): Promise<string> {
  const { headers } = await staffAuthFor(db).api.signInEmail({
    body: { email, password },
    returnHeaders: true,
  });
  const cookie = cookieHeaderFrom(headers.getSetCookie());
  if (!cookie) throw new Error(`Signing in ${email} returned no session cookie`);
  return cookie;
}

export async function createSignedInStaff(db: Db, role: StaffRole, label: string = role): Promise<SignedInStaff> {
  const email = `${label}.${randomBytes(4).toString("hex")}@test.clinic`;
  const user = await createStaffUser(db, { email, password: TEST_PASSWORD, role, name: `Test ${label}` });
  const cookie = await signIn(db, email);
  return { id: user.id, email, role, headers: new Headers({ cookie }), cookie };
}

/** Headers of an anonymous request. */
export function anonymousHeaders(): Headers {
  return new Headers();
}
