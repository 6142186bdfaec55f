import { z } from "zod";

import { BOOKING_LIMITS, BOOKING_MESSAGES } from "@/lib/booking/booking-messages";
import { isCalendarDate, openingHoursSchema, WEEKDAYS } from "@/lib/clinic/schemas";
import { LOCALES } from "@/lib/i18n/locales";

/**
 * Consultation booking's shapes: ONE zod schema each, shared by the admin form (the consultation
 * settings page), the API routes and the server (lib/booking/). Client-safe: zod only. Strict:
 * unknown keys are rejected. Decision 022.
 */

export const CONSULTATION_TYPES = ["in_person", "video", "phone"] as const;
export type ConsultationType = (typeof CONSULTATION_TYPES)[number];

export const CONSULTATION_STATUSES = ["booked", "cancelled", "attended", "no_show"] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

/** Who made the booking. */
export const BOOKED_BY = ["patient", "staff", "system"] as const;
export type BookedBy = (typeof BOOKED_BY)[number];

/** The calendar key of the clinic's single calendar (no consultant named). */
export const CLINIC_CALENDAR = "clinic";

export { BOOKING_LIMITS, BOOKING_MESSAGES } from "@/lib/booking/booking-messages";

const minutes = (min: number, max: number) =>
  z
    .number({ error: BOOKING_MESSAGES.wholeMinutes(min, max) })
    .int({ error: BOOKING_MESSAGES.wholeMinutes(min, max) })
    .min(min, { error: BOOKING_MESSAGES.wholeMinutes(min, max) })
    .max(max, { error: BOOKING_MESSAGES.wholeMinutes(min, max) });

/** One consultation type's settings. */
export const consultationTypeSettingsSchema = z.strictObject({
  enabled: z.boolean(),
  lengthMinutes: minutes(BOOKING_LIMITS.lengthMinutesMin, BOOKING_LIMITS.lengthMinutesMax),
  bufferBeforeMinutes: minutes(0, BOOKING_LIMITS.bufferMinutesMax),
  bufferAfterMinutes: minutes(0, BOOKING_LIMITS.bufferMinutesMax),
});
export type ConsultationTypeSettings = z.output<typeof consultationTypeSettingsSchema>;

/** What an admin edits about consultations (one row, lib/booking/settings.ts). */
export const consultationSettingsSchema = z
  .strictObject({
    types: z.strictObject({
      in_person: consultationTypeSettingsSchema,
      video: consultationTypeSettingsSchema,
      phone: consultationTypeSettingsSchema,
    }),
    minNoticeMinutes: minutes(0, BOOKING_LIMITS.minNoticeMinutesMax),
    bookingWindowDays: z
      .number({ error: BOOKING_MESSAGES.wholeDays(BOOKING_LIMITS.bookingWindowDaysMin, BOOKING_LIMITS.bookingWindowDaysMax) })
      .int({ error: BOOKING_MESSAGES.wholeDays(BOOKING_LIMITS.bookingWindowDaysMin, BOOKING_LIMITS.bookingWindowDaysMax) })
      .min(BOOKING_LIMITS.bookingWindowDaysMin, { error: BOOKING_MESSAGES.wholeDays(BOOKING_LIMITS.bookingWindowDaysMin, BOOKING_LIMITS.bookingWindowDaysMax) })
      .max(BOOKING_LIMITS.bookingWindowDaysMax, { error: BOOKING_MESSAGES.wholeDays(BOOKING_LIMITS.bookingWindowDaysMin, BOOKING_LIMITS.bookingWindowDaysMax) }),
    slotStepMinutes: minutes(BOOKING_LIMITS.slotStepMinutesMin, BOOKING_LIMITS.slotStepMinutesMax),
    selfServiceCutoffMinutes: minutes(0, BOOKING_LIMITS.cutoffMinutesMax),
    reminderLeadMinutes: minutes(BOOKING_LIMITS.reminderLeadMinutesMin, BOOKING_LIMITS.reminderLeadMinutesMax),
  })
  .refine((s) => CONSULTATION_TYPES.some((t) => s.types[t].enabled), { error: BOOKING_MESSAGES.noTypeEnabled, path: ["types"] });
export type ConsultationSettingsInput = z.output<typeof consultationSettingsSchema>;

/** The settings a fresh install has (the same figures as the SQL defaults of migration 20261207224500). */
export const DEFAULT_CONSULTATION_SETTINGS: ConsultationSettingsInput = {
  types: {
    in_person: { enabled: true, lengthMinutes: 30, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 },
    video: { enabled: false, lengthMinutes: 30, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 },
    phone: { enabled: false, lengthMinutes: 15, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 },
  },
  minNoticeMinutes: 120,
  bookingWindowDays: 60,
  slotStepMinutes: 30,
  selfServiceCutoffMinutes: 1440,
  reminderLeadMinutes: 1440,
};

export const consultationTypeSchema = z.enum(CONSULTATION_TYPES, { error: BOOKING_MESSAGES.typeInvalid });

const localDateSchema = z.string({ error: BOOKING_MESSAGES.dateInvalid }).refine(isCalendarDate, { error: BOOKING_MESSAGES.dateInvalid });

/** Days from `from` to `to`, both included (UTC arithmetic on calendar dates: no zone involved). */
function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** `GET /api/v1/booking/slots` query. */
export const slotsQuerySchema = z
  .strictObject({
    type: consultationTypeSchema,
    from: localDateSchema,
    to: localDateSchema,
    // The patient's booking panel names its language (route.ts reads ?locale= for the messages);
    // a strict query without it refused every request of the panel ("We could not load the free times").
    locale: z.enum(LOCALES).optional().describe("Language of the answer's messages."),
  })
  .refine((q) => !isCalendarDate(q.from) || !isCalendarDate(q.to) || q.to >= q.from, { error: BOOKING_MESSAGES.rangeBackwards, path: ["to"] })
  .refine((q) => !isCalendarDate(q.from) || !isCalendarDate(q.to) || daysInclusive(q.from, q.to) <= BOOKING_LIMITS.slotsDaysMax, {
    error: BOOKING_MESSAGES.rangeTooLong,
    path: ["to"],
  });
export type SlotsQuery = z.output<typeof slotsQuerySchema>;

/** An instant with its offset ("2026-12-08T09:00:00-08:00" or "...Z"). */
export const instantSchema = z.iso.datetime({ offset: true, error: BOOKING_MESSAGES.startInvalid }).transform((v) => new Date(v));

const versionSchema = z.number({ error: BOOKING_MESSAGES.versionInvalid }).int({ error: BOOKING_MESSAGES.versionInvalid }).min(1, { error: BOOKING_MESSAGES.versionInvalid });

/** The patient books: `POST /api/v1/my/{token}/consultation`. */
export const patientBookSchema = z.strictObject({ type: consultationTypeSchema, start: instantSchema });
/** The patient moves: `PATCH /api/v1/my/{token}/consultation`. */
export const patientMoveSchema = z.strictObject({ start: instantSchema, version: versionSchema });

/** Staff book for a phone-in: `POST /api/v1/leads/{id}/consultation`. */
export const staffBookSchema = z.strictObject({
  type: consultationTypeSchema,
  start: instantSchema,
  consultantId: z.string().min(1).max(64).optional(),
});

/** Staff change one: `PATCH /api/v1/consultations/{id}` (a move, a status, or another consultant). */
export const staffUpdateConsultationSchema = z
  .strictObject({
    version: versionSchema,
    start: instantSchema.optional(),
    status: z.enum(["attended", "no_show", "cancelled"], { error: BOOKING_MESSAGES.statusInvalid }).optional(),
    consultantId: z.string().min(1).max(64).optional(),
  })
  .refine((p) => !(p.status !== undefined && (p.start !== undefined || p.consultantId !== undefined)), {
    error: "Change the status on its own, or move the consultation; not both at once.",
    path: ["status"],
  })
  .refine((p) => p.status !== undefined || p.start !== undefined || p.consultantId !== undefined, {
    error: "Send a new start, a status or a consultant.",
    path: ["_root"],
  });

/** `GET /api/v1/consultations` query. */
export const consultationsQuerySchema = z.strictObject({
  from: localDateSchema,
  to: localDateSchema,
  consultantId: z.string().min(1).max(64).optional(),
  status: z.enum(CONSULTATION_STATUSES).optional(),
});

/** "None of these times suit me": `POST /api/v1/my/{token}/callback`. */
export const callbackPreferenceSchema = z.strictObject({
  preferredTimes: z
    .string({ error: BOOKING_MESSAGES.preferredTimesMissing })
    .trim()
    .min(1, { error: BOOKING_MESSAGES.preferredTimesMissing })
    .max(BOOKING_LIMITS.callbackPreferredTimesMax, { error: BOOKING_MESSAGES.preferredTimesTooLong }),
  days: z
    .array(z.enum(WEEKDAYS, { error: BOOKING_MESSAGES.dayInvalid }), { error: BOOKING_MESSAGES.dayInvalid })
    .max(WEEKDAYS.length)
    .transform((days) => WEEKDAYS.filter((d) => days.includes(d)))
    .optional(),
});
export type CallbackPreferenceInput = z.output<typeof callbackPreferenceSchema>;

/** A consultant's weekly hours (null: the clinic's opening hours) and whether they take consultations. */
export const consultantSchema = z.strictObject({
  active: z.boolean(),
  weeklyHours: openingHoursSchema.nullable(),
});

/** A consultant's time off [startsAt, endsAt). */
export const timeOffSchema = z
  .strictObject({ startsAt: instantSchema, endsAt: instantSchema, note: z.string().trim().max(200).nullish() })
  .refine((t) => t.endsAt.getTime() > t.startsAt.getTime(), { error: BOOKING_MESSAGES.timeOffBackwards, path: ["endsAt"] });
