import type { Metadata } from "next";

import { saveNotificationPreferencesAction } from "@/app/staff/account/actions";
import { signOutAction } from "@/app/staff/sign-in/actions";
import { NotificationPreferencesForm } from "@/components/staff/NotificationPreferencesForm";
import { StaffShell } from "@/components/staff/StaffShell";
import { getDb } from "@/lib/db/client";
import { NOTIFICATION_PREFERENCES_PATH, notificationPreferencesOf } from "@/lib/notifications/preferences";
import { requireStaff } from "@/lib/staff/require-staff";

export const metadata: Metadata = { title: "Notifications · staff", robots: { index: false } };

export default async function NotificationPreferencesPage() {
  const user = await requireStaff("front_desk", NOTIFICATION_PREFERENCES_PATH);
  const preferences = await notificationPreferencesOf(getDb(), user.id);
  return (
    <StaffShell user={user} current="account" signOut={signOutAction}>
      <h1>Notifications</h1>
      <p>
        E-mails go to {user.email}. The clinic&apos;s own alerts (new inquiries, replies overdue) go to the front desk&apos;s address and
        are not set here.
      </p>
      <NotificationPreferencesForm preferences={preferences} action={saveNotificationPreferencesAction} />
      <p>
        <a href="/staff/account/two-factor">Two-factor sign-in</a> · <a href="/staff/account/password">Change your password</a> ·{" "}
        <a href="/staff/account/calendar">Your consultations in your calendar</a>
      </p>
    </StaffShell>
  );
}
