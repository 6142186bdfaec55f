import type { CandidacyAnswers, Goal } from "@/lib/candidacy/answers";
import type { CandidacyLocale } from "@/lib/candidacy/messages";
import { LOCALES } from "@/lib/i18n/locales";
import { PRICE_ROW_KEYS, type PriceRowKey, type PriceTable } from "@/lib/pricing/price-table";
import { PRICE_AREA_KEYS, type PriceAreaKey } from "@/lib/pricing/price-areas";
import { quotePrice } from "@/lib/pricing/quote-price";

/**
 * Every price a patient can be shown, for one table: each Norwood and Ludwig stage, alopecia and "no
 * pattern", with and without scars, for each goal, priced by THE function patients' quotes use
 * (quotePrice), so the admin's preview cannot drift from what patients see. Client-safe and pure:
 * the price page computes the preview of a draft in the browser and the confirmation names what
 * changes; the server publishes only rows that pass the same schema.
 */

/** The goals that price by area; scar camouflage is one row for every pattern (PRICE_CASES' first). */
export const PREVIEW_GOALS = ["full_shaved_look", "hairline_or_crown", "add_density"] as const satisfies readonly Goal[];
export type PreviewGoal = (typeof PREVIEW_GOALS)[number];

export const PREVIEW_GOAL_NAMES: Readonly<Record<Goal, string>> = {
  full_shaved_look: "Full shaved look",
  hairline_or_crown: "Hairline or crown",
  add_density: "More density",
  scar_camouflage_only: "Scar camouflage only",
};

/** Short staff names of the areas, for the confirmation ("NW6 shaved: $5,500 -> $6,000"). */
const AREA_SHORT: Readonly<Record<PriceAreaKey, string>> = {
  "nw:1": "NW1",
  "nw:2": "NW2",
  "nw:2A": "NW2A",
  "nw:3": "NW3",
  "nw:3A": "NW3A",
  "nw:3V": "NW3V",
  "nw:4": "NW4",
  "nw:4A": "NW4A",
  "nw:5": "NW5",
  "nw:5A": "NW5A",
  "nw:6": "NW6",
  "nw:7": "NW7",
  "nw:unknown": "NW not sure",
  "ludwig:I": "Ludwig I",
  "ludwig:II": "Ludwig II",
  "ludwig:III": "Ludwig III",
  "ludwig:unspecified": "Diffuse thinning, no stage",
  alopecia_areata: "Alopecia areata",
  alopecia_totalis: "Alopecia totalis",
  none: "No loss pattern",
};

const GOAL_SHORT: Readonly<Record<Goal, string>> = {
  full_shaved_look: "shaved",
  hairline_or_crown: "hairline/crown",
  add_density: "density",
  scar_camouflage_only: "scar camouflage",
};

export interface PriceCase {
  /** Stable id ("nw:6|full_shaved_look|scars"), the React key and the test handle. */
  id: string;
  /** null: every pattern (scar camouflage only). */
  area: PriceAreaKey | null;
  goal: Goal;
  withScars: boolean;
  /** "NW6 shaved, with scars". */
  shortName: string;
}

/** The answers that reach this case (only the fields quotePrice reads vary). */
function answersOf(c: PriceCase): CandidacyAnswers {
  const base = {
    sex: "male",
    age: 40,
    goal: c.goal,
    scars: c.withScars ? ["strip"] : [],
    skinConditions: [],
    dermatologyClearance: false,
    chemotherapy: "none",
  } satisfies Partial<CandidacyAnswers>;
  const area = c.area;
  if (area === null || area === "none") return { ...base, lossPattern: "none" };
  if (area === "alopecia_areata" || area === "alopecia_totalis") return { ...base, lossPattern: area };
  if (area.startsWith("nw:")) return { ...base, lossPattern: "norwood", norwoodStage: area.slice(3) as NonNullable<CandidacyAnswers["norwoodStage"]> };
  const ludwig = area.slice("ludwig:".length);
  return ludwig === "unspecified"
    ? { ...base, lossPattern: "diffuse_thinning" }
    : { ...base, lossPattern: "diffuse_thinning", ludwigStage: ludwig as NonNullable<CandidacyAnswers["ludwigStage"]> };
}

function caseOf(area: PriceAreaKey | null, goal: Goal, withScars: boolean): PriceCase {
  const name = area === null ? "Scar camouflage only (any pattern)" : `${AREA_SHORT[area]} ${GOAL_SHORT[goal]}`;
  return { id: `${area ?? "any"}|${goal}|${withScars ? "scars" : "no_scars"}`, area, goal, withScars, shortName: withScars && area !== null ? `${name}, with scars` : name };
}

/** Every case, in the order the preview lists them: scar camouflage, then per goal, area, without / with scars. */
export const PRICE_CASES: readonly PriceCase[] = Object.freeze([
  caseOf(null, "scar_camouflage_only", true),
  ...PREVIEW_GOALS.flatMap((goal) => PRICE_AREA_KEYS.flatMap((area) => [caseOf(area, goal, false), caseOf(area, goal, true)])),
]);

export interface PreviewRange {
  minUsd: number;
  maxUsd: number;
  /** The table row used, or "derived". */
  basis: PriceRowKey | "derived";
  estimate: boolean;
  /** The label patients see, per language. */
  labels: Readonly<Record<CandidacyLocale, string>>;
}

/** The range and labels of each case (PRICE_CASES' order) for this table. */
export function previewPriceRanges(table: PriceTable): PreviewRange[] {
  return PRICE_CASES.map((c) => {
    const answers = answersOf(c);
    const quotes = LOCALES.map((locale) => [locale, quotePrice(answers, table, locale).price] as const);
    const first = quotes[0]![1];
    return {
      minUsd: first.minUsd,
      maxUsd: first.maxUsd,
      basis: first.basis as PriceRowKey | "derived",
      estimate: first.estimate,
      labels: Object.fromEntries(quotes.map(([locale, price]) => [locale, price.label])) as Record<CandidacyLocale, string>,
    };
  });
}

export interface RangeComparison {
  case: PriceCase;
  before: PreviewRange;
  after: PreviewRange;
  /** The figures differ (the label may differ on its own: labelChanged). */
  priceChanged: boolean;
  labelChanged: boolean;
}

export interface RowChange {
  key: PriceRowKey;
  field: "minUsd" | "maxUsd" | "label" | "labelEs";
  before: number | string;
  after: number | string;
}

export interface PriceTableDiff {
  /** Every case, before and after. */
  ranges: RangeComparison[];
  /** The cases whose figures or label change. */
  changed: RangeComparison[];
  /** The table's own cells that change. */
  rows: RowChange[];
}

/** What publishing `next` instead of `current` changes, for the preview and the confirmation. */
export function diffPriceTables(current: PriceTable, next: PriceTable): PriceTableDiff {
  const before = previewPriceRanges(current);
  const after = previewPriceRanges(next);
  const ranges = PRICE_CASES.map((c, i): RangeComparison => {
    const b = before[i]!;
    const a = after[i]!;
    return {
      case: c,
      before: b,
      after: a,
      priceChanged: a.minUsd !== b.minUsd || a.maxUsd !== b.maxUsd,
      labelChanged: LOCALES.some((locale) => a.labels[locale] !== b.labels[locale]),
    };
  });
  const rows: RowChange[] = [];
  for (const key of PRICE_ROW_KEYS) {
    for (const field of ["minUsd", "maxUsd", "label", "labelEs"] as const) {
      const was = current.rows[key][field];
      const now = next.rows[key][field];
      if (was !== now) rows.push({ key, field, before: was, after: now });
    }
  }
  return { ranges, changed: ranges.filter((r) => r.priceChanged || r.labelChanged), rows };
}

/** The languages' names in the staff's words (the label fields, the preview, the confirmation). */
export const PRICE_LANGUAGE_NAMES: Readonly<Record<CandidacyLocale, string>> = { en: "English", es: "Spanish" };

/** The table's rows in the staff's words (the form's fieldsets, the confirmation). */
export const PRICE_ROW_NAMES: Readonly<Record<PriceRowKey, string>> = {
  scar_only: "Scar treatment only",
  norwood_2_3: "Norwood 2-3, hairline or crown",
  standard_nw6: "Standard procedure (Norwood 6 benchmark)",
  standard_with_scars: "Standard procedure with scars",
};

export const PRICE_FIELD_NAMES: Readonly<Record<RowChange["field"], string>> = {
  minUsd: "lowest price",
  maxUsd: "highest price",
  label: "English label",
  labelEs: "Spanish label",
};
