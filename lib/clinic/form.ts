/**
 * The admin form of /staff/clinic as plain FormData, and back to the shapes of lib/clinic/schemas.ts
 * (client-safe; used by the server actions as the action wrapper's `fromForm`). Field names are the
 * schema paths ("address.city", "openingHours.mon.open"), so field errors land on their inputs, except:
 * - `openingHours.<day>.state`: "open" | "closed" (a closed day is null in the schema);
 * - `closedDates`: one text area, one date per line (errors come back as "closedDates.<index>");
 * Blank optional fields are absent/null; a blank required field stays "" so its message is specific.
 */
import type { Weekday } from "@/lib/clinic/schemas";
import { WEEKDAYS } from "@/lib/clinic/schemas";

export const CLINIC_FORM_FIELDS = {
  postalCode: "address.postalCode",
  dayState: (day: Weekday) => `openingHours.${day}.state`,
} as const;

const text = (form: FormData, key: string): string => {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
};

/** The expected version sent with either form (NaN when missing: the store then reports a conflict). */
export function versionFromForm(form: FormData): number {
  const raw = text(form, "version").trim();
  return /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
}

export function closedDatesFromText(value: string): string[] {
  return value
    .split(/[\n,]+/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** FormData of the profile form -> the input of clinicProfileSchema. */
export function clinicProfileFromForm(form: FormData): Record<string, unknown> {
  const line2 = text(form, "address.line2").trim();
  return {
    name: text(form, "name"),
    phone: text(form, "phone"),
    email: text(form, "email"),
    address: {
      line1: text(form, "address.line1"),
      line2: line2 === "" ? null : line2,
      city: text(form, "address.city"),
      region: text(form, "address.region"),
      postalCode: text(form, CLINIC_FORM_FIELDS.postalCode),
      country: text(form, "address.country"),
    },
    timeZone: text(form, "timeZone"),
    openingHours: Object.fromEntries(
      WEEKDAYS.map((day) => [
        day,
        text(form, CLINIC_FORM_FIELDS.dayState(day)) === "closed"
          ? null
          : { open: text(form, `openingHours.${day}.open`), close: text(form, `openingHours.${day}.close`) },
      ]),
    ),
    closedDates: closedDatesFromText(text(form, "closedDates")),
    replyPromise: { en: text(form, "replyPromise.en"), es: text(form, "replyPromise.es") },
    whoTreatsYou: { en: text(form, "whoTreatsYou.en"), es: text(form, "whoTreatsYou.es") },
  };
}

const wholeNumber = (raw: string): number | undefined => {
  const trimmed = raw.trim();
  return trimmed === "" ? undefined : Number(trimmed);
};

/** FormData of the settings form -> the input of clinicSettingsSchema. */
export function clinicSettingsFromForm(form: FormData): Record<string, unknown> {
  const retention = wholeNumber(text(form, "retentionMonths"));
  return {
    replyTargetMinutes: wholeNumber(text(form, "replyTargetMinutes")),
    autoAssign: text(form, "autoAssign"),
    retentionMonths: retention === undefined ? null : retention,
    requireTwoFactorForAdmins: form.get("requireTwoFactorForAdmins") === "on",
    callCadence: text(form, "callCadence"),
  };
}
