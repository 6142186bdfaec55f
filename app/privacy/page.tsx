import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SiteFooter } from "@/components/site/SiteFooter";
import { SiteHeader } from "@/components/site/SiteHeader";
import { requestClinicContact } from "@/lib/clinic/contact-server";
import { getClinicSettings } from "@/lib/clinic/store";
import { getDb } from "@/lib/db/client";
import { PRIVACY_NOTICE_VERSION } from "@/lib/leads/privacy-notice";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("privacy");
  const clinic = await requestClinicContact();
  return { title: `${t("title")} | ${clinic.name}` };
}

/**
 * The privacy notice the consent box links to, in the patient's language. The retention period is
 * the clinic's setting (retentionMonths; null keeps inquiries until erased on request), and the
 * version shown is the one each inquiry stores with its consent (lib/leads/privacy-notice.ts).
 */
export default async function PrivacyPage() {
  const t = await getTranslations("privacy");
  const clinic = await requestClinicContact();
  const { retentionMonths } = await getClinicSettings(getDb());
  const sections = ["device", "stored", "why"] as const;
  return (
    <>
      <SiteHeader />
      <main id="main" className="page">
        <h1>{t("title")}</h1>
        <p>{t("intro", { clinicName: clinic.name })}</p>
        {sections.map((key) => (
          <section key={key} aria-labelledby={`privacy-${key}`}>
            <h2 id={`privacy-${key}`}>{t(`${key}.heading`)}</h2>
            <p>{t(`${key}.body`)}</p>
          </section>
        ))}
        <section aria-labelledby="privacy-retention">
          <h2 id="privacy-retention">{t("retention.heading")}</h2>
          <p data-retention={retentionMonths ?? "until-erased"}>
            {retentionMonths === null ? t("retention.untilErased") : t("retention.months", { months: retentionMonths })}
          </p>
        </section>
        <section aria-labelledby="privacy-who">
          <h2 id="privacy-who">{t("who.heading")}</h2>
          <p>{t("who.body")}</p>
        </section>
        <section aria-labelledby="privacy-erasure">
          <h2 id="privacy-erasure">{t("erasure.heading")}</h2>
          <p>{t("erasure.body")}</p>
          <p>
            {t("erasure.phone")} <a href={`tel:${clinic.phone}`}>{clinic.phoneDisplay}</a>
            <br />
            {t("erasure.email")} <a href={`mailto:${clinic.email}`}>{clinic.email}</a>
          </p>
        </section>
        <p>{t("version", { version: PRIVACY_NOTICE_VERSION })}</p>
      </main>
      <SiteFooter />
    </>
  );
}
