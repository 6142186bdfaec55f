import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { QuestionnaireSection } from "@/components/questionnaire/QuestionnaireSection";
import { SiteHeader } from "@/components/site/SiteHeader";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("questionnaire");
  const site = await getTranslations("site");
  return { title: `${t("pageTitle")} | ${site("clinicName")}` };
}

export default async function AssessmentPage() {
  const t = await getTranslations("questionnaire");
  return (
    <>
      <SiteHeader />
      <main id="main" className="page">
        <h1>{t("pageTitle")}</h1>
        <QuestionnaireSection />
      </main>
    </>
  );
}
