import type { LEAD_MESSAGES } from "@/lib/leads/lead-input";

// Same idea as answer-messages.ts, for the consultation form. Only types from lead-input here:
// it pulls in zod and the phone-number library, which load with consultation-validation.ts once
// the patient starts on the form. That module turns each message into its key; the form shows
// the translation under validation.lead.<key>.

export type LeadMessageKey = keyof typeof LEAD_MESSAGES | "generic";

/** Keys that exist in lib/i18n/messages under validation.lead (the rest are API-only). */
const LEAD_KEYS_SHOWN = new Set<string>([
  "firstNameMissing",
  "lastNameMissing",
  "nameTooLong",
  "emailInvalid",
  "phoneMissing",
  "phoneInvalid",
  "preferredContact",
  "notesTooLong",
  "contactConsentRequired",
  "privacyConsentRequired",
]);

/** The key if the page has words for it, else "generic" (never raw English on a Spanish page). */
export function shownLeadMessageKey(key: string | undefined): LeadMessageKey {
  return key !== undefined && LEAD_KEYS_SHOWN.has(key) ? (key as LeadMessageKey) : "generic";
}
