/**
 * Issue 19, the patient's words in the questionnaire: the screen reader's announcements follow a
 * language switch, the under-18 summary says the number to call, and the pregnancy question is
 * asked only where it applies.
 */
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { Questionnaire } from "@/components/questionnaire/Questionnaire";
import { ASSESSMENT_STORAGE_KEY } from "@/components/questionnaire/storage";
import { clinicContactOf } from "@/lib/clinic/contact";
import { PLACEHOLDER_CLINIC_PROFILE } from "@/lib/clinic/defaults";
import { IntlWrapper } from "./render-with-intl";

const clinic = clinicContactOf({ ...PLACEHOLDER_CLINIC_PROFILE, isPlaceholder: false }, "en");
const liveRegion = () => document.querySelector<HTMLElement>("[aria-live='polite']");

async function answerAbout(user: UserEvent, sex: "Man" | "Woman" | "Hombre", age: string) {
  await user.click(screen.getByRole("radio", { name: sex }));
  await user.type(screen.getByRole("textbox", { name: /^(Your age|Su edad)$/ }), age);
  await user.click(screen.getByRole("button", { name: /^(Next|Siguiente)$/ }));
}

describe("the questionnaire's words (issue 19)", () => {
  beforeEach(() => {
    window.localStorage.clear();
    window.history.replaceState(null, "", "/assessment");
  });

  it("after switching to Spanish mid-flow, the step announcement is read in Spanish", async () => {
    const user = userEvent.setup();
    const view = render(
      <IntlWrapper locale="en">
        <Questionnaire clinic={clinic} />
      </IntlWrapper>,
    );
    await answerAbout(user, "Man", "45");
    await waitFor(() => expect(liveRegion()).toHaveTextContent("Step 2 of 6: Your hair loss"));
    view.rerender(
      <IntlWrapper locale="es">
        <Questionnaire clinic={clinic} />
      </IntlWrapper>,
    );
    expect(liveRegion()).toHaveTextContent("Paso 2 de 6: Su pérdida de cabello");
    expect(liveRegion()).not.toHaveTextContent(/Step|Your hair loss/);
  });

  it("the hidden error summary for an under-18 ends with the clinic's number, in both languages", async () => {
    const user = userEvent.setup();
    const view = render(
      <IntlWrapper locale="en">
        <Questionnaire clinic={clinic} />
      </IntlWrapper>,
    );
    await answerAbout(user, "Man", "17");
    await waitFor(() => expect(liveRegion()).toHaveTextContent(/help you: \(\d{3}\) \d{3}-\d{4}$/));
    expect(liveRegion()?.textContent).toContain(clinic.phoneDisplay);
    view.rerender(
      <IntlWrapper locale="es">
        <Questionnaire clinic={clinic} />
      </IntlWrapper>,
    );
    expect(liveRegion()).toHaveTextContent(new RegExp(`le ayudaremos: ${clinic.phoneDisplay.replace(/[()]/g, "\\$&")}$`));
  });

  it("asks a woman about pregnancy, never a man; a changed answer drops it", async () => {
    const user = userEvent.setup();
    window.localStorage.setItem(
      ASSESSMENT_STORAGE_KEY,
      JSON.stringify({
        savedAt: Date.now(),
        stepId: "health",
        ludwigUnsure: false,
        answers: { sex: "female", age: 33, lossPattern: "alopecia_areata", scars: [], skinConditions: [], healthScreen: ["pregnant_or_breastfeeding", "keloid_tendency"] },
      }),
    );
    render(
      <IntlWrapper locale="en">
        <Questionnaire clinic={clinic} />
      </IntlWrapper>,
    );
    expect(await screen.findByRole("checkbox", { name: "I'm pregnant or breastfeeding" })).toBeChecked();

    // Back to the first question: now a man. The pregnancy answer goes, the other one stays.
    await act(async () => window.history.pushState(null, "", "/assessment?step=about"));
    await act(async () => window.dispatchEvent(new PopStateEvent("popstate")));
    await screen.findByRole("heading", { name: "About you" });
    await user.click(screen.getByRole("radio", { name: "Man" }));
    await user.click(screen.getByRole("button", { name: "Next" }));
    await screen.findByRole("heading", { name: "Your hair loss" });
    const stored = JSON.parse(window.localStorage.getItem(ASSESSMENT_STORAGE_KEY) ?? "{}") as { answers: { healthScreen?: string[] } };
    expect(stored.answers.healthScreen).toEqual(["keloid_tendency"]);

    await act(async () => window.history.pushState(null, "", "/assessment?step=health"));
    await act(async () => window.dispatchEvent(new PopStateEvent("popstate")));
    await screen.findByRole("heading", { name: "Your scalp and health" });
    expect(screen.queryByRole("checkbox", { name: "I'm pregnant or breastfeeding" })).not.toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: /keloid/i })).toBeChecked();
  });
});

describe("numbers read one way per language (issue 19)", () => {
  it("the Spanish form writes its notes limit like the Spanish result writes prices: 2,000 and $6,000", async () => {
    const { default: ConsultationForm } = await import("@/components/questionnaire/ConsultationForm");
    const { ResultView } = await import("@/components/questionnaire/ResultView");
    const { evaluateCandidacy } = await import("@/lib/candidacy/evaluate");
    const { DEFAULT_PRICE_TABLE } = await import("@/lib/pricing/price-table");
    const { buildAnswers } = await import("@/tests/support/candidacy-builders");
    const answers = buildAnswers({ scars: ["strip"] });
    render(
      <IntlWrapper locale="es">
        <ResultView result={evaluateCandidacy(answers, DEFAULT_PRICE_TABLE, { locale: "es" })} />
        <ConsultationForm answers={answers} onReviewAnswers={() => undefined} onSent={() => undefined} />
      </IntlWrapper>,
    );
    expect(screen.getByText("De $6,000 a $7,000")).toBeInTheDocument();
    expect(screen.getByText("Opcional. Hasta 2,000 caracteres.")).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/\b2000\b|US\$/);
  });
});

describe("who will treat you, with the result (issue 19)", () => {
  it("shows the clinic's own words in the patient's language under the result", async () => {
    const { quoteFetch, RESULTS, SAVED_AT_RESULT_NW6 } = await import("./result-fixtures");
    const { vi } = await import("vitest");
    vi.stubGlobal("fetch", vi.fn(quoteFetch(RESULTS.eligible)));
    window.history.replaceState(null, "", "/assessment");
    window.localStorage.setItem(ASSESSMENT_STORAGE_KEY, JSON.stringify({ savedAt: Date.now(), ...SAVED_AT_RESULT_NW6 }));
    const withText = { ...clinic, whoTreatsYou: "La Dra. Ruiz, cirujana capilar, dirige cada procedimiento." };
    render(
      <IntlWrapper locale="es">
        <Questionnaire clinic={withText} />
      </IntlWrapper>,
    );
    expect(await screen.findByRole("heading", { level: 3, name: "Quién le atenderá" })).toBeInTheDocument();
    expect(screen.getByText("La Dra. Ruiz, cirujana capilar, dirige cada procedimiento.")).toBeInTheDocument();
    vi.unstubAllGlobals();
  });
});
