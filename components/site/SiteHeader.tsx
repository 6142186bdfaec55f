import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requestClinicContact } from "@/lib/clinic/contact-server";
import { setLocaleAction } from "@/lib/i18n/actions";
import { LOCALES } from "@/lib/i18n/locales";
import styles from "./site.module.css";

/**
 * Patient-page header: the clinic's name and phone (from the clinic profile) and the language
 * switch. The switch is a plain form posting to a server action, so it works before JavaScript
 * loads and keeps the questionnaire's in-memory state when it does.
 */
export async function SiteHeader() {
  const locale = await getLocale();
  const t = await getTranslations("site");
  const clinic = await requestClinicContact();
  return (
    <header className={styles.header}>
      <div className={styles.headerInner}>
        <div className={styles.brandBlock}>
          <Link href="/" className={styles.brand}>
            {clinic.name}
          </Link>
          <a href={`tel:${clinic.phone}`} className={styles.headerPhone}>
            <span className="visually-hidden">{t("callLabel")} </span>
            {clinic.phoneDisplay}
          </a>
        </div>
        <form action={setLocaleAction} className={styles.languages} aria-label={t("languageLabel")}>
          {LOCALES.map((code) => (
            <button
              key={code}
              type="submit"
              name="locale"
              value={code}
              lang={code}
              aria-pressed={code === locale}
              className={styles.languageButton}
            >
              {t(`languageName.${code}`)}
            </button>
          ))}
        </form>
      </div>
    </header>
  );
}
