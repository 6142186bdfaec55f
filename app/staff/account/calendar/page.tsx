import type { Metadata } from "next";

import { regenerateCalendarFeedAction, revokeCalendarFeedAction } from "@/app/staff/account/actions";
import { signOutAction } from "@/app/staff/sign-in/actions";
import { CalendarFeedPanel } from "@/components/staff/CalendarFeedPanel";
import { StaffShell } from "@/components/staff/StaffShell";
import { CALENDAR_FEED_PATH, calendarFeedOf } from "@/lib/booking/calendar-feed";
import { getClinicProfile } from "@/lib/clinic/store";
import { getDb } from "@/lib/db/client";
import { requireStaff } from "@/lib/staff/require-staff";

export const metadata: Metadata = { title: "Calendar feed · staff", robots: { index: false } };

export default async function CalendarFeedPage() {
  const user = await requireStaff("front_desk", CALENDAR_FEED_PATH);
  const db = getDb();
  const [feed, consultant, profile] = await Promise.all([
    calendarFeedOf(db, user.id),
    db.consultant.findUnique({ where: { userId: user.id }, select: { id: true } }),
    getClinicProfile(db),
  ]);
  const since = feed
    ? new Intl.DateTimeFormat("en-US", { timeZone: profile.timeZone, dateStyle: "medium", timeStyle: "short" }).format(feed.createdAt).replace(/[\u202f\u00a0]/g, " ")
    : null;
  return (
    <StaffShell user={user} current="account" signOut={signOutAction}>
      <h1>Calendar feed</h1>
      <CalendarFeedPanel since={since} consultant={consultant !== null} regenerateAction={regenerateCalendarFeedAction} revokeAction={revokeCalendarFeedAction} />
      <p>
        <a href="/staff/account/two-factor">Two-factor sign-in</a> · <a href="/staff/account/password">Change your password</a> ·{" "}
        <a href="/staff/account/notifications">Notifications</a>
      </p>
    </StaffShell>
  );
}
