import { LEAD_MESSAGES_ES } from "@/lib/i18n/api-messages";
import { LEAD_MESSAGES } from "@/lib/leads/lead-input";
import { keyOf } from "./answer-messages";

// Same idea as answer-messages.ts, for the consultation form. Kept apart because lead-input pulls
// in the phone-number library, which only the (lazily loaded) consultation form should download.
// The form asks the API in the page's language, so a 400's messages are English or Spanish.

export type LeadMessageKey = keyof typeof LEAD_MESSAGES | "generic";

/** Keys that exist in lib/i18n/messages under validation.lead (the rest are API-only). */
const LEAD_KEYS_SHOWN = new Set<LeadMessageKey>([
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

export function leadMessageKey(message: string | undefined): LeadMessageKey {
  const key = keyOf(LEAD_MESSAGES, message) ?? keyOf(LEAD_MESSAGES_ES, message);
  return key && LEAD_KEYS_SHOWN.has(key) ? key : "generic";
}
