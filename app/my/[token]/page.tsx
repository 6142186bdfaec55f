import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { PatientPage, patientPageClientMessages } from "@/components/patient-page/PatientPage";
import { PatientPageNoticeRoute } from "@/components/patient-page/PatientPageNotice";
import { PatientBookingSection } from "@/components/booking/PatientBookingSection";
import { PhotosSection } from "@/components/patient-page/PhotosSection";
import type { PatientPageSection } from "@/components/patient-page/sections";
import { requestClinicContact } from "@/lib/clinic/contact-server";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { NotFoundError, RateLimitedError } from "@/lib/errors";
import { clientIpFromHeaders } from "@/lib/http/client-ip";
import { type AppLocale, isAppLocale } from "@/lib/i18n/locales";
import { consumeRateLimit } from "@/lib/leads/rate-limit";
import { inquiryLocale, viewOwnInquiry } from "@/lib/patient-access/patient-view";

/** Health data behind a bearer link: never indexed, never sent on as a referrer (the headers say so too: proxy.ts). */
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("patientPage");
  const clinic = await requestClinicContact();
  return { title: t("metaTitle", { clinicName: clinic.name }), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/** The sections this page shows in the patient page's slot, in order (components/patient-page/sections.tsx). */
const SECTIONS: readonly PatientPageSection[] = [
  { id: "booking", Component: PatientBookingSection },
  // Photos (issue 21): the confirmed estimate once staff confirmed it, then the guided capture.
  { id: "photos", Component: PhotosSection },
];

interface PageProps {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * /my/<token>: the patient's own page (lib/patient-access, components/patient-page). Rate limited per
 * client; an unknown, expired or erased link is the same 404 (./not-found.tsx). The page opens in the
 * inquiry's language: without `?locale=` it redirects once to the address that names it, so the whole
 * page (its `<html lang>` included) speaks it; the header's switch picks the other.
 */
export default async function MyInquiryPage({ params, searchParams }: PageProps) {
  const { token } = await params;
  const asked = (await searchParams).locale;
  const db = getDb();
  const limited = await consumeRateLimit("patient_page", clientIpFromHeaders(new Headers(await headers()), getEnv().TRUSTED_PROXIES)).then(
    () => false,
    (error: unknown) => {
      if (error instanceof RateLimitedError) return true;
      throw error;
    },
  );
  if (limited) return <PatientPageNoticeRoute kind="tooMany" />;
  const locale = (await getLocale()) as AppLocale;
  if (!isAppLocale(asked)) {
    const own = await inquiryLocale(db, token);
    if (own === null) notFound();
    if (own !== locale) redirect(`/my/${encodeURIComponent(token)}?locale=${own}`);
  }
  const view = await viewOwnInquiry(db, token, { locale }).catch((error: unknown) => {
    // Erased or expired between the two reads: the same 404 as any link that opens nothing.
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return <PatientPage view={view} token={token} locale={locale} sections={SECTIONS} clientMessages={patientPageClientMessages(await getMessages())} />;
}
