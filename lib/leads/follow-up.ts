import "server-only";

import type { BusinessCalendar } from "@/lib/clinic/hours";
import { getClinicProfile } from "@/lib/clinic/store";
import { addLocalDays, instantAt, type LocalDate, localDateOf, rollOverLocalDate, weekdayOf } from "@/lib/clinic/time";
import type { Db } from "@/lib/db/client";
import { InvalidError } from "@/lib/errors";
import { formatClinicDateTime } from "@/lib/workspace/format";
import {
  FOLLOW_UP_CHOICE_LABELS,
  FOLLOW_UP_PAST_GRACE_MS,
  FOLLOW_UP_PAST_MESSAGE,
  type FollowUpChoice,
  type FollowUpForm,
} from "@/lib/leads/lead-patch";

/**
 * Follow-ups as instants chosen in the clinic's time zone (issue 22 item 4, decision 025). The
 * quick choices and the date + time fields of the inquiry page are turned into ONE instant here,
 * on the clinic's calendar (lib/clinic/time.ts: local dates walked by date, wall times by the
 * clinic's zone, DST-safe), so the server process's own TZ never matters.
 */

/** The wall time a follow-up "in the morning" of a date is set to when the clinic is closed that day. */
export const FOLLOW_UP_DEFAULT_TIME = "09:00";
/** "In 2 hours". */
const IN_TWO_HOURS_MS = 2 * 60 * 60_000;
/** How far "next business day" looks ahead for an open day (then: tomorrow morning). */
const BUSINESS_DAY_HORIZON = 60;

/** The opening time of `date` (its weekday's hours), or 09:00 when the clinic is closed that day. */
export function morningOf(calendar: BusinessCalendar, date: LocalDate): string {
  if (calendar.closedDates.includes(date)) return FOLLOW_UP_DEFAULT_TIME;
  return calendar.openingHours[weekdayOf(date)]?.open ?? FOLLOW_UP_DEFAULT_TIME;
}

/** The next date after `date` on which the clinic is open (its weekday has hours, not a closed date). */
function nextOpenDate(calendar: BusinessCalendar, date: LocalDate): LocalDate | null {
  let d = date;
  for (let i = 0; i < BUSINESS_DAY_HORIZON; i++) {
    d = addLocalDays(d, 1);
    if (!calendar.closedDates.includes(d) && calendar.openingHours[weekdayOf(d)]) return d;
  }
  return null;
}

/** The instant of each quick choice at `now` (minute precision). */
export function quickFollowUpInstants(calendar: BusinessCalendar, now: Date): Record<Exclude<FollowUpChoice, "date" | "clear">, Date> {
  const today = localDateOf(now, calendar.timeZone);
  const at = (date: LocalDate) => instantAt(date, morningOf(calendar, date), calendar.timeZone);
  const tomorrow = addLocalDays(today, 1);
  const weekLater = addLocalDays(today, 7);
  return {
    in_2_hours: new Date(Math.ceil((now.getTime() + IN_TWO_HOURS_MS) / 60_000) * 60_000),
    tomorrow: at(tomorrow),
    next_business_day: at(nextOpenDate(calendar, today) ?? tomorrow),
    in_a_week: at(weekLater),
  };
}

/** "Tue, Dec 8, 2026, 5:30 PM PST": a follow-up as staff read it, in the clinic's zone with the zone named (one home: lib/workspace/format.ts). */
export const formatFollowUpTime = formatClinicDateTime;

export interface FollowUpChoiceView {
  choice: FollowUpChoice;
  /** "Tomorrow morning", and when that is: "Wed, Dec 9, 2026, 9:00 AM PST". */
  label: string;
  when: string | null;
}

/** What the inquiry page offers: each choice with the time it stands for right now, and today's date. */
export function followUpChoicesView(calendar: BusinessCalendar, now: Date): { choices: FollowUpChoiceView[]; today: LocalDate; timeZone: string } {
  const quick = quickFollowUpInstants(calendar, now);
  const choices: FollowUpChoiceView[] = (Object.keys(FOLLOW_UP_CHOICE_LABELS) as FollowUpChoice[]).map((choice) => ({
    choice,
    label: FOLLOW_UP_CHOICE_LABELS[choice],
    when: choice in quick ? formatFollowUpTime(quick[choice as keyof typeof quick], calendar.timeZone) : null,
  }));
  return { choices, today: localDateOf(now, calendar.timeZone), timeZone: calendar.timeZone };
}

/**
 * The instant of the inquiry page's follow-up form, or null for "No follow-up". A date and time in
 * the past (more than a minute ago) is refused unless the form says the staff member confirmed it
 * (the front desk nearly always means a future call; a past one is a typo of the date or of AM/PM).
 */
export function followUpInstant(input: Pick<FollowUpForm, "choice" | "date" | "time" | "confirmPast">, calendar: BusinessCalendar, now: Date = new Date()): Date | null {
  if (input.choice === "clear") return null;
  if (input.choice !== "date") return quickFollowUpInstants(calendar, now)[input.choice];
  const date = rollOverLocalDate(input.date ?? "");
  const at = instantAt(date, input.time || morningOf(calendar, date), calendar.timeZone);
  if (at.getTime() < now.getTime() - FOLLOW_UP_PAST_GRACE_MS && !input.confirmPast) {
    throw new InvalidError(FOLLOW_UP_PAST_MESSAGE, { confirmPast: FOLLOW_UP_PAST_MESSAGE }, "follow_up_in_past");
  }
  return at;
}

/** The clinic's business calendar (cached profile read). */
export async function clinicCalendar(db: Db): Promise<BusinessCalendar> {
  const profile = await getClinicProfile(db);
  return { timeZone: profile.timeZone, openingHours: profile.openingHours, closedDates: profile.closedDates };
}

/**
 * PATCH followUpAt: an ISO date-time is that instant (as always); a date alone ("2026-12-09",
 * accepted since issue 22) is that clinic date at its opening time, or 09:00 when closed that day.
 */
export async function followUpAtOfPatch(db: Db, value: string): Promise<Date> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(value);
  const calendar = await clinicCalendar(db);
  const date = rollOverLocalDate(value);
  return instantAt(date, morningOf(calendar, date), calendar.timeZone);
}
