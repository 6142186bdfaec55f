import { act, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { Questionnaire } from "@/components/questionnaire/Questionnaire";
import { ASSESSMENT_STORAGE_KEY } from "@/components/questionnaire/storage";
import { quoteFetch, RESULTS, SAVED_AT_RESULT_NW6 } from "./result-fixtures";
import { stubIdleAndObserver } from "./idle-stubs";
import { renderWithIntl } from "./render-with-intl";

// The consultation form's chunk fails to arrive twice (the early fetch, then the render: offline for
// a moment, or a deployment in between), then arrives.
const chunk = vi.hoisted(() => ({ failures: 2 }));
vi.mock("@/components/questionnaire/consultation-form-chunk", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/components/questionnaire/consultation-form-chunk")>();
  return {
    ...real,
    loadConsultationForm: () => {
      if (chunk.failures > 0) {
        chunk.failures -= 1;
        return Promise.reject(new Error("Loading chunk failed"));
      }
      return real.loadConsultationForm();
    },
  };
});

vi.mock("next/link", () => ({
  default: ({ href, children, ...rest }: { href: string; children: React.ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));

beforeEach(() => {
  window.localStorage.clear();
  window.sessionStorage.clear();
  window.history.replaceState(null, "", "/assessment");
});
afterEach(() => vi.unstubAllGlobals());

it("when the consultation form does not load, the patient is told so and can try again (no silent gap below the result)", async () => {
  const browser = stubIdleAndObserver();
  vi.stubGlobal("fetch", vi.fn(quoteFetch(RESULTS.eligible)));
  window.localStorage.setItem(ASSESSMENT_STORAGE_KEY, JSON.stringify({ savedAt: Date.now(), ...SAVED_AT_RESULT_NW6 }));
  renderWithIntl(<Questionnaire />);
  expect(await screen.findByText("Good news: SMP looks like a good fit for you.")).toBeInTheDocument();
  await browser.watchedPlace();
  await act(async () => browser.runIdle());
  const alert = await screen.findByText(/The form to ask for a consultation did not load/);
  expect(alert.closest("[role=alert]")).not.toBeNull();
  expect(screen.queryByRole("textbox", { name: "First name" })).not.toBeInTheDocument();

  await userEvent.setup().click(screen.getByRole("button", { name: "Try again" }));
  await browser.watchedPlace();
  await act(async () => browser.runIdle());
  expect(await screen.findByRole("textbox", { name: "First name" })).toBeInTheDocument();
  expect(screen.queryByText(/did not load/)).not.toBeInTheDocument();
});
