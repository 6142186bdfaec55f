import "server-only";

import { addLocalDays, clinicMidnight, instantAt, localDateOf, type LocalDate, weekdayOf } from "@/lib/clinic/time";
import type { Db } from "@/lib/db/client";
import { clinicCalendar } from "@/lib/leads/follow-up";
import { logger } from "@/lib/log/logger";
import type { NotificationChannel } from "@/lib/notifications/config";
import { enqueueNotification } from "@/lib/notifications/enqueue";
import { FOLLOW_UP_DIGEST } from "@/lib/notifications/kinds/follow-up-digest";

/**
 * When and to whom the morning list of follow-ups goes (the kind: lib/notifications/kinds/follow-up-digest.ts).
 * The outbox worker runs `queueFollowUpDigests` with its escalation scan. From FOLLOW_UP_DIGEST_TIME
 * (08:00 clinic time) until FOLLOW_UP_DIGEST_UNTIL (12:00: a worker down at 08:00 still sends when it
 * comes back that morning, never a "morning" list in the afternoon), on a day the clinic is open
 * (opening hours that weekday, not a closed date), each active staff member who has not turned it off
 * and has at least one follow-up due by the end of the clinic day gets one message queued, with the
 * dedupe key `follow_up_digest:<userId>:<date>`: the database's unique (dedupeKey, channel) refuses
 * a second one for that person and day, whatever the number of runs, instances or restarts.
 */

export const FOLLOW_UP_DIGEST_TIME = "08:00";
export const FOLLOW_UP_DIGEST_UNTIL = "12:00";

export function followUpDigestKey(userId: string, date: LocalDate): string {
  return `${FOLLOW_UP_DIGEST}:${userId}:${date}`;
}

export interface DigestRunReport {
  /** The clinic date considered, or null when it is not digest time (closed day, outside the window). */
  date: LocalDate | null;
  /** Messages queued by this run (a person already queued for the day adds none). */
  queued: number;
}

export async function queueFollowUpDigests(db: Db, options: { channels: readonly NotificationChannel[]; now?: Date }): Promise<DigestRunReport> {
  const now = options.now ?? new Date();
  if (!options.channels.includes("email")) return { date: null, queued: 0 };
  const calendar = await clinicCalendar(db);
  const date = localDateOf(now, calendar.timeZone);
  const open = calendar.openingHours[weekdayOf(date)] !== null && !calendar.closedDates.includes(date);
  const from = instantAt(date, FOLLOW_UP_DIGEST_TIME, calendar.timeZone);
  const until = instantAt(date, FOLLOW_UP_DIGEST_UNTIL, calendar.timeZone);
  if (!open || now < from || now >= until) return { date: null, queued: 0 };

  const dayEnd = clinicMidnight(addLocalDays(date, 1), calendar.timeZone);
  // Who has something due today: one grouped read (the Lead_followUpAt_id_idx range, few rows).
  const due = await db.lead.groupBy({
    by: ["assigneeId"],
    where: { assigneeId: { not: null }, mergedIntoId: null, followUpAt: { not: null, lt: dayEnd } },
  });
  const ids = due.flatMap((g) => (g.assigneeId ? [g.assigneeId] : []));
  if (ids.length === 0) return { date, queued: 0 };
  const people = await db.user.findMany({
    where: { id: { in: ids }, deactivatedAt: null, notificationOptOuts: { none: { kind: FOLLOW_UP_DIGEST } } },
    select: { id: true },
  });
  let queued = 0;
  for (const person of people) {
    const { ids: written } = await enqueueNotification(db, FOLLOW_UP_DIGEST, { userId: person.id, date }, { dedupeKey: followUpDigestKey(person.id, date), channels: ["email"], now });
    queued += written.length;
  }
  if (queued > 0) logger.info({ op: "follow_up_digest", date, queued }, "morning follow-up lists queued");
  return { date, queued };
}
