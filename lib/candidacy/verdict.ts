import type { CandidacyResult, CandidacyStatus, FlagCode } from "@/lib/candidacy/result";

/**
 * The headline a result opens with. Usually its status; two cases need their own words
 * (decision 021), because the status alone would mislead:
 * - `eligible_hairline`: eligible, but the hairline will be designed for the patient's age and may
 *   sit higher than hoped. The contract keeps AGE_APPROPRIATE_HAIRLINE an info flag (status stays
 *   `eligible`), yet such a result must not open with a cheerful "good news".
 * - `nothing_to_treat`: the doctor must talk with the patient because there is nothing for SMP to
 *   treat, not because of a health question.
 * Pure: the UI and the patient's own page show the same headline for the same result.
 */
export const VERDICTS = ["clearance_required", "consult_required", "nothing_to_treat", "eligible_with_conditions", "eligible_hairline", "eligible"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** How a headline looks: good news (green), things to know first (amber), not yet (red). */
export type VerdictTone = "good" | "note" | "stop";

export const VERDICT_TONES: Readonly<Record<Verdict, VerdictTone>> = {
  clearance_required: "stop",
  consult_required: "note",
  nothing_to_treat: "note",
  eligible_with_conditions: "note",
  eligible_hairline: "note",
  eligible: "good",
};

export function verdictOf(result: Pick<CandidacyResult, "status" | "flags">): Verdict {
  const status: CandidacyStatus = result.status;
  const has = (code: FlagCode) => result.flags.some((flag) => flag.code === code);
  if (status === "consult_required" && has("NOTHING_TO_TREAT")) return "nothing_to_treat";
  if (status === "eligible" && has("AGE_APPROPRIATE_HAIRLINE")) return "eligible_hairline";
  return status;
}
