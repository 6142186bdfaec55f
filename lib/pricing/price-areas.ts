import type { AppLocale } from "@/lib/i18n/locales";

/**
 * The areas to cover that the price derivation knows (lib/pricing/quote-price.ts) and their names
 * in a derived price's label, in every language. A stage's name is the one the questionnaire shows
 * (lib/i18n/messages, questionnaire.norwood.stages and questionnaire.ludwig.stages): a unit test
 * holds the two together.
 */

/** The areas the derivation knows: every Norwood stage, every Ludwig stage (or none given), the rest. */
export const PRICE_AREA_KEYS = [
  "nw:1",
  "nw:2",
  "nw:2A",
  "nw:3",
  "nw:3A",
  "nw:3V",
  "nw:4",
  "nw:4A",
  "nw:5",
  "nw:5A",
  "nw:6",
  "nw:7",
  "nw:unknown",
  "ludwig:I",
  "ludwig:II",
  "ludwig:III",
  "ludwig:unspecified",
  "alopecia_areata",
  "alopecia_totalis",
  "none",
] as const;
export type PriceAreaKey = (typeof PRICE_AREA_KEYS)[number];

export interface DerivedPriceLabelText {
  /** Name of the area the range was derived for. */
  readonly areas: Readonly<Record<PriceAreaKey, string>>;
  readonly hairlineOrCrown: string;
  readonly withScars: string;
  readonly estimate: string;
}

/** Pieces of the label of a derived price, e.g. "Norwood 4, with scars (estimate from the clinic's table)". */
export const DERIVED_PRICE_LABELS: Readonly<Record<AppLocale, DerivedPriceLabelText>> = {
  en: {
    areas: {
      "nw:1": "Norwood 1",
      "nw:2": "Norwood 2",
      "nw:2A": "Norwood 2A",
      "nw:3": "Norwood 3",
      "nw:3A": "Norwood 3A",
      "nw:3V": "Norwood 3 vertex",
      "nw:4": "Norwood 4",
      "nw:4A": "Norwood 4A",
      "nw:5": "Norwood 5",
      "nw:5A": "Norwood 5A",
      "nw:6": "Norwood 6",
      "nw:7": "Norwood 7",
      "nw:unknown": "Norwood stage to confirm",
      "ludwig:I": "Diffuse thinning, Ludwig I",
      "ludwig:II": "Diffuse thinning, Ludwig II",
      "ludwig:III": "Diffuse thinning, Ludwig III",
      "ludwig:unspecified": "Diffuse thinning",
      alopecia_areata: "Alopecia areata",
      alopecia_totalis: "Alopecia totalis",
      none: "Added density",
    },
    hairlineOrCrown: ", hairline or crown",
    withScars: ", with scars",
    estimate: " (estimate from the clinic's table)",
  },
  es: {
    areas: {
      "nw:1": "Norwood 1",
      "nw:2": "Norwood 2",
      "nw:2A": "Norwood 2A",
      "nw:3": "Norwood 3",
      "nw:3A": "Norwood 3A",
      "nw:3V": "Norwood 3 vértex",
      "nw:4": "Norwood 4",
      "nw:4A": "Norwood 4A",
      "nw:5": "Norwood 5",
      "nw:5A": "Norwood 5A",
      "nw:6": "Norwood 6",
      "nw:7": "Norwood 7",
      "nw:unknown": "Etapa Norwood por confirmar",
      "ludwig:I": "Adelgazamiento difuso, Ludwig I",
      "ludwig:II": "Adelgazamiento difuso, Ludwig II",
      "ludwig:III": "Adelgazamiento difuso, Ludwig III",
      "ludwig:unspecified": "Adelgazamiento difuso",
      alopecia_areata: "Alopecia areata",
      alopecia_totalis: "Alopecia total",
      none: "Densidad adicional",
    },
    hairlineOrCrown: ", línea frontal o coronilla",
    withScars: ", con cicatrices",
    estimate: " (estimado a partir de la tabla de la clínica)",
  },
};
