import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, beforeAll } from "vitest";

// The questionnaire loads its validation and the consultation form lazily (after first paint).
// In the browser that chunk is cached after the first step; under vitest its first import
// transforms zod and every schema, which can outlast a test's next click on a busy machine.
// Loading the modules once here makes the component's own dynamic import resolve from the cache.
beforeAll(async () => {
  await Promise.all([import("@/components/questionnaire/step-validation"), import("@/components/questionnaire/ConsultationForm")]);
}, 60_000);

afterEach(() => {
  cleanup();
});
