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
}

/**
 * Reads the saved answers once, when the questionnaire mounts (it mounts only in the browser,
 * after hydration, so the server HTML and the first client render agree), and offers save/clear.
 */
export function useSavedAssessment({ storage = browserStorage(), now = Date.now }: Options = {}) {
  const [initial] = useState<SavedAssessment | null>(() => readSavedAssessment(storage, now()));
  const save = useCallback(
    (data: Omit<SavedAssessment, "savedAt">) => writeSavedAssessment(storage, data, now()),
    [storage, now],
  );
  const clear = useCallback(() => clearSavedAssessment(storage), [storage]);
  return { initial, save, clear };
}
