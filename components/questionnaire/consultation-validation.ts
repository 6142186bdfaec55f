import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldError, FieldErrors, Resolver } from "react-hook-form";
import { z } from "zod";
import { LEAD_MESSAGES_ES } from "@/lib/i18n/api-messages";
import { LEAD_MESSAGES, leadConsentSchema, leadContactSchema } from "@/lib/leads/lead-input";
import { keyOf } from "./answer-messages";
import { shownLeadMessageKey, type LeadMessageKey } from "./lead-messages";

/*
 * The consultation form's validation: the API's own contact and consent schemas (zod and the
 * phone-number library with them). Loaded by ConsultationForm.tsx when the patient first touches
 * the form, so the result is on screen without them.
 */

// The page's Content-Security-Policy forbids eval: zod must not even try it (a console issue).
z.config({ jitless: true });

// "website" is the honeypot field, empty for people.
const consultationFormSchema = z.object({
  contact: leadContactSchema,
  consent: leadConsentSchema,
  website: z.string().optional(),
});
export type ConsultationInput = z.input<typeof consultationFormSchema>;
export type ConsultationOutput = z.output<typeof consultationFormSchema>;

/** A schema message or the API's (English or Spanish, as asked) to the key the page translates. */
export function leadMessageKey(message: string | undefined): LeadMessageKey {
  const key = keyOf(LEAD_MESSAGES, message) ?? keyOf(LEAD_MESSAGES_ES, message);
  return shownLeadMessageKey(key);
}

function isFieldError(value: object): value is FieldError {
  return typeof (value as { type?: unknown }).type === "string";
}

/** The same errors with each message replaced by its key (nested: contact.firstName, ...). */
function withMessageKeys(errors: FieldErrors<ConsultationInput>): FieldErrors<ConsultationInput> {
  const keyed: Record<string, unknown> = {};
  for (const [name, error] of Object.entries(errors)) {
    if (!error || typeof error !== "object") continue;
    keyed[name] = isFieldError(error)
      ? { ...error, message: leadMessageKey(typeof error.message === "string" ? error.message : undefined) }
      : withMessageKeys(error as FieldErrors<ConsultationInput>);
  }
  return keyed as FieldErrors<ConsultationInput>;
}

const schemaResolver = zodResolver(consultationFormSchema);

export const consultationResolver: Resolver<ConsultationInput, unknown, ConsultationOutput> = async (values, context, options) => {
  const result = await schemaResolver(values, context, options);
  return Object.keys(result.errors).length === 0 ? result : { values: {}, errors: withMessageKeys(result.errors) };
};
