"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { CALENDAR_FEED_PATH, calendarFeedActionSchema, regenerateCalendarFeed, revokeCalendarFeed } from "@/lib/booking/calendar-feed";
import { getDb } from "@/lib/db/client";
import {
  changeOwnPassword,
  changePasswordSchema,
  confirmTwoFactorEnrolment,
  confirmTwoFactorSchema,
  disableOwnTwoFactor,
  disableTwoFactorSchema,
  regenerateBackupCodes,
  regenerateBackupCodesSchema,
  startTwoFactorEnrolment,
  startTwoFactorSchema,
} from "@/lib/staff/account";
import {
  NOTIFICATION_PREFERENCES_PATH,
  notificationPreferencesFromForm,
  notificationPreferencesSchema,
  saveNotificationPreferences,
} from "@/lib/notifications/preferences";
import { CHANGE_PASSWORD_PATH, TWO_FACTOR_PATH } from "@/lib/staff/require-staff";
import { staffAction } from "@/lib/workspace/staff-action";

/**
 * The signed-in person's own account (any role, also while a forced step is pending: `allowPending`):
 * password and two-factor sign-in. Each is `staffAction(config, fn)`; audited in lib/staff/account.ts.
 */

export const changeOwnPasswordAction = staffAction(
  {
    name: "changeOwnPassword",
    role: "front_desk",
    schema: changePasswordSchema,
    returnTo: CHANGE_PASSWORD_PATH,
    allowPending: true,
    invalidMessage: "The password was not changed.",
  },
  async ({ user, input, headers }) => {
    await changeOwnPassword(getDb(), headers, user, input);
    redirect(`${CHANGE_PASSWORD_PATH}?changed=1`);
  },
);

export const startTwoFactorAction = staffAction(
  { name: "startTwoFactor", role: "front_desk", schema: startTwoFactorSchema, returnTo: TWO_FACTOR_PATH, allowPending: true },
  async ({ input, headers }) => {
    const enrolment = await startTwoFactorEnrolment(getDb(), headers, input.password);
    return {
      status: "ok",
      message: "Scan the QR code with your authenticator app, then enter the code it shows.",
      data: { secret: enrolment.secret, qrSvg: enrolment.qrSvg },
    };
  },
);

export const confirmTwoFactorAction = staffAction(
  { name: "confirmTwoFactor", role: "front_desk", schema: confirmTwoFactorSchema, returnTo: TWO_FACTOR_PATH, allowPending: true },
  async ({ user, input, headers }) => {
    const backupCodes = await confirmTwoFactorEnrolment(getDb(), headers, user, input.totpCode);
    revalidatePath(TWO_FACTOR_PATH);
    return {
      status: "ok",
      message: "Two-factor sign-in is on. From now on, sign-in asks for a code from your app.",
      data: { backupCodes },
    };
  },
);

export const disableTwoFactorAction = staffAction(
  { name: "disableTwoFactor", role: "front_desk", schema: disableTwoFactorSchema, returnTo: TWO_FACTOR_PATH, allowPending: true },
  async ({ user, input, headers }) => {
    await disableOwnTwoFactor(getDb(), headers, user, input.password);
    revalidatePath(TWO_FACTOR_PATH);
    return "Two-factor sign-in is off. Sign-in asks for your password only.";
  },
);

export const regenerateBackupCodesAction = staffAction(
  { name: "regenerateBackupCodes", role: "front_desk", schema: regenerateBackupCodesSchema, returnTo: TWO_FACTOR_PATH, allowPending: true },
  async ({ user, input, headers }) => {
    const backupCodes = await regenerateBackupCodes(getDb(), headers, user, input.password);
    revalidatePath(TWO_FACTOR_PATH);
    return {
      status: "ok",
      message: "New backup codes are ready. Your old backup codes no longer work.",
      data: { backupCodes },
    };
  },
);

/** The signed-in person's own calendar feed (issue 20 item 6): a new secret URL (shown once) or none. */
export const regenerateCalendarFeedAction = staffAction(
  { name: "regenerateCalendarFeed", role: "front_desk", schema: calendarFeedActionSchema, returnTo: CALENDAR_FEED_PATH },
  async ({ user }) => {
    const { url } = await regenerateCalendarFeed(getDb(), user.id);
    revalidatePath(CALENDAR_FEED_PATH);
    return {
      status: "ok",
      message: "Your new feed URL is ready. Any earlier URL no longer works.",
      data: { url },
    };
  },
);

export const revokeCalendarFeedAction = staffAction(
  { name: "revokeCalendarFeed", role: "front_desk", schema: calendarFeedActionSchema, returnTo: CALENDAR_FEED_PATH },
  async ({ user }) => {
    const had = await revokeCalendarFeed(getDb(), user.id);
    revalidatePath(CALENDAR_FEED_PATH);
    return had ? "Your calendar feed is off. Calendars subscribed to it stop updating." : "You had no calendar feed.";
  },
);

/** The signed-in person's own notification preferences (/staff/account/notifications): which e-mails to them are on. */
export const saveNotificationPreferencesAction = staffAction(
  {
    name: "saveNotificationPreferences",
    role: "front_desk",
    schema: notificationPreferencesSchema,
    fromForm: notificationPreferencesFromForm,
    returnTo: NOTIFICATION_PREFERENCES_PATH,
  },
  async ({ user, input }) => {
    const changed = await saveNotificationPreferences(getDb(), user.id, input);
    revalidatePath(NOTIFICATION_PREFERENCES_PATH);
    return changed > 0 ? "Notification settings saved." : "Nothing changed.";
  },
);
