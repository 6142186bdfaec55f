import type { CandidacyAnswers, LudwigStage, NorwoodStage } from "@/lib/candidacy/answers";
import type { CandidacyLocale } from "@/lib/candidacy/messages";
import { LOCALES } from "@/lib/i18n/locales";
import type { PriceQuote } from "@/lib/candidacy/result";
import { DERIVED_PRICE_LABELS, type PriceAreaKey } from "@/lib/pricing/price-areas";
import { PRICE_LABEL_FIELDS, type PriceRow, type PriceRowKey, type PriceTable } from "@/lib/pricing/price-table";

/**
 * Price quote from the clinic's table. See docs/decisions/001-price-derivation.md.
 *
 * Exact rows (basis = the row, estimate false):
 *   - goal scar_camouflage_only, any loss pattern          -> scar_only
 *   - Norwood 2 or 3, goal hairline_or_crown, no scars      -> norwood_2_3
 *   - Norwood 6, goal full_shaved_look, no scars            -> standard_nw6
 *   - Norwood 6, goal full_shaved_look, any scar            -> standard_with_scars
 * Everything else is derived (basis "derived", estimate true) by ONE rule:
 *   1. The area to cover (loss pattern + stage) has a span [lo, hi] on a "price line" (AREA_SPANS),
 *      one span for hairline/crown-only work and one for full coverage (shaved look or density).
 *   2. The price line runs through knots taken from the table passed in, so derived prices follow
 *      an admin's edits: x=0 scar_only.min, x=1 norwood_2_3.min, x=3 norwood_2_3.max,
 *      x=6 standard_nw6 (its min for the low end, its max for the high end), x=7 standard_with_scars.min;
 *      linear between knots.
 *   3. Any entry in `scars` (a birthmark too: it is extra area to cover) adds the table's own
 *      with-scars uplift: standard_with_scars minus standard_nw6, per end, never negative.
 *   4. Round each end to the nearest $50, order them (min <= max), and clamp both into the table's
 *      overall bounds [lowest min of any row, highest max of any row].
 * So: integers, never NaN, never negative, min <= max, inside the table's bounds, for any valid table.
 */

/** [lo, hi] positions on the price line (0..7, see the knots above). */
export type LineSpan = readonly [lo: number, hi: number];

export interface AreaSpans {
  /** Hairline or crown work only. */
  readonly hairlineOrCrown: LineSpan;
  /** Full shaved look or added density over the whole area of loss. */
  readonly full: LineSpan;
}

/**
 * The anchors of the derivation. Why these positions:
 * - Norwood 2/2A/3 hairline or crown IS the norwood_2_3 row (x 1..3); 3A and 3V are variants of 3.
 * - Norwood 1 is the lower half of that row; 3 to 5A climb from the row towards the NW6 benchmark;
 *   Norwood 7 sits between the benchmark and the with-scars minimum (more area than NW6).
 * - Hairline/crown-only work on an advanced stage is a smaller job than the full look but a
 *   larger one than on Norwood 2-3, so it sits between the row and the benchmark.
 * - "Not sure" spans every Norwood position (x 1..7): the widest honest answer until staff confirm.
 * - Ludwig I ~ Norwood 2-3, II ~ Norwood 3-4, III ~ Norwood 4-6; no Ludwig stage: 1..6.
 * - Alopecia areata patches range from scar-sized (x 0) to most of the scalp (x 6); totalis is the
 *   whole scalp like Norwood 7. No loss pattern (goal other than scars): a small job like Norwood 2-3.
 */
export const AREA_SPANS: Readonly<Record<PriceAreaKey, AreaSpans>> = {
  "nw:1": { hairlineOrCrown: [1, 2], full: [1, 2] },
  "nw:2": { hairlineOrCrown: [1, 3], full: [1, 3] },
  "nw:2A": { hairlineOrCrown: [1, 3], full: [1, 3] },
  "nw:3": { hairlineOrCrown: [1, 3], full: [2, 4] },
  "nw:3A": { hairlineOrCrown: [1, 3], full: [2.5, 4] },
  "nw:3V": { hairlineOrCrown: [1, 3], full: [2.5, 4] },
  "nw:4": { hairlineOrCrown: [2, 4], full: [3, 5] },
  "nw:4A": { hairlineOrCrown: [2, 4], full: [3, 5] },
  "nw:5": { hairlineOrCrown: [3, 5], full: [4, 6] },
  "nw:5A": { hairlineOrCrown: [3, 5], full: [4, 6] },
  // full is only reached by add_density: the full shaved look on NW6 is an exact row.
  "nw:6": { hairlineOrCrown: [3, 6], full: [5.5, 6.5] },
  "nw:7": { hairlineOrCrown: [3, 6], full: [6, 7] },
  "nw:unknown": { hairlineOrCrown: [1, 6], full: [1, 7] },
  "ludwig:I": { hairlineOrCrown: [1, 3], full: [1, 3] },
  "ludwig:II": { hairlineOrCrown: [1, 3], full: [2, 4] },
  "ludwig:III": { hairlineOrCrown: [2, 4], full: [3, 6] },
  "ludwig:unspecified": { hairlineOrCrown: [1, 4], full: [1, 6] },
  alopecia_areata: { hairlineOrCrown: [0, 3], full: [0, 6] },
  alopecia_totalis: { hairlineOrCrown: [3, 6], full: [6, 7] },
  none: { hairlineOrCrown: [1, 3], full: [1, 3] },
};

/** Derived ends are rounded to this many dollars. */
export const PRICE_ROUNDING_USD = 50;

export interface QuotePriceResult {
  price: PriceQuote;
  /** True when no exact row applies: the result must carry the PRICE_ESTIMATE flag. */
  needsEstimateFlag: boolean;
}

const NORWOOD_AREA: Readonly<Record<NorwoodStage, PriceAreaKey>> = {
  "1": "nw:1",
  "2": "nw:2",
  "2A": "nw:2A",
  "3": "nw:3",
  "3A": "nw:3A",
  "3V": "nw:3V",
  "4": "nw:4",
  "4A": "nw:4A",
  "5": "nw:5",
  "5A": "nw:5A",
  "6": "nw:6",
  "7": "nw:7",
  unknown: "nw:unknown",
};

const LUDWIG_AREA: Readonly<Record<LudwigStage, PriceAreaKey>> = { I: "ludwig:I", II: "ludwig:II", III: "ludwig:III" };

/** The area a patient's answers describe. Defensive defaults keep it total for unparsed input. */
export function priceAreaOf(answers: CandidacyAnswers): PriceAreaKey {
  switch (answers.lossPattern) {
    case "norwood":
      return NORWOOD_AREA[answers.norwoodStage ?? "unknown"] ?? "nw:unknown";
    case "diffuse_thinning":
      return (answers.ludwigStage && LUDWIG_AREA[answers.ludwigStage]) || "ludwig:unspecified";
    case "alopecia_areata":
      return "alopecia_areata";
    case "alopecia_totalis":
      return "alopecia_totalis";
    default:
      return "none";
  }
}

/** Labels of derived prices, built once: [full, full+scars, hairline, hairline+scars] per area. */
const DERIVED_LABELS: Readonly<Record<CandidacyLocale, Readonly<Record<PriceAreaKey, readonly [string, string, string, string]>>>> =
  Object.fromEntries(
    LOCALES.map((locale) => {
      const t = DERIVED_PRICE_LABELS[locale];
      const byArea = Object.fromEntries(
        Object.entries(t.areas).map(([area, name]) => [
          area,
          [
            `${name}${t.estimate}`,
            `${name}${t.withScars}${t.estimate}`,
            `${name}${t.hairlineOrCrown}${t.estimate}`,
            `${name}${t.hairlineOrCrown}${t.withScars}${t.estimate}`,
          ] as const,
        ]),
      );
      return [locale, byArea];
    }),
  ) as Record<CandidacyLocale, Record<PriceAreaKey, readonly [string, string, string, string]>>;

/** Piecewise-linear price line through the table's knots (see the header comment). */
function priceAt(x: number, k0: number, k1: number, k3: number, k6: number, k7: number): number {
  if (x <= 1) return k0 + (k1 - k0) * x;
  if (x <= 3) return k1 + ((k3 - k1) * (x - 1)) / 2;
  if (x <= 6) return k3 + ((k6 - k3) * (x - 3)) / 3;
  return k6 + (k7 - k6) * (x - 6);
}

const roundUsd = (v: number) => Math.round(v / PRICE_ROUNDING_USD) * PRICE_ROUNDING_USD;

function exactRow(answers: CandidacyAnswers): PriceRowKey | null {
  if (answers.goal === "scar_camouflage_only") return "scar_only";
  if (answers.lossPattern !== "norwood") return null;
  const hasScars = answers.scars.length > 0;
  const stage = answers.norwoodStage;
  if (answers.goal === "hairline_or_crown" && !hasScars && (stage === "2" || stage === "3")) return "norwood_2_3";
  if (answers.goal === "full_shaved_look" && stage === "6") return hasScars ? "standard_with_scars" : "standard_nw6";
  return null;
}

/** The range derived for a case the table lacks (rule in the header comment). */
export function derivePriceRange(
  area: PriceAreaKey,
  hairlineOrCrown: boolean,
  withScars: boolean,
  table: PriceTable,
): { minUsd: number; maxUsd: number } {
  const { scar_only, norwood_2_3, standard_nw6, standard_with_scars } = table.rows;
  const spans = AREA_SPANS[area];
  const [lo, hi] = hairlineOrCrown ? spans.hairlineOrCrown : spans.full;
  let low = priceAt(lo, scar_only.minUsd, norwood_2_3.minUsd, norwood_2_3.maxUsd, standard_nw6.minUsd, standard_with_scars.minUsd);
  let high = priceAt(hi, scar_only.minUsd, norwood_2_3.minUsd, norwood_2_3.maxUsd, standard_nw6.maxUsd, standard_with_scars.minUsd);
  if (withScars) {
    low += Math.max(0, standard_with_scars.minUsd - standard_nw6.minUsd);
    high += Math.max(0, standard_with_scars.maxUsd - standard_nw6.maxUsd);
  }
  low = roundUsd(low);
  high = roundUsd(high);
  if (low > high) [low, high] = [high, low];
  // The table's overall bounds, inline (this runs on every derived quote).
  const floor = Math.min(scar_only.minUsd, norwood_2_3.minUsd, standard_nw6.minUsd, standard_with_scars.minUsd);
  const ceiling = Math.max(scar_only.maxUsd, norwood_2_3.maxUsd, standard_nw6.maxUsd, standard_with_scars.maxUsd);
  return {
    minUsd: low < floor ? floor : low > ceiling ? ceiling : low,
    maxUsd: high < floor ? floor : high > ceiling ? ceiling : high,
  };
}

/** The label patients see for an exact row, in their language: both are the table's (the admin's words). */
export function exactRowLabel(row: Pick<PriceRow, "label" | "labelEs">, locale: CandidacyLocale): string {
  return row[PRICE_LABEL_FIELDS[locale]];
}

/**
 * The price shown for these answers with this table. Pure and total for parsed answers and any
 * table that passes `priceTableSchema`. Labels of exact rows come from the table (admin data, per
 * language: exactRowLabel); labels of derived ranges are localized.
 */
export function quotePrice(answers: CandidacyAnswers, table: PriceTable, locale: CandidacyLocale = "en"): QuotePriceResult {
  const rowKey = exactRow(answers);
  if (rowKey !== null) {
    const row = table.rows[rowKey];
    return {
      price: {
        minUsd: row.minUsd,
        maxUsd: row.maxUsd,
        basis: rowKey,
        estimate: false,
        label: exactRowLabel(row, locale),
        tableVersion: table.version,
      },
      needsEstimateFlag: false,
    };
  }
  const area = priceAreaOf(answers);
  const hairline = answers.goal === "hairline_or_crown";
  const withScars = answers.scars.length > 0;
  const { minUsd, maxUsd } = derivePriceRange(area, hairline, withScars, table);
  const labels = (DERIVED_LABELS[locale] ?? DERIVED_LABELS.en)[area];
  return {
    price: {
      minUsd,
      maxUsd,
      basis: "derived",
      estimate: true,
      label: labels[(hairline ? 2 : 0) + (withScars ? 1 : 0)] ?? labels[0],
      tableVersion: table.version,
    },
    needsEstimateFlag: true,
  };
}
