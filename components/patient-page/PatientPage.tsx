import { type AbstractIntlMessages, NextIntlClientProvider, useFormatter, useTranslations } from "next-intl";
import { ResultView } from "@/components/questionnaire/ResultView";
import type { AppLocale } from "@/lib/i18n/locales";
import { PATIENT_STAGES, type PatientStage, type PatientView } from "@/lib/patient-access/schemas";
import { EraseInquiryForm } from "./EraseInquiryForm";
import { PatientPageHeader } from "./PatientPageHeader";
import { type PatientPageSection, PatientPageSections } from "./sections";
import styles from "./patient-page.module.css";

/** The steps an inquiry walks through, shown as a list with the current one marked. */
const STEPS = ["received", "in_touch", "consultation_booked"] as const satisfies readonly PatientStage[];

/**
 * The patient's own page (/my/<token>): who it is for, the reference, where the request stands, the
 * later issues' sections (booking, photos: ./sections.tsx), the result exactly as it was shown (the
 * questionnaire's own ResultView, fed the stored result), how to reach the clinic, and their data
 * (download, erase). Server-rendered; only the result and the erase form are client components,
 * which get `clientMessages` (patientPageClientMessages: the result's and the erase form's words).
 */
export function PatientPage({
  view,
  token,
  locale,
  clientMessages,
  sections,
}: {
  view: PatientView;
  token: string;
  locale: AppLocale;
  clientMessages: AbstractIntlMessages;
  /** The page's sections (app/my/[token]/sections.ts); default: ./sections.tsx's list. */
  sections?: readonly PatientPageSection[];
}) {
  const t = useTranslations("patientPage");
  const resultWords = useTranslations("result");
  const format = useFormatter();
  const { clinic } = view;
  const stepIndex = STEPS.indexOf(view.stage as (typeof STEPS)[number]);
  const stage = PATIENT_STAGES.includes(view.stage) ? view.stage : "received";

  return (
    <>
      <PatientPageHeader clinic={clinic} locale={locale} path={`/my/${token}`} />
      <main id="main" className="page">
        <h1>{t("heading", { firstName: view.firstName })}</h1>
        {view.reference ? (
          <p className={styles.reference}>
            {t("referenceLabel")} <strong data-reference="">{view.reference}</strong>
          </p>
        ) : null}
        <p>{t("sentOn", { date: format.dateTime(new Date(view.receivedAt), { dateStyle: "long" }) })}</p>
        <p className={styles.muted}>{t("keepPrivate")}</p>

        <section aria-labelledby="stage-heading" className={styles.section} data-stage={stage}>
          <h2 id="stage-heading">{t("stageHeading")}</h2>
          {stepIndex >= 0 ? (
            <ol className={styles.steps}>
              {STEPS.map((step, i) => (
                <li key={step} className={styles.step} aria-current={i === stepIndex ? "step" : undefined}>
                  {t(`steps.${step}`)}
                  {i === stepIndex ? <span className="visually-hidden"> {t("currentStep")}</span> : null}
                </li>
              ))}
            </ol>
          ) : null}
          <p className={styles.note}>{t(`stage.${stage}`, { clinicName: clinic.name, replyPromise: clinic.replyPromise })}</p>
        </section>

        <PatientPageSections view={view} token={token} locale={locale} {...(sections ? { sections } : {})} />

        <NextIntlClientProvider locale={locale} messages={clientMessages}>
          <section aria-labelledby="result-heading" className={styles.section}>
            <h2 id="result-heading">{t("resultHeading")}</h2>
            <p>{t("resultIntro")}</p>
            <ResultView result={view.result} />
            <p>
              {resultWords("callUs", { clinicName: clinic.name })} <a href={`tel:${clinic.phone}`}>{clinic.phoneDisplay}</a>
            </p>
          </section>

          <section aria-labelledby="contact-heading" className={`${styles.section} ${styles.contact}`}>
            <h2 id="contact-heading">{t("contactHeading")}</h2>
            <p>
              <strong>{clinic.name}</strong>
            </p>
            <p>
              {t("phone")} <a href={`tel:${clinic.phone}`}>{clinic.phoneDisplay}</a>
            </p>
            <p>
              {t("email")} <a href={`mailto:${clinic.email}`}>{clinic.email}</a>
            </p>
            <p>
              {t("address")} {clinic.addressLines.join(", ")}
            </p>
            <p>{t("replyPromise", { replyPromise: clinic.replyPromise })}</p>
            <h3>{t("hours")}</h3>
            <ul>
              {clinic.hours.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="data-heading" className={styles.section}>
            <h2 id="data-heading">{t("dataHeading")}</h2>
            <p>
              <a href={`/api/v1/my/${token}/export`} download className="button button-secondary">
                {t("download")}
              </a>
            </p>
            <p className={styles.muted}>{t("downloadHint")}</p>
            <EraseInquiryForm token={token} locale={locale} />
          </section>
        </NextIntlClientProvider>
      </main>
    </>
  );
}

/** The words the page's client components need (the result, the erase form): only these reach the browser. */
export function patientPageClientMessages(messages: AbstractIntlMessages): AbstractIntlMessages {
  const patientPage = (messages.patientPage ?? {}) as AbstractIntlMessages;
  return { result: messages.result ?? {}, patientPage: { erase: patientPage.erase ?? {} } };
}
