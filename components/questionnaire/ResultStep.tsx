"use client";

import { useLocale, useTranslations } from "next-intl";
import { startTransition, useEffect, useRef, useState, type ReactNode } from "react";
import type { CandidacyAnswers } from "@/lib/candidacy/answers";
import { asksForClearance } from "@/lib/candidacy/clearance";
import { useClinicContact } from "./clinic-contact";
import type { SentRequest } from "./RequestSent";
import { whenIdle } from "./idle";
import { fetchQuote, type QuoteOutcome } from "./lead-request";
import { useQuestionnaireHost } from "./questionnaire-host";
import { ResultView } from "./ResultView";
import { WhoTreatsYou } from "@/components/site/WhoTreatsYou";
import styles from "./questionnaire.module.css";
import { loadConsultationForm, type ConsultationFormComponent } from "./consultation-form-chunk";


/**
 * The consultation form (its own chunk: consultation-form-chunk.ts) sits below the result, out of sight on a phone: it is rendered once the
 * browser is idle after the result has been painted, or as soon as its place comes within a screen
 * of the viewport, whichever is first, so the result reaches the screen in tasks of its own and the
 * form is there before the patient scrolls or tabs to it. Until then an empty block of the form's
 * size holds its place, so nothing moves. The component is rendered once its chunk is in (no
 * Suspense fallback to swap out, so one render and one commit).
 */
function BelowTheResult({ render }: { render: (Form: ConsultationFormComponent) => ReactNode }) {
  const t = useTranslations("result");
  const [Form, setForm] = useState<ConsultationFormComponent | null>(null);
  // The chunk did not arrive (offline for a moment, a new deployment): said, with a way to try again.
  const [failed, setFailed] = useState(false);
  const placeRef = useRef<HTMLDivElement>(null);
  const shown = Form !== null;
  useEffect(() => {
    if (shown || failed) return;
    let wanted = false;
    let cancelled = false;
    const show = () => {
      if (wanted) return;
      wanted = true;
      loadConsultationForm().then(
        (module) => {
          if (!cancelled) startTransition(() => setForm(() => module.default));
        },
        () => {
          if (!cancelled) setFailed(true);
        },
      );
    };
    const cancelIdle = whenIdle(show, 1000);
    const place = placeRef.current;
    let observer: IntersectionObserver | undefined;
    if (place && typeof IntersectionObserver === "function") {
      observer = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) show();
      }, { rootMargin: "100% 0px" });
      observer.observe(place);
    }
    return () => {
      cancelled = true;
      cancelIdle();
      observer?.disconnect();
    };
  }, [shown, failed]);
  if (Form) return render(Form);
  if (failed) {
    return (
      <div className={styles.alert} role="alert">
        <p>{t("formFailed")}</p>
        <button type="button" className="button" onClick={() => setFailed(false)}>
          {t("retry")}
        </button>
      </div>
    );
  }
  return <div ref={placeRef} className={styles.formPlaceholder} />;
}

interface ResultStepProps {
  answers: CandidacyAnswers;
  onChangeAnswers: () => void;
  onReviewAnswers: () => void;
  onLeadSent: (sent: SentRequest) => void;
  /** The check's consultation-request key (kept by the flow, so a request sent again is the same inquiry). */
  idempotencyKey?: string;
}

type QuoteState = { request: string; outcome: QuoteOutcome };

export function ResultStep({ answers, onChangeAnswers, onReviewAnswers, onLeadSent, idempotencyKey }: ResultStepProps) {
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

  // The form's chunk downloads while the quote is on its way (it is rendered after the result);
  // asked for when idle, not in the task that has just put this step on screen.
  // A failure here is not the patient's concern yet: BelowTheResult asks again and says so if it fails.
  useEffect(() => whenIdle(() => void loadConsultationForm().catch(() => undefined), 500), []);

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
      <WhoTreatsYou id="result-who" heading={t("whoTreatsYou")} text={clinic?.whoTreatsYou} level={3} />
      {sent ? null : (
        <button type="button" className="button-link" onClick={onChangeAnswers}>
          {t("changeAnswers")}
        </button>
      )}
      <BelowTheResult
        render={(ConsultationForm) => (
          <ConsultationForm
            answers={answers}
            idempotencyKey={idempotencyKey}
            onReviewAnswers={onReviewAnswers}
            onSent={(request) => {
              setSent(true);
              onLeadSent(request);
            }}
          />
        )}
      />
    </>
  );
}
