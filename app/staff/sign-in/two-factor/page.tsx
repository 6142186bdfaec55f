import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";

import { twoFactorSignInAction } from "@/app/staff/sign-in/actions";
import { TwoFactorSignInForm } from "@/components/staff/AccountForms";
import styles from "@/components/staff/staff.module.css";
import { getStaffUser, SIGN_IN_PATH } from "@/lib/staff/require-staff";

export const metadata: Metadata = { title: "Staff sign-in: code", robots: { index: false } };

/** The second step of a sign-in with two-factor; only while the first step's signed cookie is there. */
export default async function TwoFactorSignInPage({ searchParams }: { searchParams: Promise<{ returnTo?: string | string[] }> }) {
  const { returnTo } = await searchParams;
  const target = typeof returnTo === "string" && returnTo.startsWith("/staff") ? returnTo : "/staff";
  if (await getStaffUser(await headers())) redirect(target);
  const pending = (await cookies()).getAll().some((cookie) => cookie.name.endsWith("smp-staff.two_factor"));
  if (!pending) redirect(`${SIGN_IN_PATH}?returnTo=${encodeURIComponent(target)}`);
  return (
    <main id="main" className={styles.signIn}>
      <h1>Enter your code</h1>
      <p>Open your authenticator app and enter the 6-digit code it shows for SMP estimator staff.</p>
      <TwoFactorSignInForm action={twoFactorSignInAction} returnTo={target} />
    </main>
  );
}
