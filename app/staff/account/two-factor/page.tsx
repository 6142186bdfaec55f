import type { Metadata } from "next";

import {
  confirmTwoFactorAction,
  disableTwoFactorAction,
  regenerateBackupCodesAction,
  startTwoFactorAction,
} from "@/app/staff/account/actions";
import { signOutAction } from "@/app/staff/sign-in/actions";
import { TwoFactorPanel } from "@/components/staff/AccountForms";
import { StaffShell } from "@/components/staff/StaffShell";
import styles from "@/components/staff/staff.module.css";
import { loadTwoFactorPage } from "@/lib/workspace/page-loaders";

export const metadata: Metadata = { title: "Two-factor sign-in · staff", robots: { index: false } };

export default async function TwoFactorPage() {
  const { user, pending, enabled, required, unusedBackupCodes } = await loadTwoFactorPage();
  return (
    <StaffShell user={user} current="account" nav={pending === null} signOut={signOutAction}>
      <h1>Two-factor sign-in</h1>
      {pending === "enrol_two_factor" ? (
        <p className={styles.warning} role="note">
          The clinic requires two-factor sign-in for admins. Set it up before you continue.
        </p>
      ) : null}
      <TwoFactorPanel
        enabled={enabled}
        required={required}
        unusedBackupCodes={unusedBackupCodes}
        startAction={startTwoFactorAction}
        confirmAction={confirmTwoFactorAction}
        disableAction={disableTwoFactorAction}
        regenerateAction={regenerateBackupCodesAction}
      />
      <p>
        <a href="/staff/account/password">Change your password</a> · <a href="/staff/account/calendar">Your consultations in your calendar</a> ·{" "}
        <a href="/staff/account/notifications">Notifications</a>
      </p>
    </StaffShell>
  );
}
