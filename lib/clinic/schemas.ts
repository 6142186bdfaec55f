import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import { z } from "zod";

import { callCadenceSchema } from "./call-cadence";
import { WEEKDAYS, type Weekday } from "./weekdays";

/**
 * The clinic's shapes: ONE zod schema each, shared by the admin form (/staff/clinic) and the server
 * (lib/clinic/store.ts). Client-safe: only zod and libphonenumber-js. Strict: unknown keys are rejected.
 *
 * - openingHoursSchema: per weekday { open: "HH:MM", close: "HH:MM" } or null (closed);
 * - clinicProfileSchema: what an admin edits about the clinic (phone normalised to E.164, and the
 *   optional "Who will treat you" text shown to patients on the landing page and their result);
 * - clinicSettingsSchema: the workspace settings (reply target, auto-assignment, retention, 2FA, call cadence).
 */

export { WEEKDAYS, type Weekday } from "./weekdays";

export const WEEKDAY_LABELS: Readonly<Record<Weekday, string>> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

export const AUTO_ASSIGN_MODES = ["off", "round_robin", "least_open"] as const;
export type AutoAssignMode = (typeof AUTO_ASSIGN_MODES)[number];

export const CLINIC_LIMITS = {
  nameMax: 120,
  emailMax: 254,
  phoneMax: 40,
  addressLineMax: 200,
  cityMax: 100,
  regionMax: 100,
  postalCodeMax: 20,
  /** ISO 3166-1 alpha-2. */
  countryLength: 2,
  timeZoneMax: 64,
  closedDatesMax: 400,
  replyPromiseMax: 120,
  /** "Who will treat you": a short paragraph, per language. */
  whoTreatsYouMax: 600,
  replyTargetMinutesMin: 1,
  /** Five business days of eight hours. */
  replyTargetMinutesMax: 2400,
  retentionMonthsMin: 1,
  retentionMonthsMax: 240,
} as const;

/** Staff-facing validation messages; exported so the form and the tests refer to one wording. */
export const CLINIC_MESSAGES = {
  nameMissing: "Enter the clinic's name.",
  nameTooLong: `Keep the name to ${CLINIC_LIMITS.nameMax} characters or fewer.`,
  phoneMissing: "Enter the clinic's phone number.",
  phoneInvalid:
    "Enter a valid phone number with its area code, e.g. (714) 555-0100; a number in another country needs its country code (e.g. +34 …).",
  emailInvalid: "Enter a valid email address, e.g. hello@yourclinic.com.",
  addressLine1Missing: "Enter the street address.",
  cityMissing: "Enter the city.",
  regionMissing: "Enter the state or region.",
  postalCodeMissing: "Enter the postal code.",
  countryInvalid: "Enter the country as a two-letter ISO code, e.g. US.",
  tooLong: "This value is too long.",
  timeZoneInvalid: "Unknown time zone: use an IANA name such as America/Los_Angeles or Europe/Madrid.",
  timeInvalid: "Enter a time as HH:MM in 24-hour format, e.g. 09:00 or 17:30.",
  closeBeforeOpen: "The closing time must be after the opening time.",
  closedDateInvalid: "Enter dates as YYYY-MM-DD, e.g. 2026-12-25 (a real calendar date).",
  closedDatesTooMany: `Keep the list to ${CLINIC_LIMITS.closedDatesMax} dates or fewer.`,
  replyPromiseMissing: "Enter the reply-time promise, e.g. “within one business day”.",
  replyPromiseTooLong: `Keep the promise to ${CLINIC_LIMITS.replyPromiseMax} characters or fewer.`,
  whoTreatsYouTooLong: `Keep this text to ${CLINIC_LIMITS.whoTreatsYouMax} characters or fewer.`,
  whoTreatsYouOneLanguage: "Write this text in both English and Spanish, or leave both empty.",
  replyTargetInvalid: `Enter a whole number of business minutes from ${CLINIC_LIMITS.replyTargetMinutesMin} to ${CLINIC_LIMITS.replyTargetMinutesMax}.`,
  autoAssignInvalid: "Choose off, round robin or least open inquiries.",
  retentionInvalid: `Enter a whole number of months from ${CLINIC_LIMITS.retentionMonthsMin} to ${CLINIC_LIMITS.retentionMonthsMax}, or leave it empty to keep inquiries.`,
  booleanInvalid: "Choose yes or no.",
  unknownField: "This field is not part of the form.",
  notAnObject: "This must be one object.",
} as const;

const objectError = (issue: { code: string }) =>
  issue.code === "unrecognized_keys"
    ? CLINIC_MESSAGES.unknownField
    : issue.code === "invalid_type"
      ? CLINIC_MESSAGES.notAnObject
      : undefined;

const requiredText = (max: number, missing: string, tooLong: string = CLINIC_MESSAGES.tooLong) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, { error: missing })
    .max(max, { error: tooLong });

// --- time zone ------------------------------------------------------------------------------------

const IANA_NAME = /^(?:UTC|[A-Za-z][A-Za-z_-]*(?:\/[A-Za-z0-9][A-Za-z0-9_+-]*){1,2})$/;

/**
 * True for an IANA time zone name the runtime knows (e.g. "America/Los_Angeles", "UTC"). Offsets
 * such as "+01:00" are refused: they ignore daylight saving time.
 */
export function isValidTimeZone(value: string): boolean {
  if (!IANA_NAME.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string({ error: CLINIC_MESSAGES.timeZoneInvalid })
  .trim()
  .max(CLINIC_LIMITS.timeZoneMax, { error: CLINIC_MESSAGES.timeZoneInvalid })
  .refine(isValidTimeZone, { error: CLINIC_MESSAGES.timeZoneInvalid });

// --- opening hours --------------------------------------------------------------------------------

/** "HH:MM", 00:00-23:59; a closing time may also be "24:00" (open until midnight). */
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const CLOSE_TIME = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** Minutes after local midnight of "HH:MM" (0-1440). */
export function minutesOfTime(value: string): number {
  const [h, m] = value.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

const openTimeSchema = z
  .string({ error: CLINIC_MESSAGES.timeInvalid })
  .trim()
  .regex(TIME, { error: CLINIC_MESSAGES.timeInvalid });
const closeTimeSchema = z
  .string({ error: CLINIC_MESSAGES.timeInvalid })
  .trim()
  .regex(CLOSE_TIME, { error: CLINIC_MESSAGES.timeInvalid });

export const dayHoursSchema = z
  .strictObject({ open: openTimeSchema, close: closeTimeSchema }, { error: objectError })
  // Only when both times are valid (a bad time has its own message).
  .refine((d) => !TIME.test(d.open) || !CLOSE_TIME.test(d.close) || minutesOfTime(d.close) > minutesOfTime(d.open), {
    error: CLINIC_MESSAGES.closeBeforeOpen,
    path: ["close"],
  });
export type DayHours = z.output<typeof dayHoursSchema>;

export const openingHoursSchema = z.strictObject(
  Object.fromEntries(WEEKDAYS.map((day) => [day, dayHoursSchema.nullable()])) as Record<
    Weekday,
    z.ZodNullable<typeof dayHoursSchema>
  >,
  { error: objectError },
);
/** Per weekday the opening interval in the clinic's time zone, or null when closed all day. */
export type OpeningHours = z.output<typeof openingHoursSchema>;

// --- closed dates ---------------------------------------------------------------------------------

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Holidays and other closed days (local dates of the clinic), de-duplicated and sorted. */
export const closedDatesSchema = z
  .array(
    z
      .string({ error: CLINIC_MESSAGES.closedDateInvalid })
      .trim()
      .refine(isCalendarDate, { error: CLINIC_MESSAGES.closedDateInvalid }),
    { error: CLINIC_MESSAGES.closedDateInvalid },
  )
  .max(CLINIC_LIMITS.closedDatesMax, { error: CLINIC_MESSAGES.closedDatesTooMany })
  .transform((dates) => [...new Set(dates)].sort());

// --- profile --------------------------------------------------------------------------------------

const countrySchema = z
  .string({ error: CLINIC_MESSAGES.countryInvalid })
  .trim()
  .transform((v) => v.toUpperCase())
  .refine((v) => v.length === CLINIC_LIMITS.countryLength && /^[A-Z]+$/.test(v) && isSupportedCountry(v), { error: CLINIC_MESSAGES.countryInvalid });

const optionalLine = z
  .string({ error: CLINIC_MESSAGES.tooLong })
  .trim()
  .max(CLINIC_LIMITS.addressLineMax, { error: CLINIC_MESSAGES.tooLong })
  .nullish()
  .transform((v) => (v ? v : null));

export const clinicAddressSchema = z.strictObject(
  {
    line1: requiredText(CLINIC_LIMITS.addressLineMax, CLINIC_MESSAGES.addressLine1Missing),
    line2: optionalLine,
    city: requiredText(CLINIC_LIMITS.cityMax, CLINIC_MESSAGES.cityMissing),
    region: requiredText(CLINIC_LIMITS.regionMax, CLINIC_MESSAGES.regionMissing),
    postalCode: requiredText(CLINIC_LIMITS.postalCodeMax, CLINIC_MESSAGES.postalCodeMissing),
    country: countrySchema,
  },
  { error: objectError },
);
export type ClinicAddress = z.output<typeof clinicAddressSchema>;

/**
 * The phone as E.164 ("+17145550100"), or null when it is not a valid number. A number typed
 * without a country code is read as a number of `country` (the clinic's country).
 */
export function toE164(input: string, country: string): string | null {
  const defaultCountry = isSupportedCountry(country) ? (country as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(input, defaultCountry ? { defaultCountry } : {});
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

const whoTreatsYouText = z
  .string({ error: CLINIC_MESSAGES.tooLong })
  .trim()
  .max(CLINIC_LIMITS.whoTreatsYouMax, { error: CLINIC_MESSAGES.whoTreatsYouTooLong });

/**
 * The clinic's own words on who treats patients (issue 19: the clinic page's main point is that a
 * physician leads every procedure). Optional; in both languages or in neither, so a Spanish
 * speaker never misses what an English speaker reads. Omitted on a save: the stored text stays.
 */
export const whoTreatsYouSchema = z
  .strictObject({ en: whoTreatsYouText, es: whoTreatsYouText }, { error: objectError })
  .superRefine((text, ctx) => {
    if ((text.en === "") === (text.es === "")) return;
    const missing = text.en === "" ? "en" : "es";
    ctx.addIssue({ code: "custom", path: [missing], message: CLINIC_MESSAGES.whoTreatsYouOneLanguage, input: text[missing] });
  });
export type WhoTreatsYou = z.output<typeof whoTreatsYouSchema>;

export const clinicProfileSchema = z
  .strictObject(
    {
      name: requiredText(CLINIC_LIMITS.nameMax, CLINIC_MESSAGES.nameMissing, CLINIC_MESSAGES.nameTooLong),
      phone: requiredText(CLINIC_LIMITS.phoneMax, CLINIC_MESSAGES.phoneMissing, CLINIC_MESSAGES.phoneInvalid),
      email: z
        .string({ error: CLINIC_MESSAGES.emailInvalid })
        .trim()
        .max(CLINIC_LIMITS.emailMax, { error: CLINIC_MESSAGES.emailInvalid })
        .pipe(z.email({ error: CLINIC_MESSAGES.emailInvalid }))
        .transform((v) => v.toLowerCase()),
      address: clinicAddressSchema,
      timeZone: timeZoneSchema,
      openingHours: openingHoursSchema,
      closedDates: closedDatesSchema,
      replyPromise: z.strictObject(
        {
          en: requiredText(CLINIC_LIMITS.replyPromiseMax, CLINIC_MESSAGES.replyPromiseMissing, CLINIC_MESSAGES.replyPromiseTooLong),
          es: requiredText(CLINIC_LIMITS.replyPromiseMax, CLINIC_MESSAGES.replyPromiseMissing, CLINIC_MESSAGES.replyPromiseTooLong),
        },
        { error: objectError },
      ),
      whoTreatsYou: whoTreatsYouSchema.optional(),
    },
    { error: objectError },
  )
  // Runs even when other fields are invalid (`when`), so every wrong field is named at once; the
  // phone is read in the clinic's country (a number without +country code).
  .refine((profile) => phoneInCountry(profile) !== null, {
    path: ["phone"],
    error: CLINIC_MESSAGES.phoneInvalid,
    when: (payload) => {
      const raw = payload.value as { phone?: unknown } | null;
      return typeof raw === "object" && raw !== null && typeof raw.phone === "string" && raw.phone.trim() !== "" &&
        !payload.issues.some((i) => i.path?.[0] === "phone");
    },
  })
  .transform((profile) => ({ ...profile, phone: phoneInCountry(profile) ?? profile.phone }));

function phoneInCountry(profile: { phone?: unknown; address?: unknown }): string | null {
  const country = (profile.address as { country?: unknown } | undefined)?.country;
  if (typeof profile.phone !== "string") return null;
  return toE164(profile.phone, typeof country === "string" ? country.trim().toUpperCase() : "");
}
/** What an admin may send (phone in any readable format). */
export type ClinicProfileFormInput = z.input<typeof clinicProfileSchema>;
/** A valid profile (phone in E.164, e-mail lower-cased, closed dates sorted). */
export type ClinicProfileInput = z.output<typeof clinicProfileSchema>;

// --- settings -------------------------------------------------------------------------------------

export const clinicSettingsSchema = z.strictObject(
  {
    replyTargetMinutes: z
      .number({ error: CLINIC_MESSAGES.replyTargetInvalid })
      .int({ error: CLINIC_MESSAGES.replyTargetInvalid })
      .min(CLINIC_LIMITS.replyTargetMinutesMin, { error: CLINIC_MESSAGES.replyTargetInvalid })
      .max(CLINIC_LIMITS.replyTargetMinutesMax, { error: CLINIC_MESSAGES.replyTargetInvalid }),
    autoAssign: z.enum(AUTO_ASSIGN_MODES, { error: CLINIC_MESSAGES.autoAssignInvalid }),
    retentionMonths: z
      .number({ error: CLINIC_MESSAGES.retentionInvalid })
      .int({ error: CLINIC_MESSAGES.retentionInvalid })
      .min(CLINIC_LIMITS.retentionMonthsMin, { error: CLINIC_MESSAGES.retentionInvalid })
      .max(CLINIC_LIMITS.retentionMonthsMax, { error: CLINIC_MESSAGES.retentionInvalid })
      .nullable(),
    requireTwoFactorForAdmins: z.boolean({ error: CLINIC_MESSAGES.booleanInvalid }),
    /** When to try again after an unanswered call (lib/clinic/call-cadence.ts), e.g. "3h,1d,2d". */
    callCadence: callCadenceSchema,
  },
  { error: objectError },
);
export type ClinicSettingsInput = z.output<typeof clinicSettingsSchema>;
