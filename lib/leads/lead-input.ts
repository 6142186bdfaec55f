import { parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";

import { candidacyAnswersSchema } from "@/lib/candidacy/answers";
import { LOCALES } from "@/lib/i18n/locales";
import { multiLineText, singleLineText } from "@/lib/validation/text";

import { formatCount } from "@/lib/i18n/numbers";
import { LEAD_LIMITS } from "./lead-limits";
import { PREFERRED_CONTACT } from "./preferred-contact";

/**
 * The inquiry (lead) input: ONE schema per shape, shared by the questionnaire form (client) and
 * `POST /api/v1/leads` (server). Client-safe: only zod, libphonenumber-js (min metadata) and the
 * client-safe answers schema are imported here. Everything is strict: unknown fields are rejected.
 */

export { PREFERRED_CONTACT, type PreferredContact } from "./preferred-contact";

/** Default country for numbers typed without a country code (the clinic is in the US). */
export const DEFAULT_PHONE_COUNTRY = "US";

export { LEAD_LIMITS };

/** Patient-facing validation messages; exported so the UI and tests refer to one wording. */
export const LEAD_MESSAGES = {
  firstNameMissing: "Please enter your first name.",
  lastNameMissing: "Please enter your last name.",
  nameTooLong: `Please keep this to ${formatCount(LEAD_LIMITS.nameMax, "en")} characters or fewer.`,
  emailInvalid: "Please enter a valid email address, e.g. name@example.com.",
  phoneMissing: "Please enter your phone number.",
  phoneInvalid:
    "Please enter a valid phone number, including the area code (e.g. (212) 555-0123); numbers outside the US need their country code (e.g. +34 …).",
  preferredContact: "Please choose how you would like us to contact you.",
  notesTooLong: `Please keep your notes to ${formatCount(LEAD_LIMITS.notesMax, "en")} characters or fewer.`,
  contactConsentRequired: "Please agree to be contacted by the clinic so we can follow up on your inquiry.",
  privacyConsentRequired: "Please accept the privacy notice to send your inquiry.",
  consentTextVersion: "The consent text version is missing.",
  unknownField: "This field is not part of the form.",
  notAnObject: "This must be sent as one JSON object.",
  text: "Please enter text.",
  tooLong: "This value is too long.",
  idempotencyKey: "The idempotency key must be a UUID.",
  locale: `The locale must be ${LOCALES.map((l) => `"${l}"`).join(" or ")}.`,
} as const;

const objectError = (issue: { code: string }) =>
  issue.code === "unrecognized_keys"
    ? LEAD_MESSAGES.unknownField
    : issue.code === "invalid_type"
      ? LEAD_MESSAGES.notAnObject
      : undefined;

const nameSchema = (missing: string) =>
  singleLineText({ error: missing })
    .trim()
    .min(1, { error: missing })
    .max(LEAD_LIMITS.nameMax, { error: LEAD_MESSAGES.nameTooLong });

/**
 * Validates a phone number (default country US) and normalises it to E.164 ("+12125550123").
 * Exported so the form can show the normalised number back to the patient.
 */
export function normalizePhone(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input, { defaultCountry: DEFAULT_PHONE_COUNTRY });
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

export const phoneSchema = singleLineText({ error: LEAD_MESSAGES.phoneMissing })
  .trim()
  .min(1, { error: LEAD_MESSAGES.phoneMissing })
  .max(LEAD_LIMITS.phoneMax, { error: LEAD_MESSAGES.phoneInvalid })
  .transform((value, ctx) => {
    const e164 = normalizePhone(value);
    if (e164 === null) {
      ctx.addIssue({ code: "custom", message: LEAD_MESSAGES.phoneInvalid, input: value });
      return z.NEVER;
    }
    return e164;
  });

export const emailSchema = singleLineText({ error: LEAD_MESSAGES.emailInvalid })
  .trim()
  .toLowerCase()
  .max(LEAD_LIMITS.emailMax, { error: LEAD_MESSAGES.emailInvalid })
  .pipe(z.email({ error: LEAD_MESSAGES.emailInvalid }));

export const leadContactSchema = z.strictObject(
  {
    firstName: nameSchema(LEAD_MESSAGES.firstNameMissing),
    lastName: nameSchema(LEAD_MESSAGES.lastNameMissing),
    email: emailSchema,
    phone: phoneSchema,
    preferredContact: z.enum(PREFERRED_CONTACT, { error: LEAD_MESSAGES.preferredContact }),
    notes: multiLineText({ error: LEAD_MESSAGES.text })
      .trim()
      .max(LEAD_LIMITS.notesMax, { error: LEAD_MESSAGES.notesTooLong })
      .optional(),
  },
  { error: objectError },
);

export const leadConsentSchema = z.strictObject(
  {
    contactAccepted: z.literal(true, { error: LEAD_MESSAGES.contactConsentRequired }),
    privacyAccepted: z.literal(true, { error: LEAD_MESSAGES.privacyConsentRequired }),
    textVersion: singleLineText({ error: LEAD_MESSAGES.consentTextVersion })
      .trim()
      .min(1, { error: LEAD_MESSAGES.consentTextVersion })
      .max(LEAD_LIMITS.consentTextVersionMax, { error: LEAD_MESSAGES.tooLong }),
  },
  { error: objectError },
);

const sourceField = (max: number) =>
  singleLineText({ error: LEAD_MESSAGES.text }).trim().max(max, { error: LEAD_MESSAGES.tooLong }).optional();

export const leadSourceSchema = z.strictObject(
  {
    utmSource: sourceField(LEAD_LIMITS.sourceFieldMax),
    utmMedium: sourceField(LEAD_LIMITS.sourceFieldMax),
    utmCampaign: sourceField(LEAD_LIMITS.sourceFieldMax),
    referrer: sourceField(LEAD_LIMITS.referrerMax),
  },
  { error: objectError },
);

/** The body of `POST /api/v1/leads`. */
export const createLeadSchema = z.strictObject(
  {
    answers: candidacyAnswersSchema,
    contact: leadContactSchema,
    consent: leadConsentSchema,
    source: leadSourceSchema.optional(),
    idempotencyKey: z.uuid({ error: LEAD_MESSAGES.idempotencyKey }),
    /** Honeypot: a field hidden from people; bots fill it. Never shown, never stored. */
    website: singleLineText({ error: LEAD_MESSAGES.text }).max(LEAD_LIMITS.honeypotMax, { error: LEAD_MESSAGES.tooLong }).optional(),
    locale: z.enum(LOCALES, { error: LEAD_MESSAGES.locale }).optional(),
  },
  { error: objectError },
);

export type LeadContact = z.infer<typeof leadContactSchema>;
export type LeadContactInput = z.input<typeof leadContactSchema>;
export type LeadConsent = z.infer<typeof leadConsentSchema>;
export type LeadConsentInput = z.input<typeof leadConsentSchema>;
export type LeadSource = z.infer<typeof leadSourceSchema>;
export type CreateLeadInput = z.infer<typeof createLeadSchema>;
export type CreateLeadBody = z.input<typeof createLeadSchema>;
