import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { requestClinicContact } from "@/lib/clinic/contact-server";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("site");
  const clinic = await requestClinicContact();
  return { title: t("metaTitle", { clinicName: clinic.name }), description: t("metaDescription") };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#0a5c52",
};

/**
 * Root layout: language from lib/i18n/request.ts (cookie, then Accept-Language). The provider
 * passes the request's locale to client components; pages pass the messages their client components need (app/assessment/page.tsx). Every page renders its own
 * `<main id="main">`, the skip link's target.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("site");
  // Only the error page's few strings reach every page's client code (app/error.tsx).
  const { errorPage } = await getMessages();
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">
          {t("skipLink")}
        </a>
        <NextIntlClientProvider messages={{ errorPage }}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
