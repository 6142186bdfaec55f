import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { candidacyAnswersSchema, type CandidacyAnswers } from "@/lib/candidacy/answers";
import { evaluateCandidacy } from "@/lib/candidacy/evaluate";
import { candidacyResultSchema, STATUSES } from "@/lib/candidacy/result";
import { FLAG_DEFINITIONS, statusOf } from "@/lib/candidacy/rules";
import type { AppLocale } from "@/lib/i18n/locales";
import { DEFAULT_PRICE_TABLE, priceTableBounds, type PriceTable } from "@/lib/pricing/price-table";
import { priceTableArb, validAnswersArb } from "@/tests/support/candidacy-builders";

const NUM_RUNS = 1000;
const tableArb = fc.oneof(fc.constant(DEFAULT_PRICE_TABLE), priceTableArb);
const localeArb = fc.constantFrom("en" as const, "es" as const);

function checkInvariants(answers: CandidacyAnswers, table: PriceTable, locale: AppLocale) {
  const result = evaluateCandidacy(answers, table, { locale });

  // The result is what the contract says it is.
  const parsed = candidacyResultSchema.safeParse(result);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);

  const severities = result.flags.map((f) => f.severity);
  if (severities.includes("blocker")) expect(result.status).toBe("clearance_required");
  if (severities.includes("caution")) expect(result.status).not.toBe("eligible");
  // Status is exactly the precedence of the flags' status floors.
  expect(result.status).toBe(statusOf(result.flags.map((f) => f.code)));
  for (const flag of result.flags) expect(flag.severity).toBe(FLAG_DEFINITIONS[flag.code].severity);
  expect(new Set(result.flags.map((f) => f.code)).size).toBe(result.flags.length);

  const { price } = result;
  const bounds = priceTableBounds(table);
  expect(Number.isInteger(price.minUsd)).toBe(true);
  expect(Number.isInteger(price.maxUsd)).toBe(true);
  expect(price.minUsd).toBeGreaterThanOrEqual(0);
  expect(price.minUsd).toBeLessThanOrEqual(price.maxUsd);
  expect(price.minUsd).toBeGreaterThanOrEqual(bounds.minUsd);
  expect(price.maxUsd).toBeLessThanOrEqual(bounds.maxUsd);
  expect(price.tableVersion).toBe(table.version);
  expect(price.label).not.toMatch(/NaN|undefined/);
  const hasEstimateFlag = result.flags.some((f) => f.code === "PRICE_ESTIMATE");
  expect(price.estimate).toBe(hasEstimateFlag);
  expect(price.estimate).toBe(price.basis === "derived");
  expect(result.sessions).toEqual({ min: 1, max: 4, period: "first_year" });
  return result;
}

describe("properties over all valid answers", () => {
  it("the arbitrary only produces answers the schema accepts", () => {
    fc.assert(
      fc.property(validAnswersArb, (answers) => {
        expect(candidacyAnswersSchema.safeParse(answers).success).toBe(true);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("evaluation is total and every invariant holds, for the default and random tables, in both locales", () => {
    fc.assert(
      fc.property(validAnswersArb, tableArb, localeArb, (answers, table, locale) => {
        checkInvariants(answers, table, locale);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("is deterministic: the same input twice gives deep-equal results", () => {
    fc.assert(
      fc.property(validAnswersArb, tableArb, localeArb, (answers, table, locale) => {
        const first = evaluateCandidacy(answers, table, { locale });
        const second = evaluateCandidacy(structuredClone(answers), structuredClone(table), { locale });
        expect(second).toEqual(first);
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("a status of every kind is reachable", () => {
    const seen = new Set(fc.sample(validAnswersArb, { numRuns: 2000, seed: 7 }).map((a) => evaluateCandidacy(a, DEFAULT_PRICE_TABLE).status));
    expect([...seen].sort()).toEqual([...STATUSES].sort());
  });
});

const FIELDS = [
  "sex",
  "age",
  "lossPattern",
  "goal",
  "scars",
  "skinConditions",
  "dermatologyClearance",
  "chemotherapy",
] as const satisfies readonly (keyof CandidacyAnswers)[];

/** Valid answers turned invalid in one of several ways. */
const invalidAnswersArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  // a required field replaced by anything that is not a valid value for it
  fc
    .tuple(validAnswersArb, fc.constantFrom(...FIELDS), fc.anything())
    .map(([answers, field, value]) => ({ ...answers, [field]: value }))
    .filter((candidate) => !candidacyAnswersSchema.safeParse(candidate).success),
  // an extra key
  fc
    .tuple(validAnswersArb, fc.string({ minLength: 1 }).filter((k) => !(k in {})) /* not an Object.prototype name */, fc.anything())
    .filter(([answers, key]) => !(key in answers) && !["norwoodStage", "ludwigStage", "healthScreen"].includes(key))
    .map(([answers, key, value]) => {
      const out: Record<string, unknown> = { ...answers };
      Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
      return out;
    }),
  // age out of range or not whole
  fc
    .tuple(
      validAnswersArb,
      fc.oneof(fc.integer({ max: 17 }), fc.integer({ min: 101 }), fc.double({ noInteger: true }), fc.constantFrom(Number.NaN, Infinity)),
    )
    .map(([answers, age]) => ({ ...answers, age })),
  // a required field removed
  fc.tuple(validAnswersArb, fc.constantFrom(...FIELDS)).map(([answers, field]) => {
    const out: Record<string, unknown> = { ...answers };
    delete out[field];
    return out;
  }),
  // a stage where it is forbidden
  fc
    .tuple(validAnswersArb, fc.constantFrom("alopecia_areata", "alopecia_totalis", "none", "diffuse_thinning"))
    .map(([answers, lossPattern]) => ({ ...answers, lossPattern, norwoodStage: "3", ludwigStage: undefined })),
);

describe("properties over invalid answers", () => {
  it("safeParse never throws, fails, and points at a field", () => {
    fc.assert(
      fc.property(invalidAnswersArb, (input) => {
        const result = candidacyAnswersSchema.safeParse(input);
        expect(result.success).toBe(false);
        const issues = result.error?.issues ?? [];
        // Unknown keys are reported as one `unrecognized_keys` issue naming the keys (path []);
        // every other issue carries the field's path.
        const locatesAField = issues.some(
          (i) => i.path.length > 0 || (i.code === "unrecognized_keys" && i.keys.length > 0),
        );
        expect(locatesAField, JSON.stringify(issues)).toBe(true);
        for (const issue of issues) expect(issue.message.length).toBeGreaterThan(0);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("fc.anything() as the whole body never throws", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(() => candidacyAnswersSchema.safeParse(input)).not.toThrow();
        expect(candidacyAnswersSchema.safeParse(input).success).toBe(false);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("a field-level mutation is reported at that field's path", () => {
    fc.assert(
      fc.property(
        validAnswersArb,
        fc.constantFrom(...FIELDS),
        fc.oneof(fc.string(), fc.object(), fc.constant(null), fc.boolean(), fc.float()),
        (answers, field, value) => {
          const candidate = { ...answers, [field]: value };
          const result = candidacyAnswersSchema.safeParse(candidate);
          fc.pre(!result.success);
          expect(result.error?.issues.some((i) => i.path[0] === field)).toBe(true);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
