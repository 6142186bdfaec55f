"use client";

import { type AppLocale, isAppLocale } from "@/lib/i18n/locales";
import {
  QUESTIONNAIRE_EVENTS_PATH,
  type FunnelStep,
  type QuestionnaireEventInput,
  type QuestionnaireEventName,
} from "@/lib/reports/questionnaire-events";

import type { QuestionnaireEvent } from "./questionnaire-host";
import type { StepId } from "./steps";

/**
 * The anonymous funnel counts (POST /api/v1/questionnaire-events): each event at most once per
 * browser session (the sent ones are remembered in sessionStorage, never sent anywhere), fire and
 * forget (sendBeacon, else fetch keepalive), never awaited, never throwing: a failed count changes
 * nothing for the patient. Nothing personal: the event, the step name and the page's language.
 */
const SENT_KEY = "smp-funnel-sent";
const sentInMemory = new Set<string>();

function alreadySent(key: string): boolean {
  try {
    const stored = new Set<string>(JSON.parse(window.sessionStorage.getItem(SENT_KEY) ?? "[]") as string[]);
    if (stored.has(key)) return true;
    stored.add(key);
    window.sessionStorage.setItem(SENT_KEY, JSON.stringify([...stored]));
    return false;
  } catch {
    // Storage blocked (private mode, sandboxed frame): remember for this page only.
    if (sentInMemory.has(key)) return true;
    sentInMemory.add(key);
    return false;
  }
}

function send(event: Exclude<QuestionnaireEventName, "step">, locale: string): void;
function send(event: "step", locale: string, step: FunnelStep): void;
function send(event: QuestionnaireEventName, locale: string, step?: FunnelStep): void {
  try {
    const lang: AppLocale = isAppLocale(locale) ? locale : "en";
    if (alreadySent(`${event}:${step ?? ""}`)) return;
    const body = (event === "step" ? { event, step, locale: lang } : { event, locale: lang }) as QuestionnaireEventInput;
    const text = JSON.stringify(body);
    if (typeof navigator.sendBeacon === "function" && navigator.sendBeacon(QUESTIONNAIRE_EVENTS_PATH, new Blob([text], { type: "application/json" }))) return;
    void fetch(QUESTIONNAIRE_EVENTS_PATH, { method: "POST", body: text, keepalive: true, credentials: "omit", headers: { "content-type": "application/json" } }).catch(() => undefined);
  } catch {
    // Counting must never disturb the questionnaire.
  }
}

const funnelStep = (step: StepId): FunnelStep | undefined => (step === "result" ? undefined : step);

/** The questionnaire was opened on `step` (a new visit, or answers restored on a later step). */
export function countQuestionnaireStart(step: StepId, locale: string): void {
  send("started", locale);
  const reached = funnelStep(step);
  if (reached) send("step", locale, reached);
}

/** A step reached, a result shown, a consultation requested. */
export function countQuestionnaireEvent(event: QuestionnaireEvent, locale: string): void {
  if (event.type === "step") {
    const reached = funnelStep(event.step);
    if (reached) send("step", locale, reached);
  } else if (event.type === "completed") send("completed", locale);
  else send("requested", locale);
}
