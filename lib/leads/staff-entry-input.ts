import { z } from "zod";

import { candidacyAnswersSchema } from "@/lib/candidacy/answers";
import { LOCALES } from "@/lib/i18n/locales";

import { leadContactSchema } from "./lead-input";

/**
 * An inquiry entered by staff for a patient on the phone or at the desk (issue 22 item 6): the SAME
 * answers and contact schemas as the questionnaire and POST /api/v1/leads (lib/candidacy/answers.ts,
 * lib/leads/lead-input.ts), the channel, and the staff member's confirmation that the patient agreed,
 * out loud, to be contacted and to the privacy notice. Client-safe (the form reads the labels too).
 */

/** Where an inquiry's consent came from: the patient's own ticks online, or said to a staff member. */
export const CONSENT_METHODS = ["online", "verbal"] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** How the patient reached the clinic; stored as the inquiry's source (utmSource), so reports by source count them. */
export const STAFF_ENTRY_SOURCES = ["phone", "walk-in"] as const;
export type StaffEntrySource = (typeof STAFF_ENTRY_SOURCES)[number];

export const STAFF_ENTRY_SOURCE_LABELS: Readonly<Record<StaffEntrySource, string>> = { phone: "Phone call", "walk-in": "Walk-in at the desk" };

/** utmMedium of a staff-entered inquiry: tells them apart from a campaign that happens to be called "phone". */
export const STAFF_ENTRY_MEDIUM = "front-desk";

export const STAFF_ENTRY_MESSAGES = {
  source: "Choose how the patient got in touch: phone call or walk-in.",
  consent: "Confirm that the patient agreed out loud to be contacted and to the privacy notice. Without it, the inquiry cannot be stored.",
  idempotencyKey: "The form is missing its key: reload the page and enter the inquiry again.",
  locale: "Choose the patient's language.",
} as const;

export const staffEntrySchema = z.strictObject({
  answers: candidacyAnswersSchema,
  contact: leadContactSchema,
  source: z.enum(STAFF_ENTRY_SOURCES, { error: STAFF_ENTRY_MESSAGES.source }),
  consentGiven: z.literal(true, { error: STAFF_ENTRY_MESSAGES.consent }),
  locale: z.enum(LOCALES, { error: STAFF_ENTRY_MESSAGES.locale }),
  /** Drawn when the form is shown: a double submit stores one inquiry (the lead path's idempotency). */
  idempotencyKey: z.uuid({ error: STAFF_ENTRY_MESSAGES.idempotencyKey }),
});
export type StaffEntryInput = z.infer<typeof staffEntrySchema>;

const text = (form: FormData, name: string): string | undefined => {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
};
const texts = (form: FormData, name: string): string[] => form.getAll(name).filter((v): v is string => typeof v === "string" && v !== "");

/** The staff form's fields as the schema's input (numbers as numbers, ticks as lists, yes/no as booleans). */
export function staffEntryFromForm(form: FormData): Record<string, unknown> {
  const age = text(form, "answers.age");
  const clearance = text(form, "answers.dermatologyClearance");
  const answers: Record<string, unknown> = {
    sex: text(form, "answers.sex"),
    age: age === undefined ? undefined : /^\d+$/.test(age.trim()) ? Number(age.trim()) : age,
    lossPattern: text(form, "answers.lossPattern"),
    goal: text(form, "answers.goal"),
    scars: texts(form, "answers.scars"),
    skinConditions: texts(form, "answers.skinConditions"),
    dermatologyClearance: clearance === undefined ? undefined : clearance === "yes",
    chemotherapy: text(form, "answers.chemotherapy"),
    healthScreen: texts(form, "answers.healthScreen"),
  };
  const lossPattern = answers.lossPattern;
  if (lossPattern === "norwood") answers.norwoodStage = text(form, "answers.norwoodStage");
  if (lossPattern === "diffuse_thinning") answers.ludwigStage = text(form, "answers.ludwigStage");
  for (const key of Object.keys(answers)) if (answers[key] === undefined) delete answers[key];
  const notes = text(form, "contact.notes");
  return {
    answers,
    contact: {
      firstName: text(form, "contact.firstName") ?? "",
      lastName: text(form, "contact.lastName") ?? "",
      email: text(form, "contact.email") ?? "",
      phone: text(form, "contact.phone") ?? "",
      preferredContact: text(form, "contact.preferredContact"),
      ...(notes ? { notes } : {}),
    },
    source: text(form, "source"),
    consentGiven: form.get("consentGiven") === "on",
    locale: text(form, "locale"),
    idempotencyKey: text(form, "idempotencyKey"),
  };
}
