import { describe, expect, it } from "vitest";
import { DEFAULT_PRICE_TABLE, PRICE_ROW_KEYS, priceTableBounds, priceTableSchema } from "@/lib/pricing/price-table";
import { buildPriceTable } from "@/tests/support/candidacy-builders";

describe("DEFAULT_PRICE_TABLE", () => {
  it("is version 1 of the clinic page's table", () => {
    expect(priceTableSchema.parse(DEFAULT_PRICE_TABLE)).toEqual(DEFAULT_PRICE_TABLE);
    expect(DEFAULT_PRICE_TABLE.version).toBe(1);
    expect(DEFAULT_PRICE_TABLE.currency).toBe("USD");
    const figures = PRICE_ROW_KEYS.map((k) => [k, DEFAULT_PRICE_TABLE.rows[k].minUsd, DEFAULT_PRICE_TABLE.rows[k].maxUsd]);
    expect(figures).toEqual([
      ["scar_only", 1500, 2500],
      ["norwood_2_3", 2000, 3500],
      ["standard_nw6", 5500, 5500],
      ["standard_with_scars", 6000, 7000],
    ]);
    expect(DEFAULT_PRICE_TABLE.rows.norwood_2_3.label).toBe("Norwood 2-3, hairline or crown");
  });

  it("is frozen so nobody edits the seed by accident", () => {
    expect(Object.isFrozen(DEFAULT_PRICE_TABLE.rows.scar_only)).toBe(true);
  });

  it("spans 1,500 to 7,000: the table, not the page's 1,500-5,000 summary", () => {
    expect(priceTableBounds(DEFAULT_PRICE_TABLE)).toEqual({ minUsd: 1500, maxUsd: 7000 });
  });
});

describe("priceTableSchema rejects bad tables at the field", () => {
  const base = buildPriceTable();
  it.each<[string, unknown, PropertyKey[]]>([
    ["min above max", buildPriceTable({ scar_only: { minUsd: 3000, maxUsd: 2000 } }), ["rows", "scar_only", "maxUsd"]],
    ["negative price", buildPriceTable({ norwood_2_3: { minUsd: -1 } }), ["rows", "norwood_2_3", "minUsd"]],
    ["minimum below $100 (a $0 minimum)", buildPriceTable({ norwood_2_3: { minUsd: 0 } }), ["rows", "norwood_2_3", "minUsd"]],
    ["minimum of $99", buildPriceTable({ scar_only: { minUsd: 99 } }), ["rows", "scar_only", "minUsd"]],
    ["cents", buildPriceTable({ standard_nw6: { maxUsd: 5500.5 } }), ["rows", "standard_nw6", "maxUsd"]],
    ["absurd price", buildPriceTable({ standard_with_scars: { maxUsd: 55_000_000 } }), ["rows", "standard_with_scars", "maxUsd"]],
    ["empty label", buildPriceTable({ scar_only: { label: "  " } }), ["rows", "scar_only", "label"]],
    ["version 0", { ...base, version: 0 }, ["version"]],
    ["version not whole", { ...base, version: 1.5 }, ["version"]],
    ["other currency", { ...base, currency: "EUR" }, ["currency"]],
    ["missing row", { ...base, rows: { ...base.rows, standard_nw6: undefined } }, ["rows", "standard_nw6"]],
    ["extra row", { ...base, rows: { ...base.rows, nw4: { minUsd: 1, maxUsd: 2, label: "x" } } }, ["rows"]],
  ])("%s", (_name, input, path) => {
    const result = priceTableSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toContainEqual(path);
  });

  it("accepts an admin's edited table", () => {
    const edited = buildPriceTable({ standard_nw6: { minUsd: 5000, maxUsd: 6000 } }, 2);
    expect(priceTableSchema.safeParse(edited).success).toBe(true);
  });
});
