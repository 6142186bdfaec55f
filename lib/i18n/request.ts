import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DEFAULT_CLINIC_TIME_ZONE } from "@/lib/clinic/defaults";
import { DEFAULT_LOCALE, LOCALE_COOKIE, LOCALE_REQUEST_HEADER, isAppLocale, localeFromAcceptLanguage, type AppLocale } from "./locales";

// No locale in the URL (the patient pages are shared as plain links): the cookie set by the
// language switch wins, then the browser's Accept-Language, then English. The one exception is the
// embedded questionnaire, whose frame URL carries the embed tag's data-locale.
async function resolveLocale(): Promise<AppLocale> {
  const requestHeaders = await headers();
  // A language named in the URL (proxy.ts puts it here) wins: the embed tag's data-locale.
  const fromUrl = requestHeaders.get(LOCALE_REQUEST_HEADER);
  if (isAppLocale(fromUrl)) return fromUrl;
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isAppLocale(fromCookie)) return fromCookie;
  return localeFromAcceptLanguage(requestHeaders.get("accept-language")) ?? DEFAULT_LOCALE;
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
