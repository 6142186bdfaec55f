"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState, type HTMLInputTypeAttribute } from "react";
import { FormProvider, useForm, useFormContext, useFormState, type FieldPath, type Resolver } from "react-hook-form";
import type { CandidacyAnswers } from "@/lib/candidacy/answers";
import { PREFERRED_CONTACT } from "@/lib/leads/preferred-contact";
import { LEAD_LIMITS } from "@/lib/leads/lead-limits";
import { formatCount } from "@/lib/i18n/numbers";
import { isAppLocale } from "@/lib/i18n/locales";
import type { ConsultationInput, ConsultationOutput } from "./consultation-validation";
import { FieldError, INVALID_INPUT_SELECTOR, invalidProps } from "./fields";
import { shownLeadMessageKey } from "./lead-messages";
import { newIdempotencyKey, readLeadSource, sendLead } from "./lead-request";
import { useClinicContact } from "./clinic-contact";
import { RequestSent, type SentRequest } from "./RequestSent";
import { useQuestionnaireHost } from "./questionnaire-host";
import { PRIVACY_NOTICE_VERSION } from "@/lib/leads/privacy-notice";
import styles from "./questionnaire.module.css";

// The API's own contact and consent schemas bring zod and the phone-number library: they load
// when the patient first touches or focuses the form (or sends it), not with the result.
let validationModule: Promise<typeof import("./consultation-validation")> | undefined;
const loadValidation = () => (validationModule ??= import("./consultation-validation"));
const prefetchValidation = () => {
  void loadValidation();
};
const resolver: Resolver<ConsultationInput, unknown, ConsultationOutput> = async (values, context, options) =>
  (await loadValidation()).consultationResolver(values, context, options);

type ConsultationField = FieldPath<ConsultationInput>;

type FormProblem = "fixFields" | "answers" | "rateLimited" | "unavailable" | "network" | "generic";

interface ConsultationFormProps {
  answers: CandidacyAnswers;
  onReviewAnswers: () => void;
  /** Called once the clinic has the request (the saved answers can then be deleted). */
  onSent: (sent: SentRequest) => void;
  /**
   * The questionnaire's key for this check: every send uses it, before and after a success, so
   * the server's idempotent path answers a send again with the same inquiry. Without it, one key
   * per submission attempt (a new one after a success).
   */
  idempotencyKey?: string;
}

function domId(name: string, part?: "error" | "hint"): string {
  return `lead-${name.replace(".", "-")}${part ? `-${part}` : ""}`;
}

/** The notes limit from the schema's own figure, written the patient's way (lib/i18n/numbers.ts). */
function useNotesMax(): string {
  const locale = useLocale();
  return formatCount(LEAD_LIMITS.notesMax, isAppLocale(locale) ? locale : "en");
}

function useLeadError(name: ConsultationField): string | undefined {
  const t = useTranslations("validation.lead");
  const max = useNotesMax();
  const { getFieldState } = useFormContext<ConsultationInput>();
  const formState = useFormState<ConsultationInput>({ name });
  const message = getFieldState(name, formState).error?.message;
  // Messages are keys already (consultation-validation.ts maps the schema's and the server's).
  return message === undefined ? undefined : t(shownLeadMessageKey(message), { max });
}

function TextField({
  name,
  label,
  hint,
  type = "text",
  autoComplete,
  multiline = false,
}: {
  name: ConsultationField;
  label: string;
  hint?: string;
  type?: HTMLInputTypeAttribute;
  autoComplete?: string;
  multiline?: boolean;
}) {
  const { register } = useFormContext<ConsultationInput>();
  const error = useLeadError(name);
  const describedBy = [hint ? domId(name, "hint") : null, error ? domId(name, "error") : null].filter(Boolean).join(" ");
  const common = {
    id: domId(name),
    className: multiline ? `${styles.input} ${styles.textarea}` : styles.input,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy || undefined,
  };
  return (
    <div className={styles.field}>
      <label htmlFor={domId(name)} className={styles.label}>
        {label}
      </label>
      {hint ? (
        <p id={domId(name, "hint")} className={styles.hint}>
          {hint}
        </p>
      ) : null}
      <FieldError id={domId(name, "error")} message={error} />
      {multiline ? (
        <textarea {...common} rows={4} {...register(name)} />
      ) : (
        <input {...common} type={type} autoComplete={autoComplete} {...register(name)} />
      )}
    </div>
  );
}

function ConsentBox({ name, label }: { name: "consent.contactAccepted" | "consent.privacyAccepted"; label: string }) {
  const { register } = useFormContext<ConsultationInput>();
  const error = useLeadError(name);
  return (
    <div className={styles.consent}>
      <FieldError id={domId(name, "error")} message={error} />
      <label htmlFor={domId(name)} className={styles.option}>
        <input
          id={domId(name)}
          type="checkbox"
          className={styles.optionInput}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? domId(name, "error") : undefined}
          {...register(name)}
        />
        <span className={styles.optionText}>
          <span className={styles.optionLabel}>{label}</span>
        </span>
      </label>
    </div>
  );
}

function PreferredContactField() {
  const t = useTranslations("lead");
  const { register } = useFormContext<ConsultationInput>();
  const error = useLeadError("contact.preferredContact");
  const errorId = domId("contact.preferredContact", "error");
  return (
    <fieldset
      className={styles.fieldset}
      role="radiogroup"
      aria-labelledby="lead-preferred-legend"
      aria-invalid={error ? true : undefined}
    >
      <legend id="lead-preferred-legend" className={styles.legend}>
        {t("preferredLegend")}
      </legend>
      <FieldError id={errorId} message={error} />
      <div className={`${styles.options} ${styles.optionsInline}`}>
        {PREFERRED_CONTACT.map((method) => (
          <label key={method} htmlFor={domId(`contact.preferred-${method}`)} className={styles.option}>
            <input
              id={domId(`contact.preferred-${method}`)}
              type="radio"
              value={method}
              className={styles.optionInput}
              {...invalidProps("radio", Boolean(error))}
              aria-describedby={error ? errorId : undefined}
              {...register("contact.preferredContact")}
            />
            <span className={styles.optionText}>
              <span className={styles.optionLabel}>{t(`preferred.${method}`)}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export default function ConsultationForm({ answers, onReviewAnswers, onSent, idempotencyKey: checkKey }: ConsultationFormProps) {
  const t = useTranslations("lead");
  const tResult = useTranslations("result");
  const locale = useLocale() === "es" ? "es" : "en";
  const host = useQuestionnaireHost();
  const clinic = useClinicContact();
  const notesMax = useNotesMax();
  const form = useForm<ConsultationInput, unknown, ConsultationOutput>({
    resolver,
    defaultValues: {
      contact: { firstName: "", lastName: "", email: "", phone: "", notes: "" },
      consent: { textVersion: `${PRIVACY_NOTICE_VERSION}.${locale}` },
      website: "",
    },
    shouldFocusError: false, // Focused after the messages render, so they are read out with the field.
  });
  const { handleSubmit, setError, setValue } = form;
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [sent, setSent] = useState<(SentRequest & { firstName: string; accessUrl: string | null }) | null>(null);
  const [focusTick, setFocusTick] = useState(0);
  // One key per submission attempt: a double click or a retry after a timeout, 429 or 503 sends
  // the same key, so the clinic gets one inquiry. A new key only after a successful send.
  const idempotencyKey = useRef<string | null>(null);
  const inFlight = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);

  // The consent text shown depends on the language: record the version of the one on screen.
  useEffect(() => {
    setValue("consent.textVersion", `${PRIVACY_NOTICE_VERSION}.${locale}`);
  }, [locale, setValue]);

  // RHF publishes a failed submit's errors after onInvalid returns; submitCount changes in that
  // same update, so focusing on it finds the rendered messages. Server answers bump focusTick.
  const { submitCount } = useFormState({ control: form.control });
  useEffect(() => {
    if (focusTick === 0 && submitCount === 0) return;
    const firstInvalid = formRef.current?.querySelector<HTMLElement>(INVALID_INPUT_SELECTOR);
    (firstInvalid ?? problemRef.current)?.focus();
  }, [focusTick, submitCount]);

  useEffect(() => {
    if (sent) doneRef.current?.focus();
  }, [sent]);

  const onValid = async (data: ConsultationOutput) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setSending(true);
    setProblem(null);
    idempotencyKey.current ??= checkKey ?? newIdempotencyKey();
    const outcome = await sendLead({
      answers,
      contact: { ...data.contact, notes: data.contact.notes ? data.contact.notes : undefined },
      consent: data.consent,
      source: host.leadSource ?? readLeadSource(window.location, document.referrer),
      idempotencyKey: idempotencyKey.current,
      locale,
      honeypot: data.website ?? "",
    });
    inFlight.current = false;
    setSending(false);
    switch (outcome.kind) {
      case "created":
        if (checkKey === undefined) idempotencyKey.current = null;
        {
          // An inquiry stored before references existed has none: its id stands in.
          const request: SentRequest = { reference: outcome.reference ?? outcome.id, method: data.contact.preferredContact };
          setSent({ ...request, firstName: data.contact.firstName, accessUrl: outcome.accessUrl });
          onSent(request);
          host.onEvent?.({ type: "consultation-requested", status: outcome.result?.status, reference: request.reference });
        }
        return;
      case "invalid": {
        const { leadMessageKey } = await loadValidation();
        let fieldErrors = 0;
        let answerErrors = 0;
        for (const [path, message] of Object.entries(outcome.fields)) {
          if (path.startsWith("contact.") || path.startsWith("consent.contactAccepted") || path.startsWith("consent.privacyAccepted")) {
            setError(path as ConsultationField, { type: "server", message: leadMessageKey(message) });
            fieldErrors += 1;
          } else if (path.startsWith("answers")) {
            answerErrors += 1;
          }
        }
        setProblem(answerErrors > 0 ? "answers" : fieldErrors > 0 ? "fixFields" : "generic");
        break;
      }
      case "rate_limited":
        setProblem("rateLimited");
        break;
      case "unavailable":
        setProblem("unavailable");
        break;
      case "network":
        setProblem("network");
        break;
      default:
        setProblem("generic");
    }
    setFocusTick((tick) => tick + 1);
  };

  const onInvalid = () => setProblem("fixFields");

  if (sent) {
    return <RequestSent sent={sent} firstName={sent.firstName} accessUrl={sent.accessUrl} headingRef={doneRef} embedded={host.embedded} />;
  }

  return (
    <section className={styles.lead} aria-labelledby="lead-heading">
      <h3 id="lead-heading">{t("heading")}</h3>
      <p>{t("intro")}</p>
      <FormProvider {...form}>
        <form
          ref={formRef}
          noValidate
          onPointerDownCapture={prefetchValidation}
          onFocusCapture={prefetchValidation}
          onSubmit={(event) => void handleSubmit(onValid, onInvalid)(event)}>
          <div ref={problemRef} tabIndex={-1} role="alert" className={problem ? styles.alert : undefined}>
            {problem ? (
              <>
                <p>{t(`errors.${problem}`)}</p>
                {problem === "answers" ? (
                  <button type="button" className="button button-secondary" onClick={onReviewAnswers}>
                    {tResult("reviewAnswers")}
                  </button>
                ) : null}
              </>
            ) : null}
          </div>
          <div className={styles.nameRow}>
            <TextField name="contact.firstName" label={t("firstName")} autoComplete="given-name" />
            <TextField name="contact.lastName" label={t("lastName")} autoComplete="family-name" />
          </div>
          <TextField name="contact.email" label={t("email")} type="email" autoComplete="email" />
          <TextField name="contact.phone" label={t("phone")} hint={t("phoneHint")} type="tel" autoComplete="tel" />
          <PreferredContactField />
          <TextField name="contact.notes" label={t("notes")} hint={t("notesHint", { max: notesMax })} multiline />
          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>{t("consentLegend")}</legend>
            <ConsentBox name="consent.contactAccepted" label={t("consentContact", { clinicName: clinic?.name ?? t("theClinic") })} />
            <ConsentBox name="consent.privacyAccepted" label={t("consentPrivacy")} />
            <p className={styles.hint}>
              <a href="/privacy" target="_blank" rel="noopener">
                {t("privacyLink")}
              </a>{" "}
              {t("opensNewTab")}
            </p>
          </fieldset>
          {/* Honeypot: invisible and unreachable for people, tempting for form-filling bots. */}
          <div className={styles.honeypot} aria-hidden="true">
            <label htmlFor="lead-website">{t("honeypot")}</label>
            <input id="lead-website" type="text" tabIndex={-1} autoComplete="off" {...form.register("website")} />
          </div>
          <button type="submit" className={`button ${styles.submit}`} disabled={sending} aria-disabled={sending}>
            {sending ? t("sending") : t("submit")}
          </button>
        </form>
      </FormProvider>
    </section>
  );
}
