"use client";

import { useLocale, useTranslations } from "next-intl";
import { Suspense, lazy, startTransition, useEffect, useRef, useState } from "react";
import type { CandidacyAnswers } from "@/lib/candidacy/answers";
import { asksForClearance } from "@/lib/candidacy/clearance";
import { useClinicContact } from "./clinic-contact";
import type { SentRequest } from "./RequestSent";
import { fetchQuote, type QuoteOutcome } from "./lead-request";
import { useQuestionnaireHost } from "./questionnaire-host";
import { ResultView } from "./ResultView";
import styles from "./questionnaire.module.css";

// The consultation form brings the phone-number library with it: load it only on this step,
// keeping it out of the questionnaire's first download.
const ConsultationForm = lazy(() => import("./ConsultationForm"));

interface ResultStepProps {
  answers: CandidacyAnswers;
  onChangeAnswers: () => void;
  onReviewAnswers: () => void;
  onLeadSent: (sent: SentRequest) => void;
}

type QuoteState = { request: string; outcome: QuoteOutcome };

export function ResultStep({ answers, onChangeAnswers, onReviewAnswers, onLeadSent }: ResultStepProps) {
  const t = useTranslations("result");
  const locale = useLocale();
  const clinic = useClinicContact();
  const [attempt, setAttempt] = useState(0);
  // Once the request is sent the answers are gone from this device: "Change my answers" would
  // bring back what was just deleted, so it goes ("Back to the start" remains).
  const [sent, setSent] = useState(false);
  const [quote, setQuote] = useState<QuoteState | null>(null);
  // One key per question asked of the server; a language switch or retry asks again.
  const request = `${locale}|${attempt}|${JSON.stringify(answers)}`;

  useEffect(() => {
    const controller = new AbortController();
    fetchQuote(answers, locale, controller.signal)
      // A background render: the result is the page's largest update, and it yields to a tap.
      .then((outcome) => startTransition(() => setQuote({ request, outcome })))
      .catch(() => {
        // Aborted because the answers or language changed: a newer request is on its way.
      });
    return () => controller.abort();
  }, [answers, locale, request]);

  // While a new language loads the previous result stays up (no flash); a retry shows "working".
  const current = quote?.request === request ? quote.outcome : null;
  const outcome = current ?? (quote?.outcome.kind === "ok" ? quote.outcome : null);

  // "completed" once per set of answers shown (a language switch or a retry is not a new result).
  const { onEvent } = useQuestionnaireHost();
  const reported = useRef<string | null>(null);
  const okStatus = current?.kind === "ok" ? current.result.status : null;
  useEffect(() => {
    const key = JSON.stringify(answers);
    if (okStatus === null || reported.current === key) return;
    reported.current = key;
    onEvent?.({ type: "completed", status: okStatus });
  }, [answers, okStatus, onEvent]);

  if (!outcome) {
    return (
      <p className={styles.placeholderResult} role="status">
        {t("loading")}
      </p>
    );
  }

  if (outcome.kind !== "ok") {
    const message = outcome.kind === "invalid" ? t("invalidAnswers") : outcome.kind === "busy" ? t("busy") : t("quoteFailed");
    return (
      <div className={styles.alert} role="alert">
        <p>{message}</p>
        {outcome.kind === "invalid" ? (
          <button type="button" className="button" onClick={onReviewAnswers}>
            {t("reviewAnswers")}
          </button>
        ) : (
          <button type="button" className="button" onClick={() => setAttempt((value) => value + 1)}>
            {t("retry")}
          </button>
        )}
      </div>
    );
  }

  return (
    <>
      <ResultView result={outcome.result} clearanceMissing={asksForClearance(answers.skinConditions) && !answers.dermatologyClearance} />
      {clinic ? (
        <p className={styles.callUs}>
          {t("callUs", { clinicName: clinic.name })} <a href={`tel:${clinic.phone}`}>{clinic.phoneDisplay}</a>
        </p>
      ) : null}
      {sent ? null : (
        <button type="button" className="button-link" onClick={onChangeAnswers}>
          {t("changeAnswers")}
        </button>
      )}
      <Suspense fallback={<div className={styles.formPlaceholder} />}>
        <ConsultationForm
          answers={answers}
          onReviewAnswers={onReviewAnswers}
          onSent={(request) => {
            setSent(true);
            onLeadSent(request);
          }}
        />
      </Suspense>
    </>
  );
}
