/**
 * Shared builders for candidacy answers and price tables (unit tests, seed script, e2e, bench).
 * Everything here produces VALID data according to lib/candidacy/answers.ts and
 * lib/pricing/price-table.ts; the arbitraries honour the conditional stage rules.
 */
import fc from "fast-check";
import {
  CHEMOTHERAPY,
  GOALS,
  HEALTH_SCREEN_ITEMS,
  LUDWIG_STAGES,
  NORWOOD_STAGES,
  SCAR_KINDS,
  SEXES,
  SKIN_CONDITIONS,
  type CandidacyAnswers,
} from "@/lib/candidacy/answers";
import { DEFAULT_PRICE_TABLE, MAX_PRICE_USD, PRICE_ROW_KEYS, type PriceRow, type PriceTable } from "@/lib/pricing/price-table";

/** A healthy Norwood 6 patient wanting the shaved look: eligible, exact standard_nw6 row, only SHAVED_LOOK_CLASSIC_CASE. */
export const BASE_ANSWERS: Readonly<CandidacyAnswers> = Object.freeze({
  sex: "male",
  age: 40,
  lossPattern: "norwood",
  norwoodStage: "6",
  goal: "full_shaved_look",
  scars: [],
  skinConditions: [],
  dermatologyClearance: false,
  chemotherapy: "none",
});

/**
 * Valid answers from BASE_ANSWERS plus overrides. Switching `lossPattern` away from "norwood"
 * drops the default norwoodStage unless the override sets one explicitly (set it to build an
 * invalid object on purpose). Arrays are copied so tests can't share mutable state.
 */
export function buildAnswers(overrides: Partial<CandidacyAnswers> = {}): CandidacyAnswers {
  const answers: CandidacyAnswers = { ...BASE_ANSWERS, scars: [...BASE_ANSWERS.scars], skinConditions: [], ...overrides };
  if (answers.lossPattern !== "norwood" && !("norwoodStage" in overrides)) delete answers.norwoodStage;
  return answers;
}

/** Same idea for tables: DEFAULT_PRICE_TABLE with some rows replaced. */
export function buildPriceTable(
  rows: Partial<Record<(typeof PRICE_ROW_KEYS)[number], Partial<PriceRow>>> = {},
  version = DEFAULT_PRICE_TABLE.version,
): PriceTable {
  const base = DEFAULT_PRICE_TABLE.rows;
  return {
    version,
    currency: "USD",
    rows: {
      scar_only: { ...base.scar_only, ...rows.scar_only },
      norwood_2_3: { ...base.norwood_2_3, ...rows.norwood_2_3 },
      standard_nw6: { ...base.standard_nw6, ...rows.standard_nw6 },
      standard_with_scars: { ...base.standard_with_scars, ...rows.standard_with_scars },
    },
  };
}

type HairLoss = Pick<CandidacyAnswers, "lossPattern" | "norwoodStage" | "ludwigStage">;

/** Loss pattern with its stage fields, present only where the schema allows them. */
export const hairLossArb: fc.Arbitrary<HairLoss> = fc.oneof(
  fc.constantFrom(...NORWOOD_STAGES).map((norwoodStage): HairLoss => ({ lossPattern: "norwood", norwoodStage })),
  fc
    .option(fc.constantFrom(...LUDWIG_STAGES), { nil: undefined })
    .map((ludwigStage): HairLoss => (ludwigStage ? { lossPattern: "diffuse_thinning", ludwigStage } : { lossPattern: "diffuse_thinning" })),
  fc.constantFrom("alopecia_areata", "alopecia_totalis", "none").map((lossPattern): HairLoss => ({ lossPattern })),
);

/** Every valid CandidacyAnswers (age 18..100, unique arrays, optional healthScreen absent or present). */
export const validAnswersArb: fc.Arbitrary<CandidacyAnswers> = fc
  .tuple(
    fc.record({
      sex: fc.constantFrom(...SEXES),
      age: fc.integer({ min: 18, max: 100 }),
      goal: fc.constantFrom(...GOALS),
      scars: fc.uniqueArray(fc.constantFrom(...SCAR_KINDS)),
      skinConditions: fc.uniqueArray(fc.constantFrom(...SKIN_CONDITIONS)),
      dermatologyClearance: fc.boolean(),
      chemotherapy: fc.constantFrom(...CHEMOTHERAPY),
    }),
    hairLossArb,
    fc.option(fc.uniqueArray(fc.constantFrom(...HEALTH_SCREEN_ITEMS)), { nil: undefined }),
  )
  .map(([rest, hairLoss, healthScreen]): CandidacyAnswers => ({
    ...rest,
    ...hairLoss,
    ...(healthScreen === undefined ? {} : { healthScreen }),
  }));

const priceRowArb = (label: string, labelEs: string): fc.Arbitrary<PriceRow> =>
  fc
    .tuple(fc.integer({ min: 0, max: MAX_PRICE_USD }), fc.integer({ min: 0, max: MAX_PRICE_USD }))
    .map(([a, b]) => ({ minUsd: Math.min(a, b), maxUsd: Math.max(a, b), label, labelEs }));

/** Any table an admin could save: each row min <= max, but rows in any order relative to each other. */
export const priceTableArb: fc.Arbitrary<PriceTable> = fc.record({
  version: fc.integer({ min: 1, max: 1_000_000 }),
  currency: fc.constant("USD" as const),
  rows: fc.record({
    scar_only: priceRowArb("Scar treatment only", "Solo cicatrices"),
    norwood_2_3: priceRowArb("Norwood 2-3, hairline or crown", "Norwood 2-3, línea frontal"),
    standard_nw6: priceRowArb("Standard procedure (Norwood 6 benchmark)", "Procedimiento estándar"),
    standard_with_scars: priceRowArb("Standard procedure with scars", "Procedimiento con cicatrices"),
  }),
});
