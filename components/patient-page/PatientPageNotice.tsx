import Link from "next/link";
import { useTranslations } from "next-intl";
import { getLocale } from "next-intl/server";
import { requestClinicContact } from "@/lib/clinic/contact-server";
import type { ClinicContact } from "@/lib/clinic/contact";
import type { AppLocale } from "@/lib/i18n/locales";
import siteStyles from "@/components/site/site.module.css";
import { PatientPageHeader } from "./PatientPageHeader";

/**
 * The patient page's other states, each a full page with the clinic's header: a link that opens
 * nothing (the same for unknown, expired and erased links), too many requests, and the
 * confirmation after the patient erased their request.
 */
export type PatientPageNoticeKind = "notFound" | "tooMany" | "erased";

export function PatientPageNotice({ kind, clinic, locale }: { kind: PatientPageNoticeKind; clinic: ClinicContact; locale: AppLocale }) {
  const t = useTranslations("patientPage");
  const path = kind === "erased" ? "/my/erased" : "/my/link";
  return (
    <>
      <PatientPageHeader clinic={clinic} locale={locale} path={path} />
      <main id="main" className="page" data-patient-page={kind}>
        <h1>{t(`${kind}.title`)}</h1>
        <p className={siteStyles.lead}>{t(`${kind}.body`)}</p>
        {kind === "erased" ? <p>{t("erased.again")}</p> : null}
        <p className={siteStyles.actions}>
          {kind === "notFound" ? (
            <Link href={`/my/link?locale=${locale}`} className="button">
              {t("notFound.lostLink")}
            </Link>
          ) : null}
          {kind === "erased" ? (
            <Link href="/assessment" className="button button-secondary">
              {t("erased.start")}
            </Link>
          ) : null}
          <a href={`tel:${clinic.phone}`}>{clinic.phoneDisplay}</a>
        </p>
      </main>
    </>
  );
}

/** The notice as a route renders it: the clinic's contact and the language of this request. */
export async function PatientPageNoticeRoute({ kind }: { kind: PatientPageNoticeKind }) {
  const locale = (await getLocale()) as AppLocale;
  return <PatientPageNotice kind={kind} clinic={await requestClinicContact()} locale={locale} />;
}
