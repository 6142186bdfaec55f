import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DEFAULT_CLINIC_TIME_ZONE } from "@/lib/clinic/defaults";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isAppLocale, localeFromAcceptLanguage, type AppLocale } from "./locales";

// No locale in the URL (the patient pages are shared as plain links): the cookie set by the
// language switch wins, then the browser's Accept-Language, then English.
async function resolveLocale(): Promise<AppLocale> {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isAppLocale(fromCookie)) return fromCookie;
  return localeFromAcceptLanguage((await headers()).get("accept-language")) ?? DEFAULT_LOCALE;
}

// A page may ask for a language explicitly (getTranslations({ locale }), as the embedded
// questionnaire does for its data-locale); otherwise the request decides.
export default getRequestConfig(async ({ locale: explicit }) => {
  const locale = isAppLocale(explicit) ? explicit : await resolveLocale();
  return {
    locale,
    // Dates and times in the clinic's zone (the default until the pages read the clinic profile's).
    timeZone: DEFAULT_CLINIC_TIME_ZONE,
    messages: (await import(`./messages/${locale}.json`)).default,
  };
});
