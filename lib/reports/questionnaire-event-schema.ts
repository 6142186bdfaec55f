import { z } from "zod";

import { LOCALES } from "@/lib/i18n/locales";

import { FUNNEL_STEPS, QUESTIONNAIRE_EVENTS, type QuestionnaireEventInput } from "./questionnaire-events";

/** POST /api/v1/questionnaire-events: an unknown event, step or locale, or any other field, is a 400. */
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
  }) as z.ZodType<QuestionnaireEventInput>;

