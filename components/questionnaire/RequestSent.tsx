"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { RefObject } from "react";
import type { PreferredContact } from "@/lib/leads/lead-input";
import { useClinicContact } from "./clinic-contact";
import styles from "./questionnaire.module.css";

export interface SentRequest {
  /** The inquiry's short reference, e.g. "SMP-7KQ2-94". */
  reference: string;
  method: PreferredContact;
}

interface RequestSentProps {
  sent: SentRequest;
  /** Only right after sending (never stored on the device): the patient's first name. */
  firstName?: string;
  headingRef?: RefObject<HTMLHeadingElement | null>;
  /** Embedded on the clinic's site, the patient is already at home there. */
  embedded: boolean;
  /** Offered after a reload: clears the stored confirmation and starts a new check. */
  onStartNew?: () => void;
}

/**
 * The confirmation of a sent request: how and when the clinic will reply (its reply promise and
 * phone), and the reference. Shown right after sending and again after a reload (the reference and
 * the contact method are kept on the device; no contact details are).
 */
export function RequestSent({ sent, firstName, headingRef, embedded, onStartNew }: RequestSentProps) {
  const t = useTranslations("lead.done");
  const clinic = useClinicContact();
  return (
    <section className={styles.done} aria-labelledby="lead-done">
      <h3 id="lead-done" ref={headingRef} tabIndex={-1}>
        {firstName ? t("heading", { firstName }) : t("headingAgain")}
      </h3>
      <p className={styles.reference}>
        {t("referenceLabel")} <strong data-reference="">{sent.reference}</strong>
      </p>
      <p>{t("body", { method: t(`method.${sent.method}`) })}</p>
      {clinic ? (
        <p>
          {t("replyPromise", { clinicName: clinic.name, replyPromise: clinic.replyPromise })} {t("callNow")}{" "}
          <a href={`tel:${clinic.phone}`}>{clinic.phoneDisplay}</a>.
        </p>
      ) : null}
      <p>{t("cleared")}</p>
      <div className={styles.doneActions}>
        {onStartNew ? (
          <button type="button" className="button button-secondary" onClick={onStartNew}>
            {t("startNew")}
          </button>
        ) : null}
        {embedded ? null : (
          <Link href="/" className="button button-secondary">
            {t("home")}
          </Link>
        )}
      </div>
    </section>
  );
}
