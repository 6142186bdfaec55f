import { z } from "zod";
import { PRICE_ROW_KEYS } from "@/lib/pricing/price-table";

/** `CandidacyResult`, exactly as docs/api-v1.md defines it. */

/** Bump when a rule, a flag or the price derivation changes; stored with every inquiry. */
export const RULES_VERSION = "2026-12-2";

/** Highest precedence first (docs/api-v1.md, "Status precedence"). */
export const STATUSES = ["clearance_required", "consult_required", "eligible_with_conditions", "eligible"] as const;
export type CandidacyStatus = (typeof STATUSES)[number];

/** Each status as staff read it: the inbox, the inquiry page and the staff e-mail all use these words. */
export const ELIGIBILITY_LABELS: Readonly<Record<CandidacyStatus, string>> = {
  eligible: "Eligible",
  eligible_with_conditions: "Eligible with conditions",
  consult_required: "Doctor consultation required",
  clearance_required: "Dermatology clearance required",
};

export function isCandidacyStatus(value: unknown): value is CandidacyStatus {
  return typeof value === "string" && (STATUSES as readonly string[]).includes(value);
}

export const SEVERITIES = ["blocker", "caution", "info"] as const;
export type FlagSeverity = (typeof SEVERITIES)[number];

/**
 * Every flag the rules can raise. The contract's six codes come first; the rest are this
 * clinic's extensions (health screen, clearance on file, positive notes). See rules.ts.
 */
export const FLAG_CODES = [
  "DERM_CLEARANCE_REQUIRED",
  "SCALP_NOT_HEALTHY",
  "SCAR_REDUCED_RESPONSE",
  "CHEMO_FEEL_WELL",
  "AGE_APPROPRIATE_HAIRLINE",
  "PRICE_ESTIMATE",
  "DERM_CLEARANCE_ON_FILE",
  "NOTHING_TO_TREAT",
  "KELOID_TENDENCY",
  "BLEEDING_RISK",
  "PREGNANCY_OR_BREASTFEEDING",
  "PIGMENT_ALLERGY",
  "STAGE_TO_CONFIRM",
  "ALOPECIA_GOOD_CANDIDATE",
  "THINNING_GOOD_CANDIDATE",
  "BIRTHMARK_CAMOUFLAGE",
  "CHEMO_COMPLETED",
  "SHAVED_LOOK_CLASSIC_CASE",
  "SHAVED_LOOK_POSSIBLE",
  "DENSITY_WHERE_HAIR_REMAINS",
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

/** What every patient should expect, in the order they are shown. */
export const EXPECTATION_CODES = [
  "SEVERAL_SESSIONS",
  "PRICE_COVERS_TWO_SESSIONS",
  "PIGMENT_FADES",
  "BLUE_TONE_POSSIBLE",
  "PIGMENT_IN_LYMPH_NODES",
  "PIGMENT_INGREDIENTS",
  "MAINTENANCE_NEEDED",
  "RESULTS_VARY",
] as const;
export type ExpectationCode = (typeof EXPECTATION_CODES)[number];

export const PRICE_BASES = [...PRICE_ROW_KEYS, "derived"] as const;
export type PriceBasis = (typeof PRICE_BASES)[number];

export const flagSchema = z.strictObject({
  code: z.enum(FLAG_CODES),
  severity: z.enum(SEVERITIES),
  patientMessage: z.string().min(1),
  staffMessage: z.string().min(1),
});

const usd = z.number().int().min(0);

export const priceQuoteSchema = z
  .strictObject({
    minUsd: usd,
    maxUsd: usd,
    basis: z.enum(PRICE_BASES),
    estimate: z.boolean(),
    label: z.string().min(1),
    tableVersion: z.number().int().min(1),
  })
  .superRefine((price, ctx) => {
    if (price.minUsd > price.maxUsd) {
      ctx.addIssue({ code: "custom", message: "minUsd must not exceed maxUsd", path: ["maxUsd"], input: price.maxUsd });
    }
    // A derived range is always an estimate, and only a derived range is.
    if (price.estimate !== (price.basis === "derived")) {
      ctx.addIssue({ code: "custom", message: "estimate must be true exactly when basis is derived", path: ["estimate"], input: price.estimate });
    }
  });

export const sessionsSchema = z.strictObject({
  min: z.literal(1),
  max: z.literal(4),
  period: z.literal("first_year"),
});

export const expectationSchema = z.strictObject({
  code: z.enum(EXPECTATION_CODES),
  patientMessage: z.string().min(1),
});

const SEVERITY_RANK: Record<FlagSeverity, number> = { blocker: 0, caution: 1, info: 2 };

/**
 * The result, with the contract's invariants that can be checked from the result alone:
 * blocker => clearance_required, caution => not eligible, PRICE_ESTIMATE <=> price.estimate,
 * flags ordered blockers, cautions, info and without repeats.
 */
export const candidacyResultSchema = z
  .strictObject({
    status: z.enum(STATUSES),
    flags: z.array(flagSchema),
    price: priceQuoteSchema,
    sessions: sessionsSchema,
    expectations: z.array(expectationSchema),
    rulesVersion: z.string().min(1),
  })
  .superRefine((result, ctx) => {
    const severities = new Set(result.flags.map((f) => f.severity));
    if (severities.has("blocker") && result.status !== "clearance_required") {
      ctx.addIssue({ code: "custom", message: "a blocker flag requires status clearance_required", path: ["status"], input: result.status });
    }
    if (severities.has("caution") && result.status === "eligible") {
      ctx.addIssue({ code: "custom", message: "a caution flag rules out status eligible", path: ["status"], input: result.status });
    }
    const hasEstimateFlag = result.flags.some((f) => f.code === "PRICE_ESTIMATE");
    if (hasEstimateFlag !== result.price.estimate) {
      ctx.addIssue({ code: "custom", message: "PRICE_ESTIMATE flag must match price.estimate", path: ["flags"], input: result.flags });
    }
    const seen = new Set<string>();
    result.flags.forEach((flag, i) => {
      if (seen.has(flag.code)) {
        ctx.addIssue({ code: "custom", message: "duplicate flag", path: ["flags", i, "code"], input: flag.code });
      }
      seen.add(flag.code);
      const prev = result.flags[i - 1];
      if (prev && SEVERITY_RANK[prev.severity] > SEVERITY_RANK[flag.severity]) {
        ctx.addIssue({ code: "custom", message: "flags must be ordered blocker, caution, info", path: ["flags", i, "severity"], input: flag.severity });
      }
    });
  });

export type CandidacyFlag = z.infer<typeof flagSchema>;
export type PriceQuote = z.infer<typeof priceQuoteSchema>;
export type Sessions = z.infer<typeof sessionsSchema>;
export type Expectation = z.infer<typeof expectationSchema>;
export type CandidacyResult = z.infer<typeof candidacyResultSchema>;
