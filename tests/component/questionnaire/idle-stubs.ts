import { waitFor } from "@testing-library/react";
import { expect, vi } from "vitest";

type IdleCallback = (deadline: { didTimeout: boolean; timeRemaining: () => number }) => void;
export interface Observed {
  callback: IntersectionObserverCallback;
  options?: IntersectionObserverInit;
  elements: Element[];
}

/**
 * requestIdleCallback and IntersectionObserver under the test's control: idle callbacks wait until
 * runIdle(), observers are recorded with what they watch (components/questionnaire/idle.ts, ResultStep).
 */
export function stubIdleAndObserver() {
  const state = { idle: [] as IdleCallback[], observed: [] as Observed[] };
  vi.stubGlobal("requestIdleCallback", (callback: IdleCallback) => state.idle.push(callback));
  vi.stubGlobal("cancelIdleCallback", () => undefined);
  vi.stubGlobal(
    "IntersectionObserver",
    class {
      entry: Observed;
      constructor(callback: IntersectionObserverCallback, options?: IntersectionObserverInit) {
        this.entry = { callback, options, elements: [] };
        state.observed.push(this.entry);
      }
      observe(element: Element) {
        this.entry.elements.push(element);
      }
      disconnect() {
        this.entry.elements = [];
      }
    },
  );
  return {
    runIdle() {
      const waiting = state.idle;
      state.idle = [];
      for (const callback of waiting) callback({ didTimeout: false, timeRemaining: () => 50 });
    },
    /** Forgets what was queued and watched (a fresh render follows). */
    reset() {
      state.idle = [];
      state.observed.length = 0;
    },
    /**
     * The consultation form's place, once its effect has run: the result is committed in a
     * transition, whose effects may run a moment after the result's text is on screen.
     */
    async watchedPlace(): Promise<Observed> {
      let watching: Observed | undefined;
      await waitFor(() => {
        watching = state.observed.find((entry) => entry.elements.length > 0);
        expect(watching).toBeDefined();
      });
      return watching as Observed;
    },
  };
}
