import "server-only";

import type { AgendaView } from "@/lib/booking/agenda-views";
import { CONSULTANT_NAME, CONSULTATION_COLUMNS, type ConsultationColumns, consultantNameOf, type ConsultationView, consultationViewOf } from "@/lib/booking/consultation-view";
import type { BookingConfig } from "@/lib/booking/patient-booking-view";
import { bookingConfigOf } from "@/lib/booking/patient-booking";
import type { CandidacyStatus } from "@/lib/candidacy/result";
import { getClinicProfile } from "@/lib/clinic/store";
import { addLocalDays, localDateOf, localDatesRange, mondayOf, type LocalDate } from "@/lib/clinic/time";
import type { Db } from "@/lib/db/client";
import { WEEKDAYS, type Weekday } from "@/lib/clinic/schemas";

/**
 * What the staff screens show of consultations (issue 20): the inquiry page's consultation and the
 * agenda (a day or a week, all consultants or one); the inbox rows carry theirs in LeadSummary
 * (lib/leads/staff-inbox.ts). Reads only: every change goes through lib/booking/consultations.ts.
 */

export interface StaffConsultation extends ConsultationView {
  consultantName: string | null;
  /** The start has passed: attended / no-show may be marked (the server checks again). */
  started: boolean;
}

export interface ConsultantOption {
  id: string;
  name: string;
}

const consultationSelect = { ...CONSULTATION_COLUMNS, ...CONSULTANT_NAME } as const;

function staffConsultationOf(row: ConsultationColumns & { consultant: { user: { name: string } } | null }, now: Date): StaffConsultation {
  return { ...consultationViewOf(row), consultantName: consultantNameOf(row), started: now.getTime() >= row.startsAt.getTime() };
}

/** Staff accounts that take consultations (active consultant, active account); none: the clinic's one calendar. */
export async function listConsultantOptions(db: Db): Promise<ConsultantOption[]> {
  const rows = await db.consultant.findMany({
    where: { active: true, user: { deactivatedAt: null } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, user: { select: { name: true } } },
  });
  return rows.map((r) => ({ id: r.id, name: r.user.name }));
}

export interface LeadBooking {
  config: BookingConfig;
  /** The booked consultation, else the latest one (cancelled, attended, no-show), else null. */
  consultation: StaffConsultation | null;
  callback: { preferredTimes: string; days: Weekday[] } | null;
  consultants: ConsultantOption[];
}

/** The inquiry page's consultation panel. */
export async function leadBookingOf(db: Db, leadId: string, now: Date = new Date()): Promise<LeadBooking> {
  const [config, booked, latest, callback, consultants] = await Promise.all([
    bookingConfigOf(db, now),
    db.consultation.findFirst({ where: { leadId, status: "booked" }, select: consultationSelect }),
    db.consultation.findFirst({ where: { leadId }, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], select: consultationSelect }),
    db.callbackPreference.findUnique({ where: { leadId } }),
    listConsultantOptions(db),
  ]);
  const row = booked ?? latest;
  return {
    config,
    consultation: row ? staffConsultationOf(row, now) : null,
    callback: callback ? { preferredTimes: callback.preferredTimes, days: weekdaysOf(callback.days) } : null,
    consultants,
  };
}

function weekdaysOf(value: unknown): Weekday[] {
  return Array.isArray(value) ? WEEKDAYS.filter((d) => value.includes(d)) : [];
}

// --- the agenda -------------------------------------------------------------------------------------

export type { AgendaView } from "@/lib/booking/agenda-views";

export interface AgendaEntry extends StaffConsultation {
  lead: {
    id: string;
    name: string;
    reference: string | null;
    eligibility: CandidacyStatus;
    price: { minUsd: number; maxUsd: number; estimate: boolean };
  };
}

export interface Agenda {
  view: AgendaView;
  timeZone: string;
  /** The dates shown, in order (one for a day, Monday to Sunday for a week). */
  dates: LocalDate[];
  today: LocalDate;
  /** The consultant shown, or null for everyone. */
  consultantId: string | null;
  consultants: ConsultantOption[];
  /** Each date's consultations (booked, attended, no-show; not cancelled), by start. */
  byDate: Record<LocalDate, AgendaEntry[]>;
  previous: LocalDate;
  next: LocalDate;
}

/** The agenda of a day or a week (Monday first) around `date`, for one consultant ("clinic": the clinic's own calendar) or all. */
export async function loadAgenda(
  db: Db,
  query: { view: AgendaView; date?: LocalDate; consultantId?: string | null },
  now: Date = new Date(),
): Promise<Agenda> {
  const profile = await getClinicProfile(db);
  const today = localDateOf(now, profile.timeZone);
  const anchor = query.date ?? today;
  const first = query.view === "week" ? mondayOf(anchor) : anchor;
  const days = query.view === "week" ? 7 : 1;
  const dates = Array.from({ length: days }, (_, i) => addLocalDays(first, i));
  const last = dates[dates.length - 1]!;
  const range = localDatesRange(first, last, profile.timeZone);
  const consultantId = query.consultantId ?? null;
  const [rows, consultants] = await Promise.all([
    db.consultation.findMany({
      where: {
        startsAt: { gte: range.gte, lt: range.lt },
        status: { not: "cancelled" },
        ...(consultantId === null ? {} : { calendarKey: consultantId }),
      },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      select: {
        ...consultationSelect,
        lead: {
          select: { id: true, firstName: true, lastName: true, reference: true, eligibility: true, priceMinUsd: true, priceMaxUsd: true, priceEstimate: true },
        },
      },
    }),
    listConsultantOptions(db),
  ]);
  const byDate: Record<LocalDate, AgendaEntry[]> = Object.fromEntries(dates.map((d) => [d, [] as AgendaEntry[]]));
  for (const row of rows) {
    const date = localDateOf(row.startsAt, profile.timeZone);
    byDate[date]?.push({
      ...staffConsultationOf(row, now),
      lead: {
        id: row.lead.id,
        name: `${row.lead.firstName} ${row.lead.lastName}`.trim(),
        reference: row.lead.reference,
        eligibility: row.lead.eligibility as CandidacyStatus,
        price: { minUsd: row.lead.priceMinUsd, maxUsd: row.lead.priceMaxUsd, estimate: row.lead.priceEstimate },
      },
    });
  }
  return {
    view: query.view,
    timeZone: profile.timeZone,
    dates,
    today,
    consultantId,
    consultants,
    byDate,
    previous: addLocalDays(first, -days),
    next: addLocalDays(first, days),
  };
}
