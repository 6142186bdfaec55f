import { STEP_IDS } from "@/lib/questionnaire/step-ids";
import type { AppLocale } from "@/lib/i18n/locales";

/**
 * The anonymous questionnaire funnel (POST /api/v1/questionnaire-events, api-v1.md "Admin additions").
 * Client-safe and free of zod (the questionnaire sends these before validation has loaded); the
 * schema is questionnaire-event-schema.ts, the counting lib/reports/questionnaire-event-store.ts.
 *
 * Nothing personal is sent or stored: no cookie, no id, no address; a count per clinic-local day,
 * event, step and locale. The steps are the questionnaire's own (components/questionnaire/steps.ts),
 * minus "result", whose showing is the "completed" event.
 */
export const QUESTIONNAIRE_EVENTS = ["started", "step", "completed", "requested"] as const;
export type QuestionnaireEventName = (typeof QUESTIONNAIRE_EVENTS)[number];

export const FUNNEL_STEPS = STEP_IDS.filter((step): step is Exclude<(typeof STEP_IDS)[number], "result"> => step !== "result");
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** The body of one count (validated on the server by questionnaireEventSchema). */
export type QuestionnaireEventInput =
  | { event: Exclude<QuestionnaireEventName, "step">; step?: undefined; locale: AppLocale }
  | { event: "step"; step: FunnelStep; locale: AppLocale };

export const QUESTIONNAIRE_EVENTS_PATH = "/api/v1/questionnaire-events";
