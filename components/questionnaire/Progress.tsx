"use client";

import { useTranslations } from "next-intl";
import styles from "./questionnaire.module.css";

/**
 * "Step 3 of 6" with a native <progress>, which screen readers announce as a percentage. The total
 * never changes while the patient answers (steps.ts, PROGRESS_TOTAL); on the result it says "done".
 */
export function Progress({ current, total, done = false }: { current: number; total: number; done?: boolean }) {
  const t = useTranslations("questionnaire");
  const label = done ? t("progressDone") : t("progress", { current, total });
  return (
    <div className={styles.progress}>
      <p className={styles.progressText}>{label}</p>
      <progress className={styles.progressBar} value={current} max={total} aria-label={t("progressLabel")} aria-valuetext={label} />
    </div>
  );
}
