/**
 * The patient's own page shows a stored result in the other language by re-wording its reasons and
 * expectations by code (lib/candidacy/result-words.ts), never by re-evaluating: for any answers, the
 * English result re-worded in Spanish is the Spanish result, except the price label (the table's
 * words, kept as stored) and the staff messages (kept as stored).
 */
import fc from "fast-check";

import { evaluateCandidacy } from "@/lib/candidacy/evaluate";
import type { CandidacyResult } from "@/lib/candidacy/result";
import { resultInLocale } from "@/lib/candidacy/result-words";
import { DEFAULT_PRICE_TABLE } from "@/lib/pricing/price-table";
import { buildAnswers, validAnswersArb } from "@/tests/support/candidacy-builders";

const patientSide = (result: CandidacyResult) => ({
  status: result.status,
  flags: result.flags.map(({ code, severity, patientMessage }) => ({ code, severity, patientMessage })),
  price: { ...result.price, label: "" },
  sessions: result.sessions,
  expectations: result.expectations,
  rulesVersion: result.rulesVersion,
});

describe("resultInLocale", () => {
  it("re-words a stored result as the rules would have worded it, both ways", () => {
    fc.assert(
      fc.property(validAnswersArb, (answers) => {
        const en = evaluateCandidacy(answers, DEFAULT_PRICE_TABLE, { locale: "en" });
        const es = evaluateCandidacy(answers, DEFAULT_PRICE_TABLE, { locale: "es" });
        expect(patientSide(resultInLocale(en, "es"))).toEqual(patientSide(es));
        expect(patientSide(resultInLocale(es, "en"))).toEqual(patientSide(en));
      }),
      { numRuns: 200 },
    );
  });

  it("keeps the verdict, price and staff words as stored, and a code it no longer knows keeps its stored words", () => {
    const stored = evaluateCandidacy(buildAnswers({ scars: ["strip"] }), DEFAULT_PRICE_TABLE, { locale: "en" });
    const retired = { code: "RETIRED_REASON", severity: "info", patientMessage: "An old reason.", staffMessage: "Old." } as unknown as CandidacyResult["flags"][number];
    const withRetired: CandidacyResult = { ...stored, flags: [...stored.flags, retired] };
    const spanish = resultInLocale(withRetired, "es");
    expect(spanish.status).toBe(stored.status);
    expect(spanish.price).toEqual(stored.price);
    expect(spanish.flags.map((f) => f.staffMessage)).toEqual(withRetired.flags.map((f) => f.staffMessage));
    expect(spanish.flags.at(-1)!.patientMessage).toBe("An old reason.");
    expect(spanish.flags[0]!.patientMessage).not.toBe(stored.flags[0]!.patientMessage);
  });
});
