import type { CandidacyResult } from "@/lib/candidacy/result";

const expectations: CandidacyResult["expectations"] = [
  { code: "SEVERAL_SESSIONS", patientMessage: "SMP is done over several sessions: usually between 1 and 4 in the first year." },
  { code: "PRICE_COVERS_TWO_SESSIONS", patientMessage: "The price shown covers your first two sessions." },
  { code: "PIGMENT_FADES", patientMessage: "The pigment fades over time." },
];

const base: Omit<CandidacyResult, "status" | "flags"> = {
  price: { minUsd: 2000, maxUsd: 3500, basis: "norwood_2_3", estimate: false, label: "Norwood 2-3", tableVersion: 1 },
  sessions: { min: 1, max: 4, period: "first_year" },
  expectations,
  rulesVersion: "2026-12-1",
};

/** One CandidacyResult per status, shaped like the API's responses. */
export const RESULTS: Record<CandidacyResult["status"], CandidacyResult> = {
  eligible: {
    ...base,
    status: "eligible",
    flags: [
      {
        code: "DENSITY_WHERE_HAIR_REMAINS",
        severity: "info",
        patientMessage: "SMP can make the areas where you still have hair look denser.",
        staffMessage: "Density.",
      },
    ],
  },
  eligible_with_conditions: {
    ...base,
    status: "eligible_with_conditions",
    flags: [
      { code: "SCAR_REDUCED_RESPONSE", severity: "caution", patientMessage: "Scars take pigment differently.", staffMessage: "Scar." },
    ],
  },
  clearance_required: {
    ...base,
    status: "clearance_required",
    flags: [
      {
        code: "DERM_CLEARANCE_REQUIRED",
        severity: "blocker",
        patientMessage: "Your dermatologist needs to clear your scalp first.",
        staffMessage: "Derm clearance needed.",
      },
    ],
  },
  consult_required: {
    ...base,
    status: "consult_required",
    price: { minUsd: 2000, maxUsd: 5500, basis: "derived", estimate: true, label: "Derived", tableVersion: 1 },
    flags: [
      { code: "BLEEDING_RISK", severity: "caution", patientMessage: "The doctor will ask about blood thinners.", staffMessage: "Bleeding." },
      { code: "PRICE_ESTIMATE", severity: "info", patientMessage: "This price is an estimate.", staffMessage: "Estimate." },
    ],
  },
};

/** A Norwood 6 patient who wants a shaved look, saved on the device at the result step (the questionnaire reopens there). */
export const SAVED_AT_RESULT_NW6 = {
  stepId: "result",
  ludwigUnsure: false,
  answers: { sex: "male", age: 50, lossPattern: "norwood", norwoodStage: "6", goal: "full_shaved_look", scars: [], skinConditions: [], dermatologyClearance: false, chemotherapy: "none", healthScreen: [] },
} as const;

/** fetch for the result step: the quote answers `result`, the funnel beacons 204. */
export function quoteFetch(result: CandidacyResult) {
  return (url: string) =>
    Promise.resolve(
      url.startsWith("/api/v1/quote") ? new Response(JSON.stringify(result), { status: 200, headers: { "Content-Type": "application/json" } }) : new Response(null, { status: 204 }),
    );
}
