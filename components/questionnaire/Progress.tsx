"use client";

import { useTranslations } from "next-intl";
import styles from "./questionnaire.module.css";

/** "Step 3 of 6" with a native <progress>, which screen readers announce as a percentage. */
export function Progress({ current, total }: { current: number; total: number }) {
  const t = useTranslations("questionnaire");
  const label = t("progress", { current, total });
  return (
    <div className={styles.progress}>
      <p className={styles.progressText}>
        {label}
      </p>
      <progress className={styles.progressBar} value={current} max={total} aria-label={t("progressLabel")} aria-valuetext={label} />
    </div>
  );
}
