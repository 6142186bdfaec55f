import { headers } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { Suspense } from "react";
import { getMessages } from "next-intl/server";
import { NONCE_HEADER } from "@/lib/http/security-headers";
import { requestClinicContact } from "@/lib/clinic/contact-server";
import { bookingConfigOf } from "@/lib/booking/patient-booking";
import { getDb } from "@/lib/db/client";
import type { AppLocale } from "@/lib/i18n/locales";
import { Questionnaire } from "./Questionnaire";
import { ASSESSMENT_STORAGE_KEY, RESUME_STYLE_ID } from "./storage";

// The namespaces the questionnaire's client components use; only these reach the browser.
const CLIENT_NAMESPACES = ["questionnaire", "validation", "result", "lead", "booking", "photos"] as const;

// Runs while the HTML is parsed, before any JavaScript bundle: with saved answers on this device,
// the server's first step is swapped for a same-size placeholder until the questionnaire has
// restored the saved step right after hydration (components/questionnaire/Questionnaire.tsx).
// A link to a later step (?step=health) is shown the same way, without a flash of step 1.
//
// Then, in a task of its own just after the first frame (while the page's JavaScript is still
// downloading, so after the first paint and before hydration), it has the Intl number service load
// its locale data once: the first message with an argument (next-intl's formatter asks
// Intl.NumberFormat.supportedLocalesOf) otherwise pays 10-20 ms for it in the middle of hydration,
// inside one of its slices. (requestIdleCallback came too late: no idle period before hydration.)
const resumeScript = `try{if(localStorage.getItem(${JSON.stringify(ASSESSMENT_STORAGE_KEY)})||/[?&]step=(?!about(&|$))/.test(location.search)){var s=document.createElement("style");s.id=${JSON.stringify(RESUME_STYLE_ID)};s.textContent="[data-questionnaire-flow]{display:none!important}[data-questionnaire-resume]{display:block!important}";document.head.appendChild(s)}}catch(e){}try{requestAnimationFrame(function(){setTimeout(function(){try{Intl.NumberFormat.supportedLocalesOf(document.documentElement.lang||"en")}catch(e){}},0)})}catch(e){}`;

/**
 * The questionnaire with its messages and resume script: one server component shared by the
 * app's page (app/assessment) and the frame on the clinic's site (app/embed/assessment), which
 * passes the language the embed tag asked for.
 */
export async function QuestionnaireSection({ locale }: { locale?: AppLocale }) {
  const messages = await getMessages(locale ? { locale } : undefined);
  const clientMessages = Object.fromEntries(CLIENT_NAMESPACES.map((namespace) => [namespace, messages[namespace]]));
  // The page's Content-Security-Policy runs inline scripts only with this request's nonce (proxy.ts).
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  const clinic = await requestClinicContact(locale);
  // The confirmation screen offers a consultation time right away (components/booking): only when a type is on.
  const booking = await bookingConfigOf(getDb());
  return (
    <>
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: resumeScript }} />
      <NextIntlClientProvider messages={clientMessages} {...(locale ? { locale } : {})}>
        {/* Nothing suspends here: the boundary makes React hydrate the questionnaire after the
            rest of the page, in small slices that leave the main thread free between them (the
            page's own hydration is one uninterruptible task), so a tap is never kept waiting. */}
        <Suspense>
          <Questionnaire clinic={clinic} booking={booking.types.length > 0 ? booking : null} />
        </Suspense>
      </NextIntlClientProvider>
    </>
  );
}
