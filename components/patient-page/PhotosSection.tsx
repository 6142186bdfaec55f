import { type AbstractIntlMessages, NextIntlClientProvider } from "next-intl";
import { getFormatter, getMessages, getTranslations } from "next-intl/server";

import type { CandidacyResult } from "@/lib/candidacy/result";
import { getDb } from "@/lib/db/client";
import { formatDollars } from "@/lib/i18n/numbers";
import { resolveAccessToken } from "@/lib/patient-access/tokens";
import { listOwnPhotos } from "@/lib/photos/store";

import type { PatientPageSectionProps } from "./sections";
import { PhotoCapture } from "./PhotoCapture";
import styles from "./patient-page.module.css";

/**
 * The patient's page's photo section (issue 21): the confirmed estimate once staff confirmed it from
 * the photos, then the guided capture (a client component; only the "photos" words reach the browser).
 */
export async function PhotosSection({ token, locale }: PatientPageSectionProps) {
  const db = getDb();
  const leadId = await resolveAccessToken(db, token);
  if (leadId === null) return null;
  const [photos, assessment] = await Promise.all([
    listOwnPhotos(db, leadId),
    db.leadAssessment.findUnique({ where: { leadId }, select: { confirmedResult: true, assessedAt: true } }),
  ]);
  const t = await getTranslations("photos");
  const format = await getFormatter();
  const messages = await getMessages();
  // Stored by lib/photos/assessment.ts from an evaluated CandidacyResult (in the inquiry's language).
  const confirmed = assessment ? (assessment.confirmedResult as unknown as CandidacyResult) : null;
  const price = confirmed
    ? confirmed.price.minUsd === confirmed.price.maxUsd
      ? formatDollars(confirmed.price.minUsd, locale)
      : `${formatDollars(confirmed.price.minUsd, locale)} – ${formatDollars(confirmed.price.maxUsd, locale)}`
    : null;
  return (
    <>
      {confirmed && assessment ? (
        <section aria-labelledby="confirmed-heading" className={`${styles.section} ${styles.confirmed}`} data-confirmed="">
          <h2 id="confirmed-heading">{t("confirmedHeading")}</h2>
          <p>{t("confirmedIntro", { date: format.dateTime(assessment.assessedAt, { dateStyle: "long" }) })}</p>
          <p>
            <strong data-confirmed-price="">{t("confirmedPrice", { price: price ?? "" })}</strong>
          </p>
          <p>{t("confirmedNote")}</p>
        </section>
      ) : null}
      <NextIntlClientProvider locale={locale} messages={{ photos: (messages.photos ?? {}) as AbstractIntlMessages }}>
        <PhotoCapture token={token} existing={photos} />
      </NextIntlClientProvider>
    </>
  );
}
