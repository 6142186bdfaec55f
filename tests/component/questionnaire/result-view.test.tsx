import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ResultView } from "@/components/questionnaire/ResultView";
import { evaluateCandidacy } from "@/lib/candidacy/evaluate";
import { DEFAULT_PRICE_TABLE } from "@/lib/pricing/price-table";
import { buildAnswers } from "@/tests/support/candidacy-builders";
import { RESULTS } from "./result-fixtures";
import { renderWithIntl } from "./render-with-intl";

describe("ResultView", () => {
  it.each([
    ["eligible", "Good news: SMP looks like a good fit for you."],
    ["eligible_with_conditions", "SMP looks possible for you, with a few things to know first."],
    ["clearance_required", "SMP can't be done yet: your scalp needs to be healthy first."],
    ["consult_required", "SMP may suit you, but the doctor needs to talk with you first."],
  ] as const)("states the %s verdict in one plain sentence", (status, sentence) => {
    renderWithIntl(<ResultView result={RESULTS[status]} />);
    expect(screen.getByText(sentence)).toBeInTheDocument();
    // The reasons are the API's own patient messages, one per flag.
    for (const flag of RESULTS[status].flags) {
      expect(screen.getByText(flag.patientMessage)).toBeInTheDocument();
    }
    if (RESULTS[status].flags.length === 0) {
      expect(screen.queryByRole("heading", { name: "Why we say this" })).not.toBeInTheDocument();
    }
  });

  it("says why an eligible result fits", () => {
    renderWithIntl(<ResultView result={RESULTS.eligible} />);
    const reasons = screen.getByRole("heading", { name: "Why we say this" }).parentElement as HTMLElement;
    expect(within(reasons).getByText("SMP can make the areas where you still have hair look denser.")).toBeInTheDocument();
  });

  it("shows the API's price range in USD, what it covers beside it, and the sessions once", () => {
    renderWithIntl(<ResultView result={RESULTS.eligible} />);
    const price = screen.getByRole("heading", { name: "Estimated price" }).parentElement as HTMLElement;
    expect(within(price).getByText("$2,000 to $3,500")).toBeInTheDocument();
    expect(within(price).getByText("The price shown covers your first two sessions.")).toBeInTheDocument();
    expect(within(price).getByText(/based on the clinic's current price list/i)).toBeInTheDocument();
    expect(screen.getAllByText(/first two sessions/)).toHaveLength(1);
    expect(screen.getAllByText(/1 and 4|1 to 4/)).toHaveLength(1);
    const expectations = screen.getByRole("heading", { name: "What to expect" }).parentElement as HTMLElement;
    expect(within(expectations).getByText("The pigment fades over time.")).toBeInTheDocument();
    expect(within(expectations).getByText(/several sessions: usually between 1 and 4/)).toBeInTheDocument();
  });

  it("puts the estimate note beside the price, not among the reasons", () => {
    renderWithIntl(<ResultView result={RESULTS.consult_required} />);
    const price = screen.getByRole("heading", { name: "Estimated price" }).parentElement as HTMLElement;
    expect(within(price).getByText("$2,000 to $5,500")).toBeInTheDocument();
    expect(within(price).getByText("This price is an estimate.")).toBeInTheDocument();
    const reasons = screen.getByRole("heading", { name: "Why we say this" }).parentElement as HTMLElement;
    expect(within(reasons).queryByText("This price is an estimate.")).not.toBeInTheDocument();
    expect(within(reasons).getAllByRole("listitem")).toHaveLength(1);
  });

  it("shows one figure when the range is a single price", () => {
    const result = { ...RESULTS.eligible, price: { ...RESULTS.eligible.price, minUsd: 5500, maxUsd: 5500, basis: "standard_nw6" as const } };
    renderWithIntl(<ResultView result={result} />);
    expect(screen.getByText("$5,500")).toBeInTheDocument();
  });

  it("never shows a made-up number when the price is broken", () => {
    const result = { ...RESULTS.eligible, price: { ...RESULTS.eligible.price, minUsd: Number.NaN } };
    renderWithIntl(<ResultView result={result} />);
    expect(screen.queryByText(/NaN/)).not.toBeInTheDocument();
    expect(screen.getByText("The clinic will give you a price at your consultation.")).toBeInTheDocument();
  });

  it("lists the dermatology clearance steps only when that flag is present", () => {
    const { unmount } = renderWithIntl(<ResultView result={RESULTS.clearance_required} />);
    const steps = screen.getByRole("heading", { name: "Next steps: getting dermatology clearance" }).parentElement as HTMLElement;
    expect(within(steps).getAllByRole("listitem")).toHaveLength(3);
    unmount();
    renderWithIntl(<ResultView result={RESULTS.eligible_with_conditions} />);
    expect(screen.queryByRole("heading", { name: /dermatology clearance/i })).not.toBeInTheDocument();
  });

  it("lists them too for any other active skin condition without a clearance (dry, red or peeling skin)", () => {
    // That result carries SCALP_NOT_HEALTHY, not DERM_CLEARANCE_REQUIRED; the way back is the same.
    const result = { ...RESULTS.clearance_required, flags: RESULTS.clearance_required.flags.filter((flag) => flag.code !== "DERM_CLEARANCE_REQUIRED") };
    const { unmount } = renderWithIntl(<ResultView result={result} />);
    expect(screen.queryByRole("heading", { name: /dermatology clearance/i })).not.toBeInTheDocument();
    unmount();
    renderWithIntl(<ResultView result={result} clearanceMissing />);
    expect(screen.getByText("See your dermatologist about the skin condition on your scalp.")).toBeInTheDocument();
  });

  it("speaks Spanish with Spanish messages", () => {
    renderWithIntl(<ResultView result={RESULTS.eligible} />, "es");
    expect(screen.getByText("Buenas noticias: la SMP parece una buena opción para usted.")).toBeInTheDocument();
    expect(screen.getByText("De $2,000 a $3,500")).toBeInTheDocument();
    expect(screen.getByText("Según la lista de precios actual de la clínica; se confirma en su consulta.")).toBeInTheDocument();
  });

  it("issue 19: a man of 28 wanting a hairline does not read a green \"Good news\": the hairline comes first", () => {
    const result = evaluateCandidacy(buildAnswers({ age: 28, norwoodStage: "2", goal: "hairline_or_crown" }), DEFAULT_PRICE_TABLE);
    renderWithIntl(<ResultView result={result} />);
    const verdict = screen.getByText("SMP looks possible for you. Please read first how your hairline would be designed.");
    expect(verdict).toHaveAttribute("data-verdict", "eligible_hairline");
    expect(verdict).toHaveAttribute("data-status", "eligible");
    expect(screen.queryByText(/good news/i)).not.toBeInTheDocument();
    expect(screen.getByText(/may sit higher than you hope/)).toBeInTheDocument();
  });

  it("issue 19: no hair loss and no scars says there is nothing to treat, and never that SMP fits", () => {
    const result = evaluateCandidacy(buildAnswers({ age: 30, lossPattern: "none", goal: "full_shaved_look" }), DEFAULT_PRICE_TABLE);
    renderWithIntl(<ResultView result={result} />);
    expect(screen.getByText("From your answers, there is nothing for SMP to treat. The doctor can talk it through with you.")).toBeInTheDocument();
    expect(screen.queryByText(/good fit|works best/i)).not.toBeInTheDocument();
  });

  it("names the pigment's ingredients among what to expect", () => {
    renderWithIntl(<ResultView result={evaluateCandidacy(buildAnswers(), DEFAULT_PRICE_TABLE)} />);
    const expectations = screen.getByRole("heading", { name: "What to expect" }).parentElement as HTMLElement;
    expect(within(expectations).getByText(/titanium dioxide, lead, chromium, nickel, iron oxides, ash, carbon black/)).toBeInTheDocument();
  });
});

