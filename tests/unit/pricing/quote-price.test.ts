import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CandidacyAnswers } from "@/lib/candidacy/answers";
import { DEFAULT_PRICE_TABLE, priceTableBounds } from "@/lib/pricing/price-table";
import { PRICE_AREA_KEYS } from "@/lib/pricing/price-areas";
import { AREA_SPANS, derivePriceRange, quotePrice } from "@/lib/pricing/quote-price";
import { buildAnswers, buildPriceTable, priceTableArb, validAnswersArb } from "@/tests/support/candidacy-builders";

const quote = (overrides: Partial<CandidacyAnswers>) => quotePrice(buildAnswers(overrides), DEFAULT_PRICE_TABLE);

describe("exact table rows", () => {
  it.each<[string, Partial<CandidacyAnswers>, string, number, number, string]>([
    ["scar only, no loss pattern", { lossPattern: "none", goal: "scar_camouflage_only", scars: ["strip"] }, "scar_only", 1500, 2500, "Scar treatment only"],
    ["scar only on a Norwood 6", { goal: "scar_camouflage_only", scars: ["burn"] }, "scar_only", 1500, 2500, "Scar treatment only"],
    ["scar only with alopecia areata", { lossPattern: "alopecia_areata", goal: "scar_camouflage_only" }, "scar_only", 1500, 2500, "Scar treatment only"],
    ["Norwood 2 hairline", { norwoodStage: "2", goal: "hairline_or_crown" }, "norwood_2_3", 2000, 3500, "Norwood 2-3, hairline or crown"],
    ["Norwood 3 crown", { norwoodStage: "3", goal: "hairline_or_crown" }, "norwood_2_3", 2000, 3500, "Norwood 2-3, hairline or crown"],
    ["Norwood 6 shaved look", {}, "standard_nw6", 5500, 5500, "Standard procedure (Norwood 6 benchmark)"],
    ["Norwood 6 shaved look with scars", { scars: ["strip", "fue"] }, "standard_with_scars", 6000, 7000, "Standard procedure with scars"],
    ["Norwood 6 shaved look with a birthmark", { scars: ["birthmark"] }, "standard_with_scars", 6000, 7000, "Standard procedure with scars"],
  ])("%s -> %s", (_name, overrides, basis, min, max, label) => {
    const { price, needsEstimateFlag } = quote(overrides);
    expect(price).toEqual({ minUsd: min, maxUsd: max, basis, estimate: false, label, tableVersion: 1 });
    expect(needsEstimateFlag).toBe(false);
  });
});

describe("derived ranges on the default table", () => {
  it.each<[string, Partial<CandidacyAnswers>, number, number, string]>([
    ["Norwood 1", { norwoodStage: "1", goal: "add_density" }, 2000, 2750, "Norwood 1 (estimate from the clinic's table)"],
    ["Norwood 2 shaved look", { norwoodStage: "2" }, 2000, 3500, "Norwood 2 (estimate from the clinic's table)"],
    ["Norwood 2A hairline", { norwoodStage: "2A", goal: "hairline_or_crown" }, 2000, 3500, "Norwood 2A, hairline or crown (estimate from the clinic's table)"],
    ["Norwood 3 shaved look", { norwoodStage: "3" }, 2750, 4150, "Norwood 3 (estimate from the clinic's table)"],
    ["Norwood 3 hairline with scars", { norwoodStage: "3", goal: "hairline_or_crown", scars: ["strip"] }, 2500, 5000, "Norwood 3, hairline or crown, with scars (estimate from the clinic's table)"],
    ["Norwood 3A", { norwoodStage: "3A" }, 3150, 4150, "Norwood 3A (estimate from the clinic's table)"],
    ["Norwood 3 vertex", { norwoodStage: "3V" }, 3150, 4150, "Norwood 3 vertex (estimate from the clinic's table)"],
    ["Norwood 4", { norwoodStage: "4" }, 3500, 4850, "Norwood 4 (estimate from the clinic's table)"],
    ["Norwood 4A with scars", { norwoodStage: "4A", scars: ["burn"] }, 4000, 6350, "Norwood 4A, with scars (estimate from the clinic's table)"],
    ["Norwood 5", { norwoodStage: "5" }, 4150, 5500, "Norwood 5 (estimate from the clinic's table)"],
    ["Norwood 5A hairline", { norwoodStage: "5A", goal: "hairline_or_crown" }, 3500, 4850, "Norwood 5A, hairline or crown (estimate from the clinic's table)"],
    ["Norwood 6 add density", { goal: "add_density" }, 5150, 5750, "Norwood 6 (estimate from the clinic's table)"],
    ["Norwood 6 hairline only", { goal: "hairline_or_crown" }, 3500, 5500, "Norwood 6, hairline or crown (estimate from the clinic's table)"],
    ["Norwood 7", { norwoodStage: "7" }, 5500, 6000, "Norwood 7 (estimate from the clinic's table)"],
    ["Norwood 7 with scars (capped at the table's top)", { norwoodStage: "7", scars: ["strip"] }, 6000, 7000, "Norwood 7, with scars (estimate from the clinic's table)"],
    ["Norwood not sure", { norwoodStage: "unknown" }, 2000, 6000, "Norwood stage to confirm (estimate from the clinic's table)"],
    ["Ludwig I", { lossPattern: "diffuse_thinning", ludwigStage: "I", goal: "add_density" }, 2000, 3500, "Diffuse thinning, Ludwig I (estimate from the clinic's table)"],
    ["Ludwig II", { lossPattern: "diffuse_thinning", ludwigStage: "II", goal: "add_density" }, 2750, 4150, "Diffuse thinning, Ludwig II (estimate from the clinic's table)"],
    ["Ludwig III", { lossPattern: "diffuse_thinning", ludwigStage: "III", goal: "add_density" }, 3500, 5500, "Diffuse thinning, Ludwig III (estimate from the clinic's table)"],
    ["diffuse thinning, no stage", { lossPattern: "diffuse_thinning", goal: "add_density" }, 2000, 5500, "Diffuse thinning (estimate from the clinic's table)"],
    ["alopecia areata", { lossPattern: "alopecia_areata", goal: "add_density" }, 1500, 5500, "Alopecia areata (estimate from the clinic's table)"],
    ["alopecia totalis", { lossPattern: "alopecia_totalis" }, 5500, 6000, "Alopecia totalis (estimate from the clinic's table)"],
    ["no loss pattern, add density", { lossPattern: "none", goal: "add_density" }, 2000, 3500, "Added density (estimate from the clinic's table)"],
  ])("%s: $%i-$%i", (_name, overrides, min, max, label) => {
    const { price, needsEstimateFlag } = quote(overrides);
    expect(price).toEqual({ minUsd: min, maxUsd: max, basis: "derived", estimate: true, label, tableVersion: 1 });
    expect(needsEstimateFlag).toBe(true);
  });

  it("Spanish labels for derived ranges", () => {
    const { price } = quotePrice(buildAnswers({ norwoodStage: "4", scars: ["fue"], goal: "hairline_or_crown" }), DEFAULT_PRICE_TABLE, "es");
    expect(price.label).toBe("Norwood 4, línea frontal o coronilla, con cicatrices (estimado a partir de la tabla de la clínica)");
  });

  it("Norwood 3A to 5A stay between the Norwood 2-3 row and the NW6 benchmark", () => {
    const { norwood_2_3, standard_nw6 } = DEFAULT_PRICE_TABLE.rows;
    for (const stage of ["3A", "3V", "4", "4A", "5", "5A"] as const) {
      const { price } = quote({ norwoodStage: stage });
      expect(price.minUsd).toBeGreaterThan(norwood_2_3.minUsd);
      expect(price.maxUsd).toBeGreaterThan(norwood_2_3.maxUsd);
      expect(price.maxUsd).toBeLessThanOrEqual(standard_nw6.maxUsd);
    }
  });

  it("more area never costs less: full-coverage Norwood ranges rise with the stage", () => {
    const stages = ["1", "2", "3", "3A", "4", "5", "7"] as const;
    const prices = stages.map((s) => quote({ norwoodStage: s, goal: "add_density" }).price);
    for (let i = 1; i < prices.length; i++) {
      expect(prices[i]!.minUsd).toBeGreaterThanOrEqual(prices[i - 1]!.minUsd);
      expect(prices[i]!.maxUsd).toBeGreaterThanOrEqual(prices[i - 1]!.maxUsd);
    }
  });

  it("scars never lower a derived price", () => {
    for (const area of PRICE_AREA_KEYS) {
      for (const hairline of [false, true]) {
        const without = derivePriceRange(area, hairline, false, DEFAULT_PRICE_TABLE);
        const withScars = derivePriceRange(area, hairline, true, DEFAULT_PRICE_TABLE);
        expect(withScars.minUsd).toBeGreaterThanOrEqual(without.minUsd);
        expect(withScars.maxUsd).toBeGreaterThanOrEqual(without.maxUsd);
      }
    }
  });

  it("every span stays on the price line (0..7) with lo <= hi", () => {
    for (const area of PRICE_AREA_KEYS) {
      for (const [lo, hi] of [AREA_SPANS[area].full, AREA_SPANS[area].hairlineOrCrown]) {
        expect(lo).toBeGreaterThanOrEqual(0);
        expect(hi).toBeLessThanOrEqual(7);
        expect(lo).toBeLessThanOrEqual(hi);
      }
    }
  });
});

describe("derived ranges follow the table an admin saved", () => {
  it("raising the NW6 benchmark raises Norwood 5 and keeps exact rows exact", () => {
    const table = buildPriceTable({ standard_nw6: { minUsd: 6000, maxUsd: 6000 } }, 2);
    const nw5 = quotePrice(buildAnswers({ norwoodStage: "5" }), table).price;
    expect(nw5).toMatchObject({ minUsd: 4350, maxUsd: 6000, basis: "derived", tableVersion: 2 });
    expect(quotePrice(buildAnswers(), table).price).toMatchObject({ minUsd: 6000, maxUsd: 6000, basis: "standard_nw6", tableVersion: 2 });
  });

  it("the scar uplift is the table's own with-scars difference", () => {
    const table = buildPriceTable({ standard_with_scars: { minUsd: 5500, maxUsd: 5500 } });
    const { price } = quotePrice(buildAnswers({ norwoodStage: "4", scars: ["strip"] }), table);
    expect(price).toMatchObject({ minUsd: 3500, maxUsd: 4850 });
  });

  it("a table where every row costs the same quotes that one figure", () => {
    const row = { minUsd: 4000, maxUsd: 4000 };
    const table = buildPriceTable({ scar_only: row, norwood_2_3: row, standard_nw6: row, standard_with_scars: row });
    fc.assert(
      fc.property(validAnswersArb, (answers) => {
        const { price } = quotePrice(answers, table);
        expect([price.minUsd, price.maxUsd]).toEqual([4000, 4000]);
      }),
      { numRuns: 300 },
    );
  });

  it("a table of zeros quotes zero, never NaN", () => {
    const row = { minUsd: 0, maxUsd: 0 };
    const table = buildPriceTable({ scar_only: row, norwood_2_3: row, standard_nw6: row, standard_with_scars: row });
    expect(quotePrice(buildAnswers({ norwoodStage: "unknown", scars: ["burn"] }), table).price).toMatchObject({ minUsd: 0, maxUsd: 0 });
  });

  it("any valid table: integers, 0 <= min <= max, inside the table's bounds, estimate <=> derived", () => {
    fc.assert(
      fc.property(validAnswersArb, priceTableArb, fc.constantFrom("en" as const, "es" as const), (answers, table, locale) => {
        const { price, needsEstimateFlag } = quotePrice(answers, table, locale);
        const bounds = priceTableBounds(table);
        expect(Number.isSafeInteger(price.minUsd)).toBe(true);
        expect(Number.isSafeInteger(price.maxUsd)).toBe(true);
        expect(price.minUsd).toBeGreaterThanOrEqual(0);
        expect(price.minUsd).toBeLessThanOrEqual(price.maxUsd);
        expect(price.minUsd).toBeGreaterThanOrEqual(bounds.minUsd);
        expect(price.maxUsd).toBeLessThanOrEqual(bounds.maxUsd);
        expect(needsEstimateFlag).toBe(price.estimate);
        expect(price.estimate).toBe(price.basis === "derived");
        if (price.basis !== "derived") {
          const row = table.rows[price.basis];
          // Each language shows the admin's own label for the row.
          const label = locale === "es" ? row.labelEs : row.label;
          expect([price.minUsd, price.maxUsd, price.label]).toEqual([row.minUsd, row.maxUsd, label]);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
