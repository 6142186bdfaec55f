import { renderHook } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import {
  ASSESSMENT_STORAGE_KEY,
  SAVED_ASSESSMENT_MAX_AGE_MS,
  readSavedAssessment,
  writeSavedAssessment,
} from "@/components/questionnaire/storage";
import { useSavedAssessment } from "@/components/questionnaire/useSavedAssessment";

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const DAY = 24 * 60 * 60 * 1000;

describe("saved assessment (localStorage)", () => {
  beforeEach(() => window.localStorage.clear());

  it("saves answers with a timestamp and restores them within 7 days", () => {
    writeSavedAssessment(window.localStorage, { stepId: "scars", answers: { sex: "male", age: 40, lossPattern: "norwood", norwoodStage: "3V" }, ludwigUnsure: false }, NOW);
    const { result } = renderHook(() => useSavedAssessment({ now: () => NOW + 6 * DAY }));
    expect(result.current.initial).toEqual({
      savedAt: NOW,
      stepId: "scars",
      answers: { sex: "male", age: 40, lossPattern: "norwood", norwoodStage: "3V" },
      ludwigUnsure: false,
    });
  });

  it("discards and deletes answers older than 7 days", () => {
    writeSavedAssessment(window.localStorage, { stepId: "goal", answers: { sex: "female" }, ludwigUnsure: false }, NOW);
    const { result } = renderHook(() => useSavedAssessment({ now: () => NOW + SAVED_ASSESSMENT_MAX_AGE_MS + 1 }));
    expect(result.current.initial).toBeNull();
    expect(window.localStorage.getItem(ASSESSMENT_STORAGE_KEY)).toBeNull();
  });

  it("clear() (Start over) removes everything", () => {
    const { result } = renderHook(() => useSavedAssessment({ now: () => NOW }));
    result.current.save({ stepId: "health", answers: { age: 50 }, ludwigUnsure: false });
    expect(window.localStorage.getItem(ASSESSMENT_STORAGE_KEY)).not.toBeNull();
    result.current.clear();
    expect(window.localStorage.getItem(ASSESSMENT_STORAGE_KEY)).toBeNull();
  });

  it("keeps only values the questionnaire could have produced, never contact details", () => {
    window.localStorage.setItem(
      ASSESSMENT_STORAGE_KEY,
      JSON.stringify({
        savedAt: NOW,
        stepId: "nonsense",
        answers: { sex: "robot", age: 33, scars: ["strip", "laser", "strip"], email: "a@b.c" },
        ludwigUnsure: "yes",
      }),
    );
    expect(readSavedAssessment(window.localStorage, NOW)).toEqual({
      savedAt: NOW,
      stepId: "about",
      answers: { age: 33, scars: ["strip"] },
      ludwigUnsure: false,
    });
  });

  it("treats unreadable data as nothing saved", () => {
    window.localStorage.setItem(ASSESSMENT_STORAGE_KEY, "{not json");
    expect(readSavedAssessment(window.localStorage, NOW)).toBeNull();
    expect(window.localStorage.getItem(ASSESSMENT_STORAGE_KEY)).toBeNull();
  });

  it("issue 19: a record with a sent request never carries answers, written or read; the check's key is kept", () => {
    const key = "3b241101-e2bb-4255-8caf-4136c566a962";
    const answers = { sex: "female" as const, age: 30, healthScreen: ["pregnant_or_breastfeeding" as const] };
    writeSavedAssessment(window.localStorage, { stepId: "result", answers, ludwigUnsure: false, confirmation: { reference: "SMP-7KQ4-94", method: "sms" }, idempotencyKey: key }, NOW);
    expect(window.localStorage.getItem(ASSESSMENT_STORAGE_KEY)).not.toMatch(/pregnan|female/);
    // Written by an older page (or by hand) with answers beside the confirmation: not read back.
    window.localStorage.setItem(
      ASSESSMENT_STORAGE_KEY,
      JSON.stringify({ savedAt: NOW, stepId: "review", ludwigUnsure: false, answers, confirmation: { reference: "SMP-7KQ4-94", method: "sms" }, idempotencyKey: key }),
    );
    expect(readSavedAssessment(window.localStorage, NOW)).toEqual({
      savedAt: NOW,
      stepId: "review",
      ludwigUnsure: false,
      answers: {},
      confirmation: { reference: "SMP-7KQ4-94", method: "sms" },
      idempotencyKey: key,
    });
    // A key that is not a UUID is dropped.
    writeSavedAssessment(window.localStorage, { stepId: "about", answers: {}, ludwigUnsure: false, idempotencyKey: "not-a-key" }, NOW);
    expect(readSavedAssessment(window.localStorage, NOW)?.idempotencyKey).toBeUndefined();
  });
});

