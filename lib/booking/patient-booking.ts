import "server-only";

import { CONSULTATION_TYPES, type ConsultationStatus, type ConsultationType } from "@/lib/booking/schemas";
import { selfServiceOpen } from "@/lib/booking/consultations";
import { getConsultationSettings } from "@/lib/booking/settings";
import { lastBookableDate } from "@/lib/booking/slots";
import type { BookingConfig, PatientBookingState } from "@/lib/booking/patient-booking-view";
import { clinicContactOf } from "@/lib/clinic/contact";
import { getClinicProfile } from "@/lib/clinic/store";
import { localDateOf } from "@/lib/clinic/time";
import type { Db } from "@/lib/db/client";
import { WEEKDAYS, type Weekday } from "@/lib/clinic/schemas";
import { requireAccess } from "@/lib/patient-access/patient-view";

/**
 * What the patient's booking panel starts from (components/booking/BookingPanel.tsx): the clinic's
 * enabled consultation types, time zone, booking window and self-service cut-off (lib/booking's own
 * settings and rules, read here, decided there), and the inquiry's booked consultation and call-back
 * preference. The panel then talks to the patient API; nothing here changes anything.
 */

export async function bookingConfigOf(db: Db, now: Date = new Date()): Promise<BookingConfig> {
  const [profile, settings] = await Promise.all([getClinicProfile(db), getConsultationSettings(db)]);
  const contact = clinicContactOf(profile, "en");
  return {
    timeZone: profile.timeZone,
    types: CONSULTATION_TYPES.filter((type) => settings.types[type].enabled).map((type) => ({ type, lengthMinutes: settings.types[type].lengthMinutes })),
    cutoffMinutes: settings.selfServiceCutoffMinutes,
    today: localDateOf(now, profile.timeZone),
    lastDate: lastBookableDate(now, { timeZone: profile.timeZone, bookingWindowDays: settings.bookingWindowDays }),
    clinicPhone: contact.phone,
    clinicPhoneDisplay: contact.phoneDisplay,
  };
}

/** The panel's starting state for the inquiry a link opens (NotFoundError when it opens nothing). */
export async function patientBookingOf(db: Db, token: string, now: Date = new Date()): Promise<PatientBookingState> {
  const leadId = await requireAccess(db, token, now);
  return patientBookingOfLead(db, leadId, now);
}

export async function patientBookingOfLead(db: Db, leadId: string, now: Date = new Date()): Promise<PatientBookingState> {
  const [config, settings, row, callback] = await Promise.all([
    bookingConfigOf(db, now),
    getConsultationSettings(db),
    db.consultation.findFirst({ where: { leadId, status: "booked" } }),
    db.callbackPreference.findUnique({ where: { leadId } }),
  ]);
  return {
    config,
    consultation: row
      ? {
          id: row.id,
          type: row.type as ConsultationType,
          start: row.startsAt.toISOString(),
          end: row.endsAt.toISOString(),
          status: row.status as ConsultationStatus,
          version: row.version,
          changeableOnline: selfServiceOpen(row.startsAt, settings, now),
        }
      : null,
    callback: callback ? { preferredTimes: callback.preferredTimes, days: weekdaysOf(callback.days) } : null,
  };
}

function weekdaysOf(value: unknown): Weekday[] {
  return Array.isArray(value) ? WEEKDAYS.filter((d) => value.includes(d)) : [];
}
