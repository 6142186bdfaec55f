import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ClinicContact } from "@/lib/clinic/contact";
import { type AppLocale, LOCALES } from "@/lib/i18n/locales";
import siteStyles from "@/components/site/site.module.css";
import styles from "./patient-page.module.css";

/**
 * The header of the patient's own pages: the clinic's name and phone, and the language switch as
 * links (`?locale=`): the page's language is the inquiry's until the patient picks the other one,
 * so the switch names it in the address rather than in the site's language cookie.
 */
export function PatientPageHeader({ clinic, locale, path }: { clinic: ClinicContact; locale: AppLocale; path: string }) {
  const t = useTranslations("patientPage");
  const site = useTranslations("site");
  return (
    <header className={siteStyles.header}>
      <div className={siteStyles.headerInner}>
        <div className={siteStyles.brandBlock}>
          <Link href="/" className={siteStyles.brand}>
            {clinic.name}
          </Link>
          <a href={`tel:${clinic.phone}`} className={siteStyles.headerPhone}>
            <span className="visually-hidden">{site("callLabel")} </span>
            {clinic.phoneDisplay}
          </a>
        </div>
        <nav className={siteStyles.languages} aria-label={t("languageLabel")}>
          {LOCALES.map((code) => (
            <a
              key={code}
              href={`${path}?locale=${code}`}
              lang={code}
              hrefLang={code}
              aria-current={code === locale ? "true" : undefined}
              className={`${siteStyles.languageButton} ${styles.languageLink} ${code === locale ? styles.languageCurrent : ""}`}
            >
              {site(`languageName.${code}`)}
            </a>
          ))}
        </nav>
      </div>
    </header>
  );
}
