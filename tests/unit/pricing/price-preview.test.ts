import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { GOALS } from "@/lib/candidacy/options";
import { DEFAULT_PRICE_TABLE, type PriceTable } from "@/lib/pricing/price-table";
import { diffPriceTables, PREVIEW_GOALS, PRICE_CASES, previewPriceRanges } from "@/lib/pricing/price-preview";
import { PRICE_AREA_KEYS } from "@/lib/pricing/price-areas";
import { quotePrice } from "@/lib/pricing/quote-price";
import { buildAnswers, priceTableArb } from "@/tests/support/candidacy-builders";

const withNw6 = (table: PriceTable, usd: number): PriceTable => ({
  ...table,
  version: table.version + 1,
  rows: { ...table.rows, standard_nw6: { ...table.rows.standard_nw6, minUsd: usd, maxUsd: usd } },
});

describe("the price preview", () => {
  it("lists every area for each goal, with and without scars, plus scar camouflage once", () => {
    expect(PRICE_CASES).toHaveLength(1 + PREVIEW_GOALS.length * PRICE_AREA_KEYS.length * 2);
    expect(new Set(PRICE_CASES.map((c) => c.id)).size).toBe(PRICE_CASES.length);
    expect(new Set(PRICE_CASES.map((c) => c.goal))).toEqual(new Set(GOALS));
    for (const goal of PREVIEW_GOALS) {
      for (const area of PRICE_AREA_KEYS) {
        expect(PRICE_CASES.filter((c) => c.goal === goal && c.area === area).map((c) => c.withScars)).toEqual([false, true]);
      }
    }
  });

  it("prices each case exactly as a patient's quote does, in English and Spanish", () => {
    const preview = previewPriceRanges(DEFAULT_PRICE_TABLE);
    const nw6 = PRICE_CASES.findIndex((c) => c.id === "nw:6|full_shaved_look|no_scars");
    expect(preview[nw6]).toEqual({
      minUsd: 5500,
      maxUsd: 5500,
      basis: "standard_nw6",
      estimate: false,
      labels: { en: "Standard procedure (Norwood 6 benchmark)", es: "Procedimiento estándar (precio de referencia Norwood 6)" },
    });
    const ludwig = PRICE_CASES.findIndex((c) => c.id === "ludwig:II|add_density|scars");
    const patient = quotePrice(buildAnswers({ lossPattern: "diffuse_thinning", norwoodStage: undefined, ludwigStage: "II", goal: "add_density", scars: ["fue"] }), DEFAULT_PRICE_TABLE, "es");
    expect(preview[ludwig]).toMatchObject({ minUsd: patient.price.minUsd, maxUsd: patient.price.maxUsd, basis: "derived", estimate: true });
    expect(preview[ludwig]?.labels.es).toBe(patient.price.label);
  });

  it("the same table changes nothing; a new benchmark names NW6 shaved and moves the derived ranges with it", () => {
    expect(diffPriceTables(DEFAULT_PRICE_TABLE, DEFAULT_PRICE_TABLE)).toMatchObject({ changed: [], rows: [] });
    const diff = diffPriceTables(DEFAULT_PRICE_TABLE, withNw6(DEFAULT_PRICE_TABLE, 6000));
    expect(diff.rows).toEqual([
      { key: "standard_nw6", field: "minUsd", before: 5500, after: 6000 },
      { key: "standard_nw6", field: "maxUsd", before: 5500, after: 6000 },
    ]);
    const nw6 = diff.changed.find((r) => r.case.id === "nw:6|full_shaved_look|no_scars");
    expect(nw6).toMatchObject({ case: { shortName: "NW6 shaved" }, before: { minUsd: 5500, maxUsd: 5500 }, after: { minUsd: 6000, maxUsd: 6000 }, priceChanged: true });
    // Unaffected: scar camouflage and the Norwood 2-3 row.
    expect(diff.changed.some((r) => r.case.goal === "scar_camouflage_only" || r.case.id === "nw:2|hairline_or_crown|no_scars")).toBe(false);
    expect(diff.changed.length).toBeGreaterThan(10);
    expect(diff.changed.length).toBeLessThan(diff.ranges.length);
  });

  it("a label edit changes that language's label only, in English or in Spanish", () => {
    const next = { ...DEFAULT_PRICE_TABLE, rows: { ...DEFAULT_PRICE_TABLE.rows, scar_only: { ...DEFAULT_PRICE_TABLE.rows.scar_only, label: "Scar camouflage" } } };
    const diff = diffPriceTables(DEFAULT_PRICE_TABLE, next);
    expect(diff.rows).toEqual([{ key: "scar_only", field: "label", before: "Scar treatment only", after: "Scar camouflage" }]);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]).toMatchObject({ priceChanged: false, labelChanged: true, after: { labels: { en: "Scar camouflage", es: "Solo tratamiento de cicatrices" } } });

    const spanish = { ...DEFAULT_PRICE_TABLE, rows: { ...DEFAULT_PRICE_TABLE.rows, standard_nw6: { ...DEFAULT_PRICE_TABLE.rows.standard_nw6, labelEs: "Procedimiento completo (Norwood 6)" } } };
    const es = diffPriceTables(DEFAULT_PRICE_TABLE, spanish);
    expect(es.rows).toEqual([{ key: "standard_nw6", field: "labelEs", before: "Procedimiento estándar (precio de referencia Norwood 6)", after: "Procedimiento completo (Norwood 6)" }]);
    expect(es.changed.map((r) => r.case.id)).toEqual(["nw:6|full_shaved_look|no_scars"]);
    expect(es.changed[0]).toMatchObject({
      priceChanged: false,
      labelChanged: true,
      before: { labels: { en: "Standard procedure (Norwood 6 benchmark)" } },
      after: { labels: { en: "Standard procedure (Norwood 6 benchmark)", es: "Procedimiento completo (Norwood 6)" } },
    });
  });

  it("for any valid table, every previewed price is whole and ordered, estimate iff derived; the same table changes nothing", () => {
    fc.assert(
      fc.property(priceTableArb, (table) => {
        const preview = previewPriceRanges(table);
        expect(preview).toHaveLength(PRICE_CASES.length);
        for (const p of preview) {
          expect(Number.isInteger(p.minUsd) && Number.isInteger(p.maxUsd)).toBe(true);
          expect(p.minUsd).toBeLessThanOrEqual(p.maxUsd);
          expect(p.estimate).toBe(p.basis === "derived");
        }
        expect(diffPriceTables(table, table).changed).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});
