import { describe, expect, it } from "vitest";
import type { CandidacyAnswers } from "@/lib/candidacy/answers";
import { evaluateCandidacy } from "@/lib/candidacy/evaluate";
import { STATUSES } from "@/lib/candidacy/result";
import { VERDICTS, VERDICT_TONES, verdictOf, type Verdict } from "@/lib/candidacy/verdict";
import { DEFAULT_PRICE_TABLE } from "@/lib/pricing/price-table";
import { buildAnswers } from "@/tests/support/candidacy-builders";

const verdictFor = (overrides: Partial<CandidacyAnswers>) => verdictOf(evaluateCandidacy(buildAnswers(overrides), DEFAULT_PRICE_TABLE));

describe("verdictOf: the headline a result opens with (decision 021)", () => {
  it.each<[string, Partial<CandidacyAnswers>, Verdict]>([
    ["healthy Norwood 6, shaved look, 40: good news", {}, "eligible"],
    ["issue 19: man of 28, Norwood 2, hairline: not good news, the hairline first", { age: 28, norwoodStage: "2", goal: "hairline_or_crown" }, "eligible_hairline"],
    ["age 34, shaved look: the hairline first", { age: 34 }, "eligible_hairline"],
    ["issue 19: man of 30, no hair loss, no scars, shaved look: nothing to treat", { age: 30, lossPattern: "none", goal: "full_shaved_look" }, "nothing_to_treat"],
    ["nothing to treat and a health question: still nothing to treat", { lossPattern: "none", goal: "add_density", healthScreen: ["keloid_tendency"] }, "nothing_to_treat"],
    ["nothing to treat and an unhealthy scalp: the scalp comes first", { lossPattern: "none", goal: "add_density", skinConditions: ["psoriasis"] }, "clearance_required"],
    ["a scar at 28 with a hairline: conditions, not the hairline headline", { age: 28, norwoodStage: "2", goal: "hairline_or_crown", scars: ["fue"] }, "eligible_with_conditions"],
    ["keloid tendency: consult", { healthScreen: ["keloid_tendency"] }, "consult_required"],
  ])("%s", (_name, overrides, verdict) => {
    expect(verdictFor(overrides)).toBe(verdict);
  });

  it("every status is its own verdict; only plain eligible is good news", () => {
    for (const status of STATUSES) expect(VERDICTS).toContain(status);
    expect(VERDICTS.filter((v) => VERDICT_TONES[v] === "good")).toEqual(["eligible"]);
    expect(VERDICT_TONES.clearance_required).toBe("stop");
  });
});
