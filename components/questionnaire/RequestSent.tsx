"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { lazy, type RefObject, Suspense, useState } from "react";
import { useBookingConfig } from "@/components/booking/booking-config-context";
import type { PreferredContact } from "@/lib/leads/lead-input";
import { useClinicContact } from "./clinic-contact";
import styles from "./questionnaire.module.css";

export interface SentRequest {
  /** The inquiry's short reference, e.g. "SMP-7KQ2-94". */
  reference: string;
  method: PreferredContact;
}

// The booking panel loads only once a request is sent (the questionnaire's first load stays as it was).
const BookingPanel = lazy(() => import("@/components/booking/BookingPanel").then((m) => ({ default: m.BookingPanel })));
// The patient page's guided photo capture (issue 21), the same component, loaded the same way.
const PhotoCapture = lazy(() => import("@/components/patient-page/PhotoCapture").then((m) => ({ default: m.PhotoCapture })));

/** The token of the patient's own page link (".../my/<token>"), or null. */
function tokenOf(url: string): string | null {
  const match = /\/my\/([^/?#]+)/.exec(url);
  return match ? decodeURIComponent(match[1]!) : null;
}

interface RequestSentProps {
  sent: SentRequest;
  /** Only right after sending (never stored on the device): the patient's first name. */
  firstName?: string;
  /** Only right after sending (never stored on the device): the link to the patient's own page. */
  accessUrl?: string | null;
  headingRef?: RefObject<HTMLHeadingElement | null>;
  /** Embedded on the clinic's site, the patient is already at home there. */
  embedded: boolean;
  /** Offered after a reload: clears the stored confirmation and starts a new check. */
  onStartNew?: () => void;
}

/**
 * The confirmation of a sent request: how and when the clinic will reply (its reply promise and
 * phone), and the reference; right after sending (with the link's token), a consultation time when
 * the clinic offers booking and the guided photo capture. Shown right after sending and again after a reload (the reference and
 * the contact method are kept on the device; no contact details are).
 */
export function RequestSent({ sent, firstName, accessUrl, headingRef, embedded, onStartNew }: RequestSentProps) {
  const t = useTranslations("lead.done");
  const clinic = useClinicContact();
  const booking = useBookingConfig();
  const locale = useLocale();
  const token = accessUrl ? tokenOf(accessUrl) : null;
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
      {booking && token ? (
        <Suspense fallback={null}>
          <BookingPanel token={token} locale={locale} initial={{ config: booking, consultation: null, callback: null }} headingLevel={4} />
        </Suspense>
      ) : null}
      {token ? (
        // The inquiry is stored before this screen shows: a photo that fails changes nothing about it.
        <Suspense fallback={null}>
          <PhotoCapture token={token} existing={[]} headingLevel={4} />
        </Suspense>
      ) : null}
      {accessUrl ? <OwnPageLink url={accessUrl} /> : null}
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

/**
 * The link to the patient's own page (their result, where the request stands), with "Copy link".
 * Where the clipboard is unavailable (plain http), the link's text is selected for the patient to copy.
 */
function OwnPageLink({ url }: { url: string }) {
  const t = useTranslations("lead.done.page");
  const [status, setStatus] = useState<"" | "copied" | "selected">("");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setStatus("copied");
    } catch {
      const element = document.getElementById("own-page-url");
      if (element) {
        const range = document.createRange();
        range.selectNodeContents(element);
        window.getSelection()?.removeAllRanges();
        window.getSelection()?.addRange(range);
      }
      setStatus("selected");
    }
  };
  return (
    <div className={styles.ownPage} data-own-page="">
      <h4>{t("heading")}</h4>
      <p>{t("body")}</p>
      <p className={styles.ownPageUrl}>
        <a id="own-page-url" href={url} target="_blank" rel="noreferrer noopener">
          {url}
        </a>
      </p>
      <p>
        <button type="button" className="button button-secondary" onClick={() => void copy()} aria-describedby="own-page-status">
          {t("copy")}
        </button>{" "}
        <span id="own-page-status" role="status">
          {status === "" ? "" : t(status)}
        </span>
      </p>
      <p className={styles.muted}>{t("keep")}</p>
    </div>
  );
}
