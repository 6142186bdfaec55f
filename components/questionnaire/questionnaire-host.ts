"use client";

import { useLocale } from "next-intl";
import { createContext, useContext, useMemo } from "react";
import type { CandidacyStatus } from "@/lib/candidacy/result";
import type { LeadSource } from "@/lib/leads/lead-input";
import { countQuestionnaireEvent } from "./funnel-events";
import type { StepId } from "./steps";

/**
 * Where the questionnaire runs. On the app's own pages nothing is provided and the defaults hold;
 * inside the clinic's website (app/embed/assessment, components/embed/EmbeddedAssessment.tsx) the
 * frame provides these, so the same component serves both without a fork.
 */
export interface QuestionnaireHost {
  /** Inside an iframe on another site: moving focus must not scroll the host page. */
  embedded: boolean;
  /** The inquiry's source when the page's own URL is not where the patient came from. */
  leadSource?: LeadSource;
  /** Told about a new step, a shown result and a sent request (nothing personal). */
  onEvent?: (event: QuestionnaireEvent) => void;
}

export type QuestionnaireEvent =
  | { type: "step"; step: StepId }
  | { type: "completed"; status: CandidacyStatus }
  | { type: "consultation-requested"; status: CandidacyStatus | undefined; reference: string };

const defaultHost: QuestionnaireHost = { embedded: false };

export const QuestionnaireHostContext = createContext<QuestionnaireHost>(defaultHost);

/** The host, its `onEvent` also counting the anonymous funnel (funnel-events.ts) wherever the questionnaire runs. */
export function useQuestionnaireHost(): QuestionnaireHost {
  const host = useContext(QuestionnaireHostContext);
  const locale = useLocale();
  return useMemo(
    () => ({
      ...host,
      onEvent: (event: QuestionnaireEvent) => {
        countQuestionnaireEvent(event, locale);
        host.onEvent?.(event);
      },
    }),
    [host, locale],
  );
}
