import { render, type RenderOptions } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import type { ReactElement, ReactNode } from "react";
import en from "@/lib/i18n/messages/en.json";
import es from "@/lib/i18n/messages/es.json";
import { DEFAULT_CLINIC_TIME_ZONE } from "@/lib/clinic/defaults";
import type { AppLocale } from "@/lib/i18n/locales";

export const MESSAGES = { en, es } as const;

export function IntlWrapper({ locale = "en", children }: { locale?: AppLocale; children: ReactNode }) {
  return (
    <NextIntlClientProvider locale={locale} messages={MESSAGES[locale]} timeZone={DEFAULT_CLINIC_TIME_ZONE}>
      {children}
    </NextIntlClientProvider>
  );
}

/** Renders with the real English or Spanish messages, as the app's layout provides them. */
export function renderWithIntl(ui: ReactElement, locale: AppLocale = "en", options?: RenderOptions) {
  return render(ui, { wrapper: ({ children }) => <IntlWrapper locale={locale}>{children}</IntlWrapper>, ...options });
}
