import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { QuestionnaireSection } from "@/components/questionnaire/QuestionnaireSection";
import { SiteFooter } from "@/components/site/SiteFooter";
import { SiteHeader } from "@/components/site/SiteHeader";
import { requestClinicContact } from "@/lib/clinic/contact-server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("questionnaire");
  const clinic = await requestClinicContact();
  return { title: `${t("pageTitle")} | ${clinic.name}` };
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
      <SiteFooter />
    </>
  );
}
