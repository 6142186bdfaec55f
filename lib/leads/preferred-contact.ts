/**
 * How a patient would like the clinic to reach them. Here, apart from the zod schemas in
 * lead-input.ts, so the consultation form can draw its choices without loading zod and the
 * phone-number library before the patient starts typing.
 */
export const PREFERRED_CONTACT = ["phone", "email", "sms"] as const;
export type PreferredContact = (typeof PREFERRED_CONTACT)[number];
