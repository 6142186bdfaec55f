"use client";

import { useCallback, useState } from "react";
import {
  browserStorage,
  clearSavedAssessment,
  readSavedAssessment,
  writeSavedAssessment,
  type SavedAssessment,
} from "./storage";

interface Options {
  /** Injected by tests; the browser's localStorage otherwise. */
  storage?: Pick<Storage, "getItem" | "setItem" | "removeItem">;
  now?: () => number;
  /** The questionnaire reads the saved answers itself, after hydration; it only saves and clears. */
  readInitial?: boolean;
}

/**
 * Reads the saved answers once, when it mounts (unless `readInitial` is false), and offers
 * save/clear. Call it only where the first render need not match server HTML.
 */
export function useSavedAssessment({ storage = browserStorage(), now = Date.now, readInitial = true }: Options = {}) {
  const [initial] = useState<SavedAssessment | null>(() => (readInitial ? readSavedAssessment(storage, now()) : null));
  const save = useCallback(
    (data: Omit<SavedAssessment, "savedAt">) => writeSavedAssessment(storage, data, now()),
    [storage, now],
  );
  const clear = useCallback(() => clearSavedAssessment(storage), [storage]);
  return { initial, save, clear };
}
