import { LOCALES } from "@/lib/i18n/locales";
import { PRICE_FIELD_NAMES, PRICE_LANGUAGE_NAMES, PRICE_ROW_NAMES, type PriceTableDiff, type RangeComparison } from "@/lib/pricing/price-preview";
import { formatPriceRange, formatUsd } from "@/lib/workspace/format";

import styles from "./prices.module.css";

const figure = (value: number | string) => (typeof value === "number" ? formatUsd(value) : `“${value}”`);

/** "NW6 shaved: $5,500 → $6,000" (and the label, per language, when only the label changes). */
export function rangeChangeText(r: RangeComparison): string {
  const prices = `${formatPriceRange(r.before.minUsd, r.before.maxUsd)} → ${formatPriceRange(r.after.minUsd, r.after.maxUsd)}`;
  if (r.priceChanged) return `${r.case.shortName}: ${prices}${r.labelChanged ? " (label changes too)" : ""}`;
  const labels = LOCALES.filter((locale) => r.before.labels[locale] !== r.after.labels[locale]).map(
    (locale) => `${PRICE_LANGUAGE_NAMES[locale]} label “${r.before.labels[locale]}” → “${r.after.labels[locale]}”`,
  );
  return `${r.case.shortName}: ${labels.join("; ")}`;
}

/**
 * What publishing changes, in words: the table's cells, then every price patients see that changes
 * ("NW6 shaved: $5,500 → $6,000") and how many of all. Used by the publish and the restore
 * confirmations, so both name the same things.
 */
export function PriceChangeSummary({ diff, headingLevel }: { diff: PriceTableDiff; headingLevel: 3 | 4 }) {
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const priceChanges = diff.changed.filter((r) => r.priceChanged).length;
  // The table's own rows first (what the admin typed), then the derived ranges that follow them.
  const listed = [...diff.changed.filter((r) => !r.after.estimate), ...diff.changed.filter((r) => r.after.estimate)];
  return (
    <div className={styles.summary}>
      <p>
        <strong>
          {diff.changed.length} of {diff.ranges.length} prices patients see will change
        </strong>
        {diff.changed.length > priceChanges ? ` (${priceChanges} in their figures, ${diff.changed.length - priceChanges} in their label only)` : ""}.
      </p>
      {diff.rows.length > 0 ? (
        <>
          <Heading className={styles.summaryHeading}>In the table</Heading>
          <ul className={styles.changeList}>
            {diff.rows.map((c) => (
              <li key={`${c.key}.${c.field}`}>
                {PRICE_ROW_NAMES[c.key]}, {PRICE_FIELD_NAMES[c.field]}: {figure(c.before)} → {figure(c.after)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {diff.changed.length > 0 ? (
        <>
          <Heading className={styles.summaryHeading}>What patients see</Heading>
          {/* A long list scrolls inside its box: focusable and named so the keyboard can scroll it too. */}
          <ul className={`${styles.changeList} ${styles.changeListLong} ${styles.scroll}`} tabIndex={0} aria-label="Prices patients see that change">
            {listed.map((r) => (
              <li key={r.case.id}>{rangeChangeText(r)}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
