"use server";

import { cookies } from "next/headers";
import { envVar } from "@/lib/env";
import { appCookieSecurity } from "@/lib/http/security-headers";
import { LOCALE_COOKIE, isAppLocale } from "./locales";

/**
 * Remembers the patient's language. Used as a form action so it works before (or without)
 * JavaScript; Next.js re-renders the current page with the new cookie in the same round trip
 * and keeps client state (the questionnaire answers) mounted.
 */
export async function setLocaleAction(formData: FormData): Promise<void> {
  const locale = formData.get("locale");
  if (!isAppLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, {
    ...appCookieSecurity({ production: envVar("NODE_ENV") === "production" }),
    maxAge: 60 * 60 * 24 * 365,
  });
}
