import type { Metadata } from "next";

import { changeOwnPasswordAction } from "@/app/staff/account/actions";
import { signOutAction } from "@/app/staff/sign-in/actions";
import { ChangePasswordForm } from "@/components/staff/AccountForms";
import { StaffShell } from "@/components/staff/StaffShell";
import styles from "@/components/staff/staff.module.css";
import { loadChangePasswordPage, type SearchParams } from "@/lib/workspace/page-loaders";

export const metadata: Metadata = { title: "Your password · staff", robots: { index: false } };

export default async function ChangePasswordPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user, pending, changed } = await loadChangePasswordPage(await searchParams);
  return (
    <StaffShell user={user} current="account" nav={pending === null} signOut={signOutAction}>
      <h1>Your password</h1>
      {changed && pending === null ? (
        <div className={styles.panel} role="status">
          <p>Your password is changed. Other devices where you were signed in are signed out.</p>
          <p>
            <a className={styles.button} href="/staff">
              Continue
            </a>
          </p>
        </div>
      ) : (
        <>
          {pending === "change_password" ? (
            <p className={styles.warning} role="note">
              The clinic admin gave you a temporary password. Choose your own password before you continue.
            </p>
          ) : null}
          <ChangePasswordForm action={changeOwnPasswordAction} />
        </>
      )}
      <p>
        <a href="/staff/account/two-factor">Two-factor sign-in</a>
      </p>
    </StaffShell>
  );
}
