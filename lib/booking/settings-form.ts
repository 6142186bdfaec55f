import { CONSULTATION_TYPES } from "@/lib/booking/schemas";
import { WEEKDAYS } from "@/lib/clinic/schemas";

/**
 * The consultation settings page's forms (/staff/consultations) -> the inputs of the shared schemas
 * in lib/booking/schemas.ts (consultationSettingsSchema, consultantSchema). Client-safe.
 */

const text = (form: FormData, key: string): string => {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
};

/** "" -> undefined (the schema says what is missing); anything else -> a number (NaN for words: the schema refuses it). */
const wholeNumber = (raw: string): number | undefined => {
  const trimmed = raw.trim();
  return trimmed === "" ? undefined : Number(trimmed);
};

/** The field names of one type's settings, e.g. "types.video.lengthMinutes". */
export const typeField = (type: string, key: "enabled" | "lengthMinutes" | "bufferBeforeMinutes" | "bufferAfterMinutes") => `types.${type}.${key}`;

export function consultationSettingsFromForm(form: FormData): Record<string, unknown> {
  return {
    types: Object.fromEntries(
      CONSULTATION_TYPES.map((type) => [
        type,
        {
          enabled: form.get(typeField(type, "enabled")) === "on",
          lengthMinutes: wholeNumber(text(form, typeField(type, "lengthMinutes"))),
          bufferBeforeMinutes: wholeNumber(text(form, typeField(type, "bufferBeforeMinutes"))),
          bufferAfterMinutes: wholeNumber(text(form, typeField(type, "bufferAfterMinutes"))),
        },
      ]),
    ),
    minNoticeMinutes: wholeNumber(text(form, "minNoticeMinutes")),
    bookingWindowDays: wholeNumber(text(form, "bookingWindowDays")),
    slotStepMinutes: wholeNumber(text(form, "slotStepMinutes")),
    selfServiceCutoffMinutes: wholeNumber(text(form, "selfServiceCutoffMinutes")),
    reminderLeadMinutes: wholeNumber(text(form, "reminderLeadMinutes")),
  };
}

/** A consultant's form: takes consultations or not, the clinic's hours or their own (per weekday, like the clinic's form). */
export function consultantFromForm(form: FormData): Record<string, unknown> {
  return {
    active: form.get("active") === "on",
    weeklyHours:
      text(form, "hours") === "own"
        ? Object.fromEntries(
            WEEKDAYS.map((day) => [
              day,
              text(form, `weeklyHours.${day}.state`) === "closed" ? null : { open: text(form, `weeklyHours.${day}.open`), close: text(form, `weeklyHours.${day}.close`) },
            ]),
          )
        : null,
  };
}
