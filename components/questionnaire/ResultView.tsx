"use client";

import { useLocale, useTranslations } from "next-intl";
import type { CandidacyResult } from "@/lib/candidacy/result";
import { VERDICT_TONES, verdictOf } from "@/lib/candidacy/verdict";
import { isAppLocale } from "@/lib/i18n/locales";
import { formatDollars } from "@/lib/i18n/numbers";
import styles from "./questionnaire.module.css";

/**
 * `clearanceMissing`: the patient named an active skin condition and has no dermatologist's
 * clearance yet (lib/candidacy/clearance.ts decides when a clearance matters).
 *
 * The result as the API computed it. Every figure and every reason shown here comes from the
 * CandidacyResult: the page formats and explains, it never calculates.
 */
export function ResultView({ result, clearanceMissing = false }: { result: CandidacyResult; clearanceMissing?: boolean }) {
  const t = useTranslations("result");
  const appLocale = useLocale();
  const locale = isAppLocale(appLocale) ? appLocale : "en";
  const { price } = result;
  // Numbers read the same way everywhere in the patient's language (lib/i18n/numbers.ts).
  const usd = (amount: number) => formatDollars(amount, locale);
  // Defensive: a broken response must never show "$NaN"; the clinic then quotes in person.
  const hasPrice =
    price !== undefined && Number.isFinite(price.minUsd) && Number.isFinite(price.maxUsd) && price.minUsd <= price.maxUsd;
  // Any active skin condition without a clearance waits for the dermatologist (not only psoriasis
  // and seborrheic dermatitis, which have their own reason): the way there is the same.
  const needsDermatologist = clearanceMissing || result.flags.some((flag) => flag.code === "DERM_CLEARANCE_REQUIRED");
  // The price notes belong beside the price, not among the reasons about this patient's health.
  const estimateNote = result.flags.find((flag) => flag.code === "PRICE_ESTIMATE");
  const reasons = result.flags.filter((flag) => flag.code !== "PRICE_ESTIMATE");
  const coversNote = result.expectations.find((expectation) => expectation.code === "PRICE_COVERS_TWO_SESSIONS");
  const expectations = result.expectations.filter((expectation) => expectation.code !== "PRICE_COVERS_TWO_SESSIONS");
  // The headline and its colour come from the rules module (decision 021), not from the status alone.
  const verdict = verdictOf(result);

  return (
    <div className={styles.result}>
      <p className={`${styles.verdict} ${styles[`verdict_${VERDICT_TONES[verdict]}`]}`} data-status={result.status} data-verdict={verdict}>
        {t(`verdict.${verdict}`)}
      </p>

      {reasons.length > 0 ? (
        <section aria-labelledby="result-reasons" className={styles.resultSection}>
          <h3 id="result-reasons">{t("reasonsHeading")}</h3>
          <ul className={styles.reasons}>
            {reasons.map((flag) => (
              <li key={flag.code} data-severity={flag.severity} className={styles[`reason_${flag.severity}`]}>
                {flag.patientMessage}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {needsDermatologist ? (
        <section aria-labelledby="result-derm" className={`${styles.resultSection} ${styles.dermSteps}`}>
          <h3 id="result-derm">{t("derm.heading")}</h3>
          <ol>
            <li>{t("derm.steps.see")}</li>
            <li>{t("derm.steps.treat")}</li>
            <li>{t("derm.steps.send")}</li>
          </ol>
        </section>
      ) : null}

      <section aria-labelledby="result-price" className={styles.resultSection}>
        <h3 id="result-price">{t("priceHeading")}</h3>
        {hasPrice ? (
          <>
            <p className={styles.price}>
              {price.minUsd === price.maxUsd
                ? usd(price.minUsd)
                : t("priceRange", { min: usd(price.minUsd), max: usd(price.maxUsd) })}
            </p>
            {coversNote ? <p>{coversNote.patientMessage}</p> : null}
            <p className={styles.muted} data-price-note="">
              {estimateNote ? estimateNote.patientMessage : price.estimate ? t("priceEstimate") : t("priceFromList")}
            </p>
          </>
        ) : (
          <p>{t("priceMissing")}</p>
        )}
      </section>

      <section aria-labelledby="result-expect" className={styles.resultSection}>
        <h3 id="result-expect">{t("expectationsHeading")}</h3>
        {expectations.length > 0 ? (
          <ul className={styles.expectations}>
            {expectations.map((expectation) => (
              <li key={expectation.code}>{expectation.patientMessage}</li>
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}
