import type { CandidacyAnswers } from "@/lib/candidacy/answers";
import { EXPECTATION_MESSAGES, FLAG_MESSAGES, type CandidacyLocale } from "@/lib/candidacy/messages";
import { LOCALES } from "@/lib/i18n/locales";
import {
  EXPECTATION_CODES,
  FLAG_CODES,
  RULES_VERSION,
  type CandidacyFlag,
  type CandidacyResult,
  type CandidacyStatus,
  type Expectation,
} from "@/lib/candidacy/result";
import { COMPILED_RULES, FLAG_DEFINITIONS, FLAG_ORDER, STATUS_RANK, featuresOf } from "@/lib/candidacy/rules";
import type { PriceTable } from "@/lib/pricing/price-table";
import { quotePrice } from "@/lib/pricing/quote-price";

export interface EvaluateOptions {
  /** Language of patient messages and derived price labels. Default "en". */
  locale?: CandidacyLocale;
  /** Language of staff messages. Default "en": the clinic's staff tools work in English. */
  staffLocale?: CandidacyLocale;
}

/*
 * Everything that does not depend on the answers is built once here, so one evaluation is
 * a handful of comparisons plus the result object: no zod, no string building, no sorting.
 */

// One bit per flag code (20 codes, well under 31 bits).
const FLAG_BIT = Object.fromEntries(FLAG_CODES.map((code, i) => [code, 1 << i])) as Record<(typeof FLAG_CODES)[number], number>;

// Rules as flat masks (same data as COMPILED_RULES) so the hot loop stays monomorphic.
const RULE_ENTRIES = COMPILED_RULES.map((r) => ({ all: r.all, any: r.any, none: r.none, bit: FLAG_BIT[r.rule.flag] }));

interface OrderedFlag {
  readonly bit: number;
  readonly statusRank: number;
  readonly status: CandidacyStatus;
  /** Frozen flag objects, indexed by localeIndex(patient) * LOCALES.length + localeIndex(staff). */
  readonly byLocale: readonly CandidacyFlag[];
}

const ORDERED_FLAGS: readonly OrderedFlag[] = FLAG_ORDER.map((code) => {
  const def = FLAG_DEFINITIONS[code];
  return {
    bit: FLAG_BIT[code],
    status: def.status,
    statusRank: STATUS_RANK[def.status],
    byLocale: LOCALES.flatMap((patientLocale) =>
      LOCALES.map((staffLocale) =>
        Object.freeze({
          code,
          severity: def.severity,
          patientMessage: FLAG_MESSAGES[patientLocale][code].patient,
          staffMessage: FLAG_MESSAGES[staffLocale][code].staff,
        }),
      ),
    ),
  };
});

// The arrays are not frozen on purpose: V8 copies a frozen array on a slow path (measured 5x slower).
const EXPECTATIONS: readonly (readonly Expectation[])[] = LOCALES.map((locale) =>
  EXPECTATION_CODES.map((code) => Object.freeze({ code, patientMessage: EXPECTATION_MESSAGES[locale][code].patient })),
);

const ELIGIBLE_RANK = STATUS_RANK.eligible;

const pickLocale = (value: unknown): CandidacyLocale => (value === "es" ? "es" : "en");
const localeIndex = (locale: CandidacyLocale): number => (locale === "es" ? 1 : 0);

/**
 * Evaluates parsed answers against a price table. PURE and deterministic: no I/O, no clock,
 * no randomness; the same inputs always give a deep-equal result. Validate input with
 * `candidacyAnswersSchema` first; this function does not parse (speed: ~1M calls/s).
 * Flag and expectation objects inside the result are shared and frozen: copy before editing.
 */
export function evaluateCandidacy(answers: CandidacyAnswers, priceTable: PriceTable, options?: EvaluateOptions): CandidacyResult {
  const locale = pickLocale(options?.locale);
  const staffLocale = pickLocale(options?.staffLocale);
  const { price, needsEstimateFlag } = quotePrice(answers, priceTable, locale);

  const features = featuresOf(answers, needsEstimateFlag);
  let raised = 0;
  for (const r of RULE_ENTRIES) {
    // Same test as ruleMatches(), inlined.
    if ((features & r.all) === r.all && (r.any === 0 || (features & r.any) !== 0) && (features & r.none) === 0) raised |= r.bit;
  }
  const flagIndex = localeIndex(locale) * LOCALES.length + localeIndex(staffLocale);

  const flags: CandidacyFlag[] = [];
  let statusRank = ELIGIBLE_RANK;
  let status: CandidacyStatus = "eligible";
  if (raised !== 0) {
    for (const entry of ORDERED_FLAGS) {
      if ((raised & entry.bit) === 0) continue;
      const flag = entry.byLocale[flagIndex];
      if (flag !== undefined) flags.push(flag);
      if (entry.statusRank < statusRank) {
        statusRank = entry.statusRank;
        status = entry.status;
      }
    }
  }

  return {
    status,
    flags,
    price,
    sessions: { min: 1, max: 4, period: "first_year" },
    expectations: (EXPECTATIONS[localeIndex(locale)] ?? []).slice(),
    rulesVersion: RULES_VERSION,
  };
}

/** Alias of `evaluateCandidacy`. */
export const evaluate = evaluateCandidacy;
