import { z } from "zod";

import { leadContactSchema } from "./lead-input";

/**
 * A staff correction of a patient's contact details (issue 22 item 6): name, phone and e-mail
 * validated by the questionnaire's own contact schema (lib/leads/lead-input.ts: the same messages,
 * the phone normalised to E.164, the e-mail lower-cased), plus the inquiry and the version the form
 * was shown with. Client-safe.
 */
export const CORRECTABLE_CONTACT_FIELDS = ["firstName", "lastName", "phone", "email"] as const;
export type CorrectableContactField = (typeof CORRECTABLE_CONTACT_FIELDS)[number];

export const CONTACT_FIELD_LABELS: Readonly<Record<CorrectableContactField, string>> = {
  firstName: "First name",
  lastName: "Last name",
  phone: "Phone",
  email: "E-mail",
};

export const contactCorrectionSchema = leadContactSchema.pick({ firstName: true, lastName: true, email: true, phone: true }).extend({
  leadId: z.string({ error: "The inquiry id is missing." }).trim().min(1, { error: "The inquiry id is missing." }).max(64),
  version: z.coerce.number({ error: "The version must be a whole number." }).int().min(1),
});
export type ContactCorrectionInput = z.infer<typeof contactCorrectionSchema>;

export const CONTACT_CORRECTION_MESSAGES = {
  unchanged: "Nothing to correct: these are the details already on the inquiry.",
} as const;
