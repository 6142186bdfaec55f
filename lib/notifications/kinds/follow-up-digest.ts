import "server-only";

import { z } from "zod";

import { addLocalDays, clinicMidnight, type LocalDate } from "@/lib/clinic/time";
import type { Db } from "@/lib/db/client";
import { clinicCalendar } from "@/lib/leads/follow-up";
import { defineNotificationKind, drop, escapeHtml, send, staffLeadUrl, type KindEmail } from "@/lib/notifications/kind";
import { formatClinicDateTime } from "@/lib/workspace/format";

/**
 * The morning list (issue 22 item 4, decision 025): at 08:00 clinic time on each day the clinic is
 * open, each staff member gets ONE e-mail listing the follow-ups assigned to them that are due by the
 * end of that clinic day (overdue ones included, as the inbox's "due today / overdue"). Queued by
 * lib/notifications/follow-up-digest.ts with the dedupe key `follow_up_digest:<userId>:<date>`:
 * the outbox's unique (dedupeKey, channel) refuses a second one for the same person and day, across
 * app instances and restarts. Off per person on /staff/account/notifications (NotificationOptOut).
 *
 * Right before sending, the check re-reads the list (a follow-up done since 08:00 is not listed) and
 * drops the message when the person was deactivated, turned it off, has nothing due, or the day is over.
 * Content: first name and reference per inquiry (what staff e-mails already carry), the time it is
 * due in the clinic's zone, and the link; never a last name, contact detail, answer, result or note.
 */

export const FOLLOW_UP_DIGEST = "follow_up_digest";

export const followUpDigestPayloadSchema = z.object({
  userId: z.string().catch(""),
  /** The clinic date it lists ("YYYY-MM-DD"). */
  date: z.string().catch(""),
});
export type FollowUpDigestPayload = z.output<typeof followUpDigestPayloadSchema>;

export interface FollowUpDigestItem {
  leadId: string;
  firstName: string;
  reference: string | null;
  at: Date;
}

export interface FollowUpDigestContext {
  to: string;
  name: string;
  date: string;
  timeZone: string;
  /** The end of the clinic day (exclusive): items due before `dayStart` are overdue. */
  dayStart: Date;
  items: FollowUpDigestItem[];
}

/** Open inquiries (not merged) assigned to `userId` with a follow-up due before the end of clinic date `date`, oldest due first. */
export async function followUpsDueBy(
  db: Db,
  userId: string,
  date: LocalDate,
): Promise<{ items: FollowUpDigestItem[]; dayStart: Date; dayEnd: Date; timeZone: string }> {
  const { timeZone } = await clinicCalendar(db);
  const dayStart = clinicMidnight(date, timeZone);
  const dayEnd = clinicMidnight(addLocalDays(date, 1), timeZone);
  const rows = await db.lead.findMany({
    where: { assigneeId: userId, mergedIntoId: null, followUpAt: { not: null, lt: dayEnd } },
    select: { id: true, firstName: true, reference: true, followUpAt: true },
    orderBy: [{ followUpAt: "asc" }, { id: "asc" }],
    take: 200,
  });
  const items = rows.flatMap((r) => (r.followUpAt ? [{ leadId: r.id, firstName: r.firstName, reference: r.reference, at: r.followUpAt }] : []));
  return { items, dayStart, dayEnd, timeZone };
}

/** "Tuesday, December 8": the clinic date in words (noon UTC of it is that date in every zone's calendar reading here). */
function dateWords(date: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "long", month: "long", day: "numeric" }).format(new Date(`${date}T12:00:00Z`));
}

export function followUpDigestEmail(appUrl: string, context: FollowUpDigestContext): KindEmail {
  const base = appUrl.replace(/\/+$/, "");
  const inbox = `${base}/staff?due=today&assignee=me`;
  const day = dateWords(context.date);
  const n = context.items.length;
  const lines = context.items.map((item) => {
    const who = item.reference ? `${item.firstName} (${item.reference})` : item.firstName;
    const overdue = item.at < context.dayStart ? " - overdue" : "";
    return { who, when: `${formatClinicDateTime(item.at, context.timeZone)}${overdue}`, url: staffLeadUrl(base, item.leadId) };
  });
  const text = [
    `Good morning ${context.name},`,
    "",
    `${n === 1 ? "One follow-up is" : `${n} follow-ups are`} due for you today, ${day}:`,
    "",
    ...lines.map((l) => `- ${l.when}: ${l.who}\n  ${l.url}`),
    "",
    `Your follow-ups in the inbox (sign-in required): ${inbox}`,
    "",
    "You get this list on mornings the clinic is open. Turn it off under Your account > Notifications.",
  ].join("\n");
  const html =
    `<p>Good morning ${escapeHtml(context.name)},</p>` +
    `<p>${n === 1 ? "One follow-up is" : `${n} follow-ups are`} due for you today, ${escapeHtml(day)}:</p>` +
    `<ul>${lines.map((l) => `<li>${escapeHtml(l.when)}: <a href="${escapeHtml(l.url)}">${escapeHtml(l.who)}</a></li>`).join("")}</ul>` +
    `<p><a href="${escapeHtml(inbox)}">Your follow-ups in the inbox</a> (sign-in required).</p>` +
    `<p>You get this list on mornings the clinic is open. Turn it off under Your account &gt; Notifications.</p>`;
  return { subject: `Your follow-ups today, ${day}: ${n}`, text, html };
}

export const followUpDigest = defineNotificationKind({
  id: FOLLOW_UP_DIGEST,
  payload: followUpDigestPayloadSchema,
  channels: ["email"],
  onDuplicate: "keep",
  staffOptOut: {
    label: "Morning list of my follow-ups",
    hint: "At 08:00 clinic time on days the clinic is open: the follow-ups assigned to you that are due that day or overdue.",
  },
  check: async (db, message, now) => {
    const { userId, date } = message.payload;
    const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, name: true, deactivatedAt: true } });
    if (!user || user.deactivatedAt) return drop("the staff account is gone or deactivated");
    const optedOut = await db.notificationOptOut.findUnique({ where: { userId_kind: { userId, kind: FOLLOW_UP_DIGEST } } });
    if (optedOut) return drop("the staff member turned the morning list off");
    const due = await followUpsDueBy(db, userId, date);
    if (now >= due.dayEnd) return drop("that clinic day is over");
    if (due.items.length === 0) return drop("nothing is due any more");
    return send<FollowUpDigestContext>({ to: user.email, name: user.name, date, timeZone: due.timeZone, dayStart: due.dayStart, items: due.items });
  },
  email: ({ context, appUrl }) => ({ to: [context.to], ...followUpDigestEmail(appUrl, context) }),
});
