/**
 * The ONE home of the clinic's default facts: the default time zone and the placeholder profile the
 * seed writes until an admin saves the real one (isPlaceholder = true), and the default settings.
 * Client-safe (no I/O). Read the live values with getClinicProfile / getClinicSettings
 * (lib/clinic/store.ts); these constants are only the fallback and the seed.
 */
import { DEFAULT_CALL_CADENCE } from "@/lib/clinic/call-cadence";
import type { ClinicProfileInput, ClinicSettingsInput, OpeningHours } from "@/lib/clinic/schemas";

/** IANA time zone of a clinic that has not set one (the clinic of the source page is in California). */
export const DEFAULT_CLINIC_TIME_ZONE = "America/Los_Angeles";

/** ISO 3166-1 alpha-2 country of a clinic that has not set one. */
export const DEFAULT_CLINIC_COUNTRY = "US";

/** Mon-Fri 09:00-17:00, closed at the weekend. */
export const DEFAULT_OPENING_HOURS: OpeningHours = {
  mon: { open: "09:00", close: "17:00" },
  tue: { open: "09:00", close: "17:00" },
  wed: { open: "09:00", close: "17:00" },
  thu: { open: "09:00", close: "17:00" },
  fri: { open: "09:00", close: "17:00" },
  sat: null,
  sun: null,
};

/**
 * PLACEHOLDER values, clearly marked as such, so nobody mistakes them for a real clinic's contact
 * details (555-01xx is the range reserved for fiction; example.com is reserved). Shown to patients
 * only until an admin saves the profile at /staff/clinic; staff pages warn while isPlaceholder.
 */
export const PLACEHOLDER_CLINIC_PROFILE: ClinicProfileInput = {
  name: "Your Clinic (placeholder)",
  phone: "+17145550100",
  email: "hello@example.com",
  address: {
    line1: "123 Example St (placeholder)",
    line2: null,
    city: "Anytown",
    region: "CA",
    postalCode: "92800",
    country: DEFAULT_CLINIC_COUNTRY,
  },
  timeZone: DEFAULT_CLINIC_TIME_ZONE,
  openingHours: DEFAULT_OPENING_HOURS,
  closedDates: [],
  replyPromise: {
    en: "within one business day",
    es: "en un día hábil",
  },
  // Nothing until the clinic writes it in its own words (/staff/clinic).
  whoTreatsYou: { en: "", es: "" },
};

export const DEFAULT_REPLY_TARGET_MINUTES = 15;

export const DEFAULT_CLINIC_SETTINGS: ClinicSettingsInput = {
  replyTargetMinutes: DEFAULT_REPLY_TARGET_MINUTES,
  autoAssign: "off",
  retentionMonths: null,
  requireTwoFactorForAdmins: false,
  callCadence: DEFAULT_CALL_CADENCE,
};
