/**
 * What the clinic pastes into its own website: the embed tag and an analytics example for the two
 * events. One home for both texts: the admin page "Add to your website" (/staff/embed) shows them
 * with the app's origin, and the README's "On your website" section quotes them with APP
 * (tests/unit/embed/snippet.test.ts keeps the README in step).
 */
import type { AppLocale } from "@/lib/i18n/locales";

export interface SnippetOptions {
  /** "es" shows the questionnaire in Spanish whatever the visitor's browser language. */
  locale?: AppLocale;
  /** A CSS selector of the element to put the questionnaire in (default: where the tag stands). */
  target?: string;
}

export function embedSnippet(appOrigin: string, options: SnippetOptions = {}): string {
  const attributes = [
    `src="${appOrigin}/embed.js"`,
    ...(options.locale ? [`data-locale="${options.locale}"`] : []),
    ...(options.target ? [`data-target="${options.target}"`] : []),
    "async",
  ];
  return `<script ${attributes.join(" ")}></script>`;
}

/** A page's analytics: Google Tag Manager's dataLayer here; any tool's call goes in its place. */
export const ANALYTICS_EXAMPLE = `<script>
  // The estimator tells this page when a patient sees a result and when they ask for a consultation.
  // event.detail.status: "eligible", "eligible_with_conditions", "clearance_required" or "consult_required";
  // event.detail.reference: the inquiry's reference (consultation requests only). Nothing personal.
  window.dataLayer = window.dataLayer || [];
  window.addEventListener("smp:completed", function (event) {
    window.dataLayer.push({ event: "smp_completed", smp_status: event.detail.status });
  });
  window.addEventListener("smp:consultation-requested", function (event) {
    window.dataLayer.push({ event: "smp_consultation_requested", smp_status: event.detail.status, smp_reference: event.detail.reference });
  });
</script>`;
