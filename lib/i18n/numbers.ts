import type { AppLocale } from "@/lib/i18n/locales";

/**
 * How numbers read in the patient's language: the ONE place. US conventions in both languages
 * ("$6,000", "2,000 characters" / "2,000 caracteres"): the clinic and its patients are in
 * California. Plain "es" would print "6000 US$" and "2000", so one page could mix "$6,000" with
 * "2000 caracteres" (issue 19). No dependencies: client and server use it.
 */
export const numberLocaleOf = (locale: AppLocale): string => `${locale}-US`;

const counts = new Map<AppLocale, Intl.NumberFormat>();
const dollars = new Map<AppLocale, Intl.NumberFormat>();

function cached(map: Map<AppLocale, Intl.NumberFormat>, locale: AppLocale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let format = map.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(numberLocaleOf(locale), options);
    map.set(locale, format);
  }
  return format;
}

/** A whole count, e.g. 2000 -> "2,000" in English and in Spanish. */
export function formatCount(value: number, locale: AppLocale): string {
  return cached(counts, locale, { maximumFractionDigits: 0 }).format(value);
}

/** Whole US dollars, e.g. 6000 -> "$6,000" in English and in Spanish. */
export function formatDollars(value: number, locale: AppLocale): string {
  return cached(dollars, locale, { style: "currency", currency: "USD", maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(value);
}
