import { z } from "zod";

import type { AppLocale } from "@/lib/i18n/locales";
import { multiLineText, singleLineText } from "@/lib/validation/text";

/**
 * The clinic's price table (USD, covers sessions 1 and 2). It is data, not code: an admin edits it,
 * every edit gets a new `version`, and a saved inquiry keeps the version it was quoted from.
 */

/** The four rows of the clinic page's table, in the page's order. */
export const PRICE_ROW_KEYS = ["scar_only", "norwood_2_3", "standard_nw6", "standard_with_scars"] as const;
export type PriceRowKey = (typeof PRICE_ROW_KEYS)[number];

/** Upper sanity bound on any figure: catches a typo such as 55000000 without limiting real prices. */
export const MAX_PRICE_USD = 1_000_000;
/** The lowest minimum a published row may have (api-v1.md "Admin additions"): catches a $0 or a dropped digit. */
export const MIN_PRICE_USD = 100;

const usd = z
  .number({ error: "Please enter a price in whole US dollars." })
  .int({ error: "Please enter a price in whole US dollars." })
  .min(0, { error: "A price cannot be negative." })
  .max(MAX_PRICE_USD, { error: `A price cannot be above ${MAX_PRICE_USD}.` });

/** The longest label patients see for a row (either language). */
export const PRICE_LABEL_MAX = 120;
const rowLabel = (missing: string) =>
  singleLineText({ error: missing })
    .trim()
    .min(1, { error: missing })
    .max(PRICE_LABEL_MAX, { error: `Please keep the label under ${PRICE_LABEL_MAX} characters.` });

/**
 * One row: its figures and the label patients see, in English (`label`) and in Spanish (`labelEs`),
 * both the admin's words, stored with the version (a restore brings both back).
 */
export const priceRowSchema = z
  .strictObject({
    minUsd: usd.min(MIN_PRICE_USD, { error: `The lowest price must be at least $${MIN_PRICE_USD}.` }),
    maxUsd: usd,
    label: rowLabel("Please enter a label."),
    labelEs: rowLabel("Please enter the Spanish label."),
  })
  .refine((row) => row.minUsd <= row.maxUsd, {
    path: ["maxUsd"],
    error: "The highest price must be at least the lowest price.",
  });

/** Which field of a row holds the label patients see in each language. */
export const PRICE_LABEL_FIELDS = { en: "label", es: "labelEs" } as const satisfies Record<AppLocale, keyof z.input<typeof priceRowSchema>>;
export type PriceLabelField = (typeof PRICE_LABEL_FIELDS)[AppLocale];

export const priceTableSchema = z.strictObject({
  version: z.number({ error: "The version must be a whole number." }).int().min(1, { error: "The version starts at 1." }),
  currency: z.literal("USD", { error: "Prices are in US dollars (USD)." }),
  rows: z.strictObject({
    scar_only: priceRowSchema,
    norwood_2_3: priceRowSchema,
    standard_nw6: priceRowSchema,
    standard_with_scars: priceRowSchema,
  }),
});

/** The admin's publish form: the four rows (named "scar_only.minUsd", "scar_only.labelEs" etc.) and a note for the record. */
export const PRICE_NOTE_MAX = 500;
const versionNumber = z.coerce
  .number({ error: "The version must be a whole number." })
  .int({ error: "The version must be a whole number." })
  .min(1, { error: "The version starts at 1." });

export const publishPriceTableSchema = priceTableSchema.shape.rows.extend({
  note: multiLineText().trim().max(PRICE_NOTE_MAX, { error: `Please keep the note to ${PRICE_NOTE_MAX} characters or fewer.` }).optional(),
  /** The active version the admin's preview compared against (a stale one is refused). */
  baseVersion: versionNumber.optional(),
});

/** The version history's "Restore": which version, and the active one the confirmation compared against. */
export const restorePriceTableSchema = z.strictObject({
  version: versionNumber,
  baseVersion: versionNumber.optional(),
});

/** The publish form's FormData as the schema's input: "$3,000" -> 3000, an empty figure stays missing. */
export function publishPriceTableFromForm(form: FormData): Record<string, unknown> {
  const text = (key: string): string | undefined => {
    const value = form.get(key);
    return typeof value === "string" ? value : undefined;
  };
  const money = (key: string): number | undefined => {
    const raw = (text(key) ?? "").trim().replace(/[$,\s]/g, "");
    return raw === "" ? undefined : Number(raw);
  };
  const rows = Object.fromEntries(
    PRICE_ROW_KEYS.map((key) => [
      key,
      { minUsd: money(`${key}.minUsd`), maxUsd: money(`${key}.maxUsd`), label: text(`${key}.label`) ?? "", labelEs: text(`${key}.labelEs`) ?? "" },
    ]),
  );
  const note = (text("note") ?? "").trim();
  const baseVersion = (text("baseVersion") ?? "").trim();
  return { ...rows, ...(note === "" ? {} : { note }), ...(baseVersion === "" ? {} : { baseVersion }) };
}

export type PriceRow = z.infer<typeof priceRowSchema>;
export type PriceTable = z.infer<typeof priceTableSchema>;

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (inner !== null && typeof inner === "object") deepFreeze(inner as object);
  }
  return Object.freeze(value);
}

/**
 * Version 1, seeded from the clinic page's table. The NW6 benchmark is one figure on the page,
 * so its row has min = max. The Spanish labels are the app's translation of the four rows (until
 * 2026-12 they were fixed; migration 20261201152500_price_row_spanish_labels gave every stored
 * version these same words). Frozen so no caller can edit the seed by accident.
 */
export const DEFAULT_PRICE_TABLE: PriceTable = deepFreeze({
  version: 1,
  currency: "USD",
  rows: {
    scar_only: { minUsd: 1500, maxUsd: 2500, label: "Scar treatment only", labelEs: "Solo tratamiento de cicatrices" },
    norwood_2_3: { minUsd: 2000, maxUsd: 3500, label: "Norwood 2-3, hairline or crown", labelEs: "Norwood 2-3, línea frontal o coronilla" },
    standard_nw6: {
      minUsd: 5500,
      maxUsd: 5500,
      label: "Standard procedure (Norwood 6 benchmark)",
      labelEs: "Procedimiento estándar (precio de referencia Norwood 6)",
    },
    standard_with_scars: { minUsd: 6000, maxUsd: 7000, label: "Standard procedure with scars", labelEs: "Procedimiento estándar con cicatrices" },
  },
});

/** The lowest and highest figure anywhere in the table: every quote stays inside these. */
export function priceTableBounds(table: PriceTable): { minUsd: number; maxUsd: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const key of PRICE_ROW_KEYS) {
    const row = table.rows[key];
    if (row.minUsd < min) min = row.minUsd;
    if (row.maxUsd > max) max = row.maxUsd;
  }
  return { minUsd: min, maxUsd: max };
}
