import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";

import { signInAction } from "@/app/staff/sign-in/actions";
import { SignInForm } from "@/components/staff/SignInForm";
import styles from "@/components/staff/staff.module.css";
import { getStaffUser } from "@/lib/staff/require-staff";

export const metadata: Metadata = { title: "Staff sign-in", robots: { index: false } };

export default async function StaffSignInPage({ searchParams }: { searchParams: Promise<{ returnTo?: string | string[] }> }) {
  const { returnTo } = await searchParams;
  const target = typeof returnTo === "string" && returnTo.startsWith("/staff") ? returnTo : "/staff";
  if (await getStaffUser(await headers())) redirect(target);
  return (
    <main id="main" className={styles.signIn}>
      <h1>Staff sign-in</h1>
      <SignInForm action={signInAction} returnTo={target} />
    </main>
  );
}
