import { z } from "zod";

import { STEP_IDS } from "@/components/questionnaire/steps";
import { LOCALES } from "@/lib/i18n/locales";

/**
 * The anonymous questionnaire funnel (POST /api/v1/questionnaire-events, api-v1.md "Admin additions").
 * Client-safe: the questionnaire imports the names, the route the schema. The server side that
 * counts is lib/reports/questionnaire-event-store.ts.
 *
 * Nothing personal is sent or stored: no cookie, no id, no address; a count per clinic-local day,
 * event, step and locale. The steps are the questionnaire's own (components/questionnaire/steps.ts),
 * minus "result", whose showing is the "completed" event.
 */
export const QUESTIONNAIRE_EVENTS = ["started", "step", "completed", "requested"] as const;
export type QuestionnaireEventName = (typeof QUESTIONNAIRE_EVENTS)[number];

export const FUNNEL_STEPS = STEP_IDS.filter((step): step is Exclude<(typeof STEP_IDS)[number], "result"> => step !== "result");
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export const questionnaireEventSchema = z
  .strictObject({
    event: z.enum(QUESTIONNAIRE_EVENTS, { error: `Unknown event: use one of ${QUESTIONNAIRE_EVENTS.join(", ")}.` }),
    step: z.enum(FUNNEL_STEPS, { error: `Unknown step: use one of ${FUNNEL_STEPS.join(", ")}.` }).optional(),
    locale: z.enum(LOCALES, { error: `Unknown locale: use one of ${LOCALES.join(", ")}.` }),
  })
  .superRefine((value, ctx) => {
    if (value.event === "step" && value.step === undefined) {
      ctx.addIssue({ code: "custom", path: ["step"], message: "A step event names its step." });
    }
    if (value.event !== "step" && value.step !== undefined) {
      ctx.addIssue({ code: "custom", path: ["step"], message: "Only a step event names a step." });
    }
  });

export type QuestionnaireEventInput = z.output<typeof questionnaireEventSchema>;

export const QUESTIONNAIRE_EVENTS_PATH = "/api/v1/questionnaire-events";
