import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { setLocaleAction } from "@/lib/i18n/actions";
import { LOCALES } from "@/lib/i18n/locales";
import styles from "./site.module.css";

/**
 * Patient-page header: the clinic's name and the language switch. The switch is a plain form
 * posting to a server action, so it works before JavaScript loads and keeps the questionnaire's
 * in-memory state when it does.
 */
export async function SiteHeader() {
  const locale = await getLocale();
  const t = await getTranslations("site");
  return (
    <header className={styles.header}>
      <div className={styles.headerInner}>
        <Link href="/" className={styles.brand}>
          {t("clinicName")}
        </Link>
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
