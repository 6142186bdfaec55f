/**
 * Showing the clinic's contact details: language-neutral building blocks (client-safe). The words
 * around them ("Call us", weekday names) belong to the page's messages.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js";

import type { ClinicAddress, DayHours, OpeningHours, Weekday } from "@/lib/clinic/schemas";
import { WEEKDAYS } from "@/lib/clinic/schemas";

/**
 * An E.164 number as people of the clinic's country write it: national format for a number of that
 * country ("(714) 555-0100"), international otherwise ("+34 912 34 56 78"). Unparseable: as given.
 */
export function formatPhone(e164: string, clinicCountry: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === clinicCountry.toUpperCase() ? parsed.formatNational() : parsed.formatInternational();
}

/** The href of a phone link: "tel:+17145550100". */
export function telHref(e164: string): string {
  return `tel:${e164.replace(/[^+\d]/g, "")}`;
}

/** The postal address as lines ("123 Example St", "Suite 2", "Anytown, CA 92800"); the country is left to the caller. */
export function addressLines(address: ClinicAddress): string[] {
  return [address.line1, ...(address.line2 ? [address.line2] : []), `${address.city}, ${address.region} ${address.postalCode}`];
}

export interface OpeningHoursGroup {
  /** Consecutive weekdays (Monday first) with the same hours, e.g. ["mon", ..., "fri"]. */
  days: Weekday[];
  /** null: closed on these days. */
  hours: DayHours | null;
}

/** Weekdays with the same hours grouped in order: Mon-Fri 09:00-17:00, Sat 10:00-14:00, Sun closed. */
export function groupOpeningHours(hours: OpeningHours): OpeningHoursGroup[] {
  const groups: OpeningHoursGroup[] = [];
  for (const day of WEEKDAYS) {
    const h = hours[day];
    const last = groups.at(-1);
    if (last && last.hours?.open === h?.open && last.hours?.close === h?.close) last.days.push(day);
    else groups.push({ days: [day], hours: h ? { ...h } : null });
  }
  return groups;
}
