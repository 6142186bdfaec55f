"use client";

/*
 * Work the patient does not wait for (the funnel's counts, the consultation form below the
 * result) runs when the browser is idle, in a task of its own, not inside the task that puts the
 * step or the result on screen. requestIdleCallback where the browser has it, with a deadline so it
 * always runs soon; elsewhere (Safari) a timer that lets the current task and a paint finish first.
 */

export interface IdleDeadlineLike {
  didTimeout: boolean;
  timeRemaining: () => number;
}

/** Runs `callback` when the browser is idle (at the latest after `timeoutMs`); returns a cancel function. */
export function whenIdle(callback: (deadline: IdleDeadlineLike) => void, timeoutMs = 1000): () => void {
  const { requestIdleCallback, cancelIdleCallback } = window;
  if (typeof requestIdleCallback === "function" && typeof cancelIdleCallback === "function") {
    const handle = requestIdleCallback(callback, { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(() => callback({ didTimeout: true, timeRemaining: () => 0 }), 1);
  return () => window.clearTimeout(handle);
}
