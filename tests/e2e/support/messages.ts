import { readFileSync } from "node:fs";
import path from "node:path";

import type { AppLocale } from "@/lib/i18n/locales";

/**
 * The page texts the tests expect, read from the same message files the app renders
 * (lib/i18n/messages/*.json), so a reworded sentence never breaks a test for the wrong reason.
 */
export type Locale = AppLocale;

// The JSON is large and nested; the tests index it by known paths.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Messages = any;

const cache = new Map<Locale, Messages>();

export function messages(locale: Locale): Messages {
  let m = cache.get(locale);
  if (!m) {
    m = JSON.parse(readFileSync(path.resolve("lib/i18n/messages", `${locale}.json`), "utf8")) as Messages;
    cache.set(locale, m);
  }
  return m;
}

/** An ICU message with simple {name} placeholders filled (enough for the strings the tests read). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** US dollars as the result screen prints them in this language ("$5,500"). */
export function usd(amount: number, locale: Locale): string {
  return new Intl.NumberFormat(`${locale}-US`, { style: "currency", currency: "USD", maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(amount);
}
