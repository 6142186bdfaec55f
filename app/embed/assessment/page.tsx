import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { EmbeddedAssessment } from "@/components/embed/EmbeddedAssessment";
import { QuestionnaireSection } from "@/components/questionnaire/QuestionnaireSection";
import { allowedParentOrigin } from "@/lib/embed/origins";
import { embedLeadSource, type EmbedSearchParams } from "@/lib/embed/source";
import { appOrigin, getEnv } from "@/lib/env";
import { DEFAULT_LOCALE, isAppLocale } from "@/lib/i18n/locales";
import { requestClinicContact } from "@/lib/clinic/contact-server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("questionnaire");
  const clinic = await requestClinicContact();
  return { title: `${t("pageTitle")} | ${clinic.name}`, robots: { index: false } };
}

/**
 * The questionnaire inside the clinic's own website (an iframe that public/embed.js inserts):
 * the same component as /assessment without the site header. Which sites may frame it is
 * EMBED_ALLOWED_ORIGINS (frame-ancestors, set per route); `parent` is the origin the script runs
 * on, used as the frame's only postMessage target when it is one of them.
 */
export default async function EmbeddedAssessmentPage({ searchParams }: { searchParams: Promise<EmbedSearchParams> }) {
  const params = await searchParams;
  const requested = Array.isArray(params.locale) ? params.locale[0] : params.locale;
  const fallback = await getLocale();
  const locale = isAppLocale(requested) ? requested : isAppLocale(fallback) ? fallback : DEFAULT_LOCALE;
  const env = getEnv();
  const claimedParent = Array.isArray(params.parent) ? params.parent[0] : params.parent;
  const parentOrigin = allowedParentOrigin(claimedParent, env.EMBED_ALLOWED_ORIGINS, appOrigin(env));
  const t = await getTranslations({ locale, namespace: "questionnaire" });
  return (
    <EmbeddedAssessment parentOrigin={parentOrigin} leadSource={embedLeadSource(params)}>
      <main id="main" className="page" lang={locale}>
        {/* The clinic's page has its own title; screen readers still get the frame's. */}
        <h1 className="visually-hidden">{t("pageTitle")}</h1>
        <QuestionnaireSection locale={locale} />
      </main>
    </EmbeddedAssessment>
  );
}
