import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import type { ClinicProfileInput, OpeningHours, Weekday } from "@/lib/clinic/schemas";
import { WEEKDAYS } from "@/lib/clinic/schemas";

/**
 * What a patient sees of the clinic (site header and footer, the result, the confirmation, every
 * "call the clinic" message, the privacy notice): the profile's public facts, formatted once on the
 * server for one language. Plain data, so it can be passed to client components.
 */
export interface ClinicContact {
  name: string;
  /** E.164, for tel: links. */
  phone: string;
  /** The phone as people write it in the clinic's country, e.g. "(714) 555-0100". */
  phoneDisplay: string;
  email: string;
  /** The address, one line per entry. */
  addressLines: string[];
  /** Opening hours, consecutive days with the same hours grouped, e.g. "Monday–Friday: 9:00 AM–5:00 PM". */
  hours: string[];
  /** e.g. "within one business day", in the page's language. */
  replyPromise: string;
  /** True until an admin saved the real profile: placeholder values are shown as they are. */
  isPlaceholder: boolean;
  /**
   * The clinic's "Who will treat you" words in the page's language, or null when it wrote none
   * (optional: a contact built elsewhere, e.g. the patient page's view, may leave it out).
   */
  whoTreatsYou?: string | null;
}

export type ContactLocale = "en" | "es";

const CLOSED: Readonly<Record<ContactLocale, string>> = { en: "closed", es: "cerrado" };

function formatTime(hhmm: string, locale: ContactLocale): string {
  const [h = 0, m = 0] = hhmm.split(":").map(Number);
  // A fixed UTC date: only the wall-clock time is formatted ("24:00" reads as midnight).
  const date = new Date(Date.UTC(2026, 0, 5, h % 24, m));
  return new Intl.DateTimeFormat(`${locale}-US`, { hour: "numeric", minute: "2-digit", timeZone: "UTC" }).format(date);
}

function dayName(day: Weekday, locale: ContactLocale): string {
  // 2026-01-05 is a Monday.
  const date = new Date(Date.UTC(2026, 0, 5 + WEEKDAYS.indexOf(day)));
  const name = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(date);
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/** Opening hours as lines, consecutive weekdays with the same hours grouped. */
export function formatOpeningHours(hours: OpeningHours, locale: ContactLocale): string[] {
  const lines: string[] = [];
  let i = 0;
  while (i < WEEKDAYS.length) {
    const day = WEEKDAYS[i] as Weekday;
    const value = hours[day];
    let j = i;
    while (j + 1 < WEEKDAYS.length && JSON.stringify(hours[WEEKDAYS[j + 1] as Weekday]) === JSON.stringify(value)) j++;
    const last = WEEKDAYS[j] as Weekday;
    const days = i === j ? dayName(day, locale) : `${dayName(day, locale)}–${dayName(last, locale)}`;
    const time = value ? `${formatTime(value.open, locale)}–${formatTime(value.close, locale)}` : CLOSED[locale];
    lines.push(`${days}: ${time}`);
    i = j + 1;
  }
  return lines;
}

export function clinicContactOf(profile: ClinicProfileInput & { isPlaceholder: boolean }, locale: ContactLocale): ClinicContact {
  const parsed = parsePhoneNumberFromString(profile.phone, profile.address.country as CountryCode);
  const phoneDisplay = parsed
    ? parsed.country === profile.address.country
      ? parsed.formatNational()
      : parsed.formatInternational()
    : profile.phone;
  const { line1, line2, city, region, postalCode, country } = profile.address;
  return {
    name: profile.name,
    phone: profile.phone,
    phoneDisplay,
    email: profile.email,
    addressLines: [line1, ...(line2 ? [line2] : []), `${city}, ${region} ${postalCode}`, ...(country === "US" ? [] : [country])],
    hours: formatOpeningHours(profile.openingHours, locale),
    replyPromise: profile.replyPromise[locale],
    isPlaceholder: profile.isPlaceholder,
    whoTreatsYou: profile.whoTreatsYou?.[locale] || null,
  };
}
