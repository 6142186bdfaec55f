import { isStepId, type StepId } from "./steps";

/*
 * Each step is a browser history entry: its address is /assessment?step=<id>, so Back goes one
 * step back, Forward returns, and a link or bookmark opens that step (with the answers saved on
 * the device). The address is the source of truth on "popstate"; the flow checks that the step
 * can be reached with the answers given and otherwise shows the first step still to answer.
 */

export const STEP_PARAM = "step";

/** The step named in an address's query (`?step=health`), or null. */
export function stepFromSearch(search: string): StepId | null {
  const value = new URLSearchParams(search).get(STEP_PARAM);
  return isStepId(value) ? value : null;
}

/** The relative address of a step, keeping every other query parameter (utm_* tags). */
export function stepHref(step: StepId, search: string = typeof window === "undefined" ? "" : window.location.search): string {
  const params = new URLSearchParams(search);
  params.set(STEP_PARAM, step);
  return `?${params.toString()}`;
}

/** Records a step in the browser history: a new entry (push) or the current one (replace). */
export function recordStep(step: StepId, mode: "push" | "replace"): void {
  if (typeof window === "undefined") return;
  if (stepFromSearch(window.location.search) === step) return;
  const href = stepHref(step);
  // Next.js (App Router) keeps its own state in the entry when the native History API is used.
  if (mode === "push") window.history.pushState(null, "", href);
  else window.history.replaceState(null, "", href);
}
