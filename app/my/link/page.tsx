import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { LostLinkForm } from "@/components/patient-page/LostLinkForm";
import { PatientPageHeader } from "@/components/patient-page/PatientPageHeader";
import siteStyles from "@/components/site/site.module.css";
import { requestClinicContact } from "@/lib/clinic/contact-server";
import type { AppLocale } from "@/lib/i18n/locales";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("patientPage");
  const clinic = await requestClinicContact();
  return { title: `${t("lostLink.title")} | ${clinic.name}`, robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/** "Lost your link?": the address in, the same answer out, whatever the address (POST /api/v1/my/link). */
export default async function LostLinkPage() {
  const t = await getTranslations("patientPage");
  const locale = (await getLocale()) as AppLocale;
  const clinic = await requestClinicContact();
  const messages = await getMessages();
  const lostLink = (messages.patientPage as Record<string, unknown>).lostLink;
  return (
    <>
      <PatientPageHeader clinic={clinic} locale={locale} path="/my/link" />
      <main id="main" className="page">
        <h1>{t("lostLink.title")}</h1>
        <p className={siteStyles.lead}>{t("lostLink.intro")}</p>
        <NextIntlClientProvider messages={{ patientPage: { lostLink } }}>
          <LostLinkForm locale={locale} />
        </NextIntlClientProvider>
      </main>
    </>
  );
}
