"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";

import { getStaffAuth } from "@/lib/staff/auth";
import { passOnAuthCookies } from "@/lib/staff/auth-cookies";
import { SIGN_IN_PATH } from "@/lib/staff/require-staff";
import { completeTwoFactorSignIn, signInSchema, signInWithPassword, twoFactorSignInSchema } from "@/lib/staff/sign-in";
import { DEACTIVATED_MESSAGE } from "@/lib/staff/sign-in-messages";
import { staffAction } from "@/lib/workspace/staff-action";

/**
 * Signing in (password, then the two-factor step when the account has it) and out. Each form action
 * is `staffAction(config, fn)` (lib/workspace/staff-action.ts) with no role: there is no session yet.
 * Sign-out is a plain action: every staff page's frame (components/staff/StaffShell.tsx) is given it.
 */

/** Only paths inside the staff area: never an open redirect. */
function safeReturnTo(value: string | undefined): string {
  return value && /^\/staff(\/[\w\-./%?=&]*)?$/.test(value) && !value.startsWith("//") && !value.includes("..") ? value : "/staff";
}

const SIGN_IN_FAILURE_MESSAGES = {
  deactivated: DEACTIVATED_MESSAGE,
  unavailable: "Signing in is briefly unavailable. Please try again in a moment.",
  invalid_credentials: "The email or password is not right. Please try again.",
  invalid_code: "That code is not right. Enter the code your app shows now, or use a backup code.",
  expired: "This sign-in has expired or had too many wrong codes. Please sign in again with your password.",
  locked: "Too many wrong codes for this account: it is locked for 15 minutes. Ask the clinic admin if you lost your phone.",
} as const;

export const signInAction = staffAction(
  { name: "signIn", role: null, schema: signInSchema, invalidMessage: "Please fill in both fields." },
  async ({ input, headers: requestHeaders }) => {
    const outcome = await signInWithPassword(requestHeaders, input.email, input.password);
    if (!outcome.ok) {
      if (outcome.reason === "rate_limited") {
        return {
          status: "error",
          message: `Too many sign-in attempts. Please wait ${outcome.retryAfterSeconds ?? 60} seconds and try again.`,
        };
      }
      return { status: "error", message: SIGN_IN_FAILURE_MESSAGES[outcome.reason] };
    }
    await passOnAuthCookies(outcome.setCookies);
    const returnTo = safeReturnTo(input.returnTo);
    redirect(outcome.twoFactor ? `/staff/sign-in/two-factor?returnTo=${encodeURIComponent(returnTo)}` : returnTo);
  },
);

/** The second step of a sign-in with two-factor (the pending sign-in is the signed cookie the first step set). */
export const twoFactorSignInAction = staffAction(
  { name: "twoFactorSignIn", role: null, schema: twoFactorSignInSchema, invalidMessage: "Please enter a code." },
  async ({ input, headers: requestHeaders }) => {
    const outcome = await completeTwoFactorSignIn(requestHeaders, input);
    if (!outcome.ok) {
      if (outcome.reason === "rate_limited") {
        return { status: "error", message: `Too many attempts. Please wait ${outcome.retryAfterSeconds ?? 10} seconds and try again.` };
      }
      const field = input.method === "totp" ? "totpCode" : "backupCode";
      const message = SIGN_IN_FAILURE_MESSAGES[outcome.reason];
      return outcome.reason === "invalid_code" ? { status: "error", message, fields: { [field]: message } } : { status: "error", message };
    }
    await passOnAuthCookies(outcome.setCookies);
    redirect(safeReturnTo(input.returnTo));
  },
);

export async function signOutAction(): Promise<void> {
  try {
    await getStaffAuth().api.signOut({ headers: await headers() });
  } catch {
    // Already signed out: nothing to revoke.
  }
  redirect(SIGN_IN_PATH);
}
