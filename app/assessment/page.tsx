import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { Questionnaire } from "@/components/questionnaire/Questionnaire";
import { ASSESSMENT_STORAGE_KEY, RESUME_STYLE_ID } from "@/components/questionnaire/storage";
import { SiteHeader } from "@/components/site/SiteHeader";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("questionnaire");
  const site = await getTranslations("site");
  return { title: `${t("pageTitle")} | ${site("clinicName")}` };
}

// The namespaces the questionnaire's client components use; only these reach the browser.
const CLIENT_NAMESPACES = ["questionnaire", "validation", "result", "lead"] as const;

// Runs while the HTML is parsed, before any JavaScript bundle: with saved answers on this device,
// the server's first step is swapped for a same-size placeholder until the questionnaire has
// restored the saved step right after hydration (components/questionnaire/Questionnaire.tsx).
const resumeScript = `try{if(localStorage.getItem(${JSON.stringify(ASSESSMENT_STORAGE_KEY)})){var s=document.createElement("style");s.id=${JSON.stringify(RESUME_STYLE_ID)};s.textContent="[data-questionnaire-flow]{display:none!important}[data-questionnaire-resume]{display:block!important}";document.head.appendChild(s)}}catch(e){}`;

export default async function AssessmentPage() {
  const t = await getTranslations("questionnaire");
  const messages = await getMessages();
  const clientMessages = Object.fromEntries(CLIENT_NAMESPACES.map((namespace) => [namespace, messages[namespace]]));
  return (
    <>
      <SiteHeader />
      <main id="main" className="page">
        <h1>{t("pageTitle")}</h1>
        <script dangerouslySetInnerHTML={{ __html: resumeScript }} />
        <NextIntlClientProvider messages={clientMessages}>
          <Questionnaire />
        </NextIntlClientProvider>
      </main>
    </>
  );
}
