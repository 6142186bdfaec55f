import { z } from "zod";

import { candidacyResultSchema } from "@/lib/candidacy/result";
import { LOCALES } from "@/lib/i18n/locales";
import { emailSchema } from "@/lib/leads/lead-input";
import type { ClinicContact } from "@/lib/clinic/contact";
import type { LeadStatus } from "@/lib/leads/lead-status";
import type { SameShape } from "@/lib/leads/lead-responses";

/**
 * The shapes of the patient's own page (docs/api-v1.md, "The patient's own page"), client-safe: the
 * page's forms and the API parse with the same schemas, and the OpenAPI document describes them.
 */

/** Where the inquiry stands, in the patient's terms (the page words them in lib/i18n/messages). */
export const PATIENT_STAGES = ["received", "in_touch", "consultation_booked", "patient", "closed"] as const;
export type PatientStage = (typeof PATIENT_STAGES)[number];

const STAGE_OF_STATUS: Readonly<Record<LeadStatus, PatientStage>> = {
  new: "received",
  contacted: "in_touch",
  consultation_booked: "consultation_booked",
  became_patient: "patient",
  not_proceeding: "closed",
};

/** The staff status as the patient reads it (an unknown status reads as "received"). */
export function patientStageOf(status: string): PatientStage {
  return STAGE_OF_STATUS[status as LeadStatus] ?? "received";
}

export const PATIENT_ACCESS_MESSAGES = {
  notFound: "This link does not open anything. It may have expired, or the inquiry may have been erased. You can ask for a new link.",
  confirmErase: "Type ERASE in capital letters to confirm.",
} as const;

/** `{token}` of /api/v1/my/{token}: any string; a malformed one is simply a token that opens nothing (same 404). */
export const accessTokenParamsSchema = z.object({ token: z.string().describe("The token of the patient's link (/my/<token>).") });

/** DELETE /api/v1/my/{token}: the typed confirmation. */
export const eraseOwnInquirySchema = z.strictObject({
  confirm: z.literal("ERASE", { error: PATIENT_ACCESS_MESSAGES.confirmErase }).describe('Exactly "ERASE".'),
});
export type EraseOwnInquiryInput = z.infer<typeof eraseOwnInquirySchema>;

/** POST /api/v1/my/link: "Lost your link?". */
export const linkRequestSchema = z.strictObject({
  email: emailSchema.describe("The address the inquiry was sent with."),
  locale: z.enum(LOCALES).optional().describe("Language of the answer's messages (the e-mail follows each inquiry's own language)."),
});
export type LinkRequestInput = z.infer<typeof linkRequestSchema>;

const isoDateTime = z.string().describe("ISO 8601 date-time (UTC)");

export const patientClinicSchema = z.object({
  name: z.string(),
  phone: z.string().describe("E.164"),
  phoneDisplay: z.string(),
  email: z.string(),
  addressLines: z.array(z.string()),
  hours: z.array(z.string()),
  replyPromise: z.string(),
  isPlaceholder: z.boolean(),
  whoTreatsYou: z.string().nullable().optional().describe("The clinic's \"Who will treat you\" words in the page's language; null when it wrote none."),
});

/** Compile-time drift check: the clinic contact the view answers is exactly this schema's output. */
export const PATIENT_CLINIC_MATCHES: SameShape<ClinicContact, z.output<typeof patientClinicSchema>> = true;

/** GET /api/v1/my/{token}: the inquiry as the patient may see it. */
export const patientViewSchema = z.object({
  firstName: z.string(),
  reference: z.string().nullable(),
  locale: z.enum(LOCALES).describe("The inquiry's language (the page opens in it)."),
  receivedAt: isoDateTime,
  stage: z.enum(PATIENT_STAGES).describe("Where the inquiry stands, in the patient's terms."),
  result: candidacyResultSchema.describe("The result as the patient saw it when sending, its price pinned to price.tableVersion."),
  clinic: patientClinicSchema,
});
export type PatientView = z.infer<typeof patientViewSchema>;

/** POST /api/v1/leads also answers the patient's link. */
export const patientAccessSchema = z.object({ url: z.string().describe("The patient's own page, https://APP/my/<token>: shown once, never stored.") });
