import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SiteFooter } from "@/components/site/SiteFooter";
import { SiteHeader } from "@/components/site/SiteHeader";
import styles from "@/components/site/site.module.css";
import { requestClinicContact } from "@/lib/clinic/contact-server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notFound");
  const clinic = await requestClinicContact();
  return { title: `${t("title")} | ${clinic.name}` };
}

/** The branded 404 of every page (not of the JSON API), in the patient's language. */
export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <>
      <SiteHeader />
      <main id="main" className="page">
        <h1>{t("title")}</h1>
        <p className={styles.lead}>{t("body")}</p>
        <p className={styles.actions}>
          <Link href="/assessment" className="button">
            {t("start")}
          </Link>
          <Link href="/">{t("home")}</Link>
        </p>
      </main>
      <SiteFooter />
    </>
  );
}
