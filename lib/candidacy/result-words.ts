import { EXPECTATION_MESSAGES, FLAG_MESSAGES, type CandidacyLocale } from "@/lib/candidacy/messages";
import type { CandidacyResult } from "@/lib/candidacy/result";

/**
 * A stored result's words in another language, by code: the verdict, the flags and their order,
 * the price (pinned to its table version), the sessions and the rules version stay exactly as
 * stored; only each reason's and expectation's patient text is looked up in `locale`. Nothing is
 * re-evaluated, so a rules change since the inquiry never changes what the patient was told. A code
 * the messages no longer know keeps its stored text. Pure.
 */
export function resultInLocale(result: CandidacyResult, locale: CandidacyLocale): CandidacyResult {
  const flagTexts = FLAG_MESSAGES[locale] as Readonly<Record<string, { patient: string } | undefined>>;
  const expectationTexts = EXPECTATION_MESSAGES[locale] as Readonly<Record<string, { patient: string } | undefined>>;
  return {
    ...result,
    flags: result.flags.map((flag) => ({ ...flag, patientMessage: flagTexts[flag.code]?.patient ?? flag.patientMessage })),
    expectations: result.expectations.map((e) => ({ ...e, patientMessage: expectationTexts[e.code]?.patient ?? e.patientMessage })),
  };
}
