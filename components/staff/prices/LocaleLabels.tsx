import type { ReactNode } from "react";

import { LOCALES, type AppLocale } from "@/lib/i18n/locales";
import { PRICE_LANGUAGE_NAMES } from "@/lib/pricing/price-preview";

import styles from "./prices.module.css";

/**
 * A price row's label in every patient language, one item a language: the item in that language
 * (lang, so a screen reader reads it with the right voice), its "English:" / "Spanish:" tag in
 * English. The price editor's "Patients see" and the preview's label cell.
 */
export function LocaleLabels({ children }: { children: (locale: AppLocale) => ReactNode }) {
  return (
    <ul className={styles.labels}>
      {LOCALES.map((locale) => (
        <li key={locale} lang={locale}>
          <span className={styles.langTag} lang="en">
            {PRICE_LANGUAGE_NAMES[locale]}:
          </span>{" "}
          {children(locale)}
        </li>
      ))}
    </ul>
  );
}
