import "server-only";

import { parseSetCookieHeader, toCookieOptions } from "better-auth/cookies";
import { cookies } from "next/headers";

/**
 * Passes Better Auth's Set-Cookie lines on to the browser from a server action (next/headers
 * cookies()). Used explicitly wherever a call replaces the session (sign-in, the second factor,
 * a password change, two-factor enrolment), so the new cookie never depends on a plugin's hook.
 */
export async function passOnAuthCookies(setCookies: readonly string[]): Promise<void> {
  const jar = await cookies();
  for (const line of setCookies) {
    parseSetCookieHeader(line).forEach((value, name) => {
      if (name) jar.set(name, value.value, toCookieOptions(value));
    });
  }
}
