import "server-only";

import { getClinicProfile, getClinicSettings } from "@/lib/clinic/store";
import type { Db } from "@/lib/db/client";
import type { ReplyClock } from "@/lib/leads/speed-to-lead";

/** The clinic's business calendar and reply-time target (cached reads of lib/clinic), at `now`. */
export async function replyClock(db: Db, now: Date = new Date()): Promise<ReplyClock> {
  const [profile, settings] = await Promise.all([getClinicProfile(db), getClinicSettings(db)]);
  return {
    calendar: { timeZone: profile.timeZone, openingHours: profile.openingHours, closedDates: profile.closedDates },
    replyTargetMinutes: settings.replyTargetMinutes,
    now,
  };
}
