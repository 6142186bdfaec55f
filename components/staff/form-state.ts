"use client";

import { useState } from "react";

import { IDLE, type ActionState } from "@/lib/workspace/action-state";

/**
 * The stale-select bug, and its one fix. React 19 resets a `<form action>` after its action: every
 * field goes back to its DEFAULT value, i.e. what the field was first rendered with. The page then
 * re-renders with the saved value, but a mounted select's `defaultValue` (or a controlled `value`
 * that did not change) no longer reaches the DOM, so the select showed the OLD value beside "Saved."
 * and a second click silently reverted the change.
 *
 * A field that shows a saved value is therefore keyed by it (`key={savedFieldKey(saved)}` with
 * `defaultValue={saved}`): when the saved value changes the field is mounted afresh with the new
 * default, and the reset lands on the saved value. Works without JavaScript too (a plain form post).
 */
export function savedFieldKey(saved: string): string {
  return `saved:${saved}`;
}

/** A piece of form state that starts again from `saved` whenever `saved` changes (the page re-rendered after the action). */
export function useSavedValue(saved: string): [string, (value: string) => void] {
  const [value, setValue] = useState(saved);
  const [seen, setSeen] = useState(saved);
  if (seen !== saved) {
    // Adjusting state while rendering: React's documented pattern for "reset when a prop changes".
    setSeen(saved);
    setValue(saved);
  }
  return [value, setValue];
}

/**
 * The outcome message of a form: hidden while the next submission is pending and as soon as the person
 * starts another change (`dismiss` from the fields' onChange), so "Saved." never stands beside a value
 * that is not saved.
 */
export function useShownState(state: ActionState, pending: boolean): { shown: ActionState; dismiss: () => void } {
  const [dismissed, setDismissed] = useState<ActionState | null>(null);
  const shown = pending || dismissed === state ? IDLE : state;
  return { shown, dismiss: () => setDismissed(state) };
}
