"use client";

import { type AppLocale, isAppLocale } from "@/lib/i18n/locales";
import {
  QUESTIONNAIRE_EVENTS_PATH,
  type FunnelStep,
  type QuestionnaireEventInput,
  type QuestionnaireEventName,
} from "@/lib/reports/questionnaire-events";

import { whenIdle, type IdleDeadlineLike } from "./idle";
import type { QuestionnaireEvent } from "./questionnaire-host";
import type { StepId } from "./steps";

/**
 * The anonymous funnel counts (POST /api/v1/questionnaire-events): each event at most once per
 * browser session (the sent ones are remembered in sessionStorage, never sent anywhere), fire and
 * forget (sendBeacon, else fetch keepalive, when the browser is idle), never awaited, never throwing:
 * a failed count changes nothing for the patient. Nothing personal: the event, the step name and the page's language.
 */
const SENT_KEY = "smp-funnel-sent";
const sentInMemory = new Set<string>();

function readSent(): Set<string> | null {
  try {
    return new Set<string>(JSON.parse(window.sessionStorage.getItem(SENT_KEY) ?? "[]") as string[]);
  } catch {
    // Storage blocked (private mode, sandboxed frame): remember for this page only.
    return null;
  }
}

function writeSent(sent: Set<string>): void {
  try {
    window.sessionStorage.setItem(SENT_KEY, JSON.stringify([...sent]));
  } catch {
    // Blocked or full: the in-memory set still keeps this page from counting twice.
  }
}

type PendingEvent = { event: QuestionnaireEventName; locale: string; step?: FunnelStep };

/*
 * Counts wait for an idle moment (idle.ts): reading sessionStorage and handing a beacon to the
 * browser cost a few milliseconds each, which belong in a task of their own, not in the one that
 * shows the step or the result. Leaving the page sends what is still waiting (sendBeacon outlives it).
 */
const pending: PendingEvent[] = [];
let cancelScheduled: (() => void) | null = null;
let listeningForPageHide = false;

/** Sends the waiting counts, while the idle period lasts (the rest waits for the next one). */
function deliver(deadline?: IdleDeadlineLike): void {
  try {
    const stored = readSent();
    while (pending.length > 0) {
      const { event, locale, step } = pending.shift() as PendingEvent;
      const key = `${event}:${step ?? ""}`;
      if (stored ? stored.has(key) : sentInMemory.has(key)) continue;
      if (stored) stored.add(key);
      else sentInMemory.add(key);
      const lang: AppLocale = isAppLocale(locale) ? locale : "en";
      const body = (event === "step" ? { event, step, locale: lang } : { event, locale: lang }) as QuestionnaireEventInput;
      const text = JSON.stringify(body);
      if (typeof navigator.sendBeacon !== "function" || !navigator.sendBeacon(QUESTIONNAIRE_EVENTS_PATH, new Blob([text], { type: "application/json" }))) {
        void fetch(QUESTIONNAIRE_EVENTS_PATH, { method: "POST", body: text, keepalive: true, credentials: "omit", headers: { "content-type": "application/json" } }).catch(() => undefined);
      }
      if (deadline && !deadline.didTimeout && deadline.timeRemaining() < 2) break;
    }
    if (stored) writeSent(stored);
  } catch {
    // Counting must never disturb the questionnaire.
  }
  if (pending.length > 0) schedule();
}

function schedule(): void {
  cancelScheduled ??= whenIdle((deadline) => {
    cancelScheduled = null;
    deliver(deadline);
  }, 2000);
}

/** Leaving the page: everything still waiting goes now. */
function flush(): void {
  cancelScheduled?.();
  cancelScheduled = null;
  deliver();
}

function send(event: Exclude<QuestionnaireEventName, "step">, locale: string): void;
function send(event: "step", locale: string, step: FunnelStep): void;
function send(event: QuestionnaireEventName, locale: string, step?: FunnelStep): void {
  try {
    pending.push({ event, locale, step });
    if (!listeningForPageHide) {
      listeningForPageHide = true;
      window.addEventListener("pagehide", flush);
    }
    schedule();
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
