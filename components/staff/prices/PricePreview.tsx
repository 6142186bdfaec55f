import { useId, useState } from "react";

import { PREVIEW_GOAL_NAMES, PREVIEW_GOALS, type PriceTableDiff, type RangeComparison } from "@/lib/pricing/price-preview";
import { formatPriceRange, formatUsd } from "@/lib/workspace/format";

import staff from "../staff.module.css";
import { LocaleLabels } from "./LocaleLabels";
import styles from "./prices.module.css";

const signed = (n: number) => `${n > 0 ? "+" : "−"}${formatUsd(Math.abs(n))}`;

function changeText(r: RangeComparison): string {
  if (!r.priceChanged && !r.labelChanged) return "No change";
  const parts: string[] = [];
  const low = r.after.minUsd - r.before.minUsd;
  const high = r.after.maxUsd - r.before.maxUsd;
  if (low !== 0) parts.push(`lowest ${signed(low)}`);
  if (high !== 0) parts.push(`highest ${signed(high)}`);
  if (r.labelChanged) parts.push("label");
  return `Changes: ${parts.join(", ")}`;
}

function Labels({ r }: { r: RangeComparison }) {
  return (
    <LocaleLabels>
      {(locale) =>
        r.labelChanged && r.before.labels[locale] !== r.after.labels[locale] ? (
          <>
            <del>{r.before.labels[locale]}</del> <ins>{r.after.labels[locale]}</ins>
          </>
        ) : (
          r.after.labels[locale]
        )
      }
    </LocaleLabels>
  );
}

/**
 * The preview: every price patients can be shown, the active table's beside the draft's, each
 * difference marked in words ("Changes: from +$500, to +$500") and by a bold, bordered row, not by
 * colour alone. The figures come from diffPriceTables (quotePrice, as patients' quotes).
 */
export function PricePreview({ diff, activeVersion }: { diff: PriceTableDiff; activeVersion: number }) {
  const [onlyChanged, setOnlyChanged] = useState(false);
  const toggleId = useId();
  const groups = [
    { goal: "scar_camouflage_only" as const, ranges: diff.ranges.filter((r) => r.case.goal === "scar_camouflage_only") },
    ...PREVIEW_GOALS.map((goal) => ({ goal, ranges: diff.ranges.filter((r) => r.case.goal === goal) })),
  ];
  return (
    <section aria-labelledby="price-preview-heading" className={staff.panel}>
      <h2 id="price-preview-heading">Preview: what patients will see</h2>
      <p>
        {diff.changed.length === 0
          ? `No price patients see changes yet (${diff.ranges.length} prices checked).`
          : `${diff.changed.length} of ${diff.ranges.length} prices patients see change with this draft; each is marked “Changes” with its difference.`}{" "}
        Ranges marked “estimate” are derived from the four rows (decision 001).
      </p>
      <p>
        <input id={toggleId} type="checkbox" checked={onlyChanged} onChange={(e) => setOnlyChanged(e.currentTarget.checked)} />{" "}
        <label htmlFor={toggleId}>Show only the prices that change</label>
      </p>
      {groups.map(({ goal, ranges }) => {
        const shown = onlyChanged ? ranges.filter((r) => r.priceChanged || r.labelChanged) : ranges;
        const changed = ranges.filter((r) => r.priceChanged || r.labelChanged).length;
        return (
          // Focusable and named: on a phone the table scrolls sideways, and the keyboard must reach it.
          <div key={goal} className={`${staff.tableWrap} ${styles.scroll}`} tabIndex={0} role="region" aria-label={`Preview: ${PREVIEW_GOAL_NAMES[goal]}`}>
            {/* Explicit roles: on a phone the rows are laid out as cards (CSS display), which some browsers
                would otherwise take as "not a table". */}
            <table className={`${staff.table} ${styles.previewTable}`} data-goal={goal} role="table">
              <caption>
                {PREVIEW_GOAL_NAMES[goal]}: {ranges.length} {ranges.length === 1 ? "price" : "prices"}, {changed === 0 ? "no change" : `${changed} ${changed === 1 ? "changes" : "change"}`}
              </caption>
              <thead role="rowgroup">
                <tr role="row">
                  <th scope="col" role="columnheader">Case and the label patients see</th>
                  <th scope="col" role="columnheader">Active (version {activeVersion})</th>
                  <th scope="col" role="columnheader">Draft</th>
                  <th scope="col" role="columnheader">Difference</th>
                </tr>
              </thead>
              <tbody role="rowgroup">
                {shown.length === 0 ? (
                  <tr role="row">
                    <td colSpan={4} role="cell">No change in this group.</td>
                  </tr>
                ) : (
                  shown.map((r) => {
                    const isChanged = r.priceChanged || r.labelChanged;
                    return (
                      <tr key={r.case.id} role="row" className={isChanged ? styles.changedRow : undefined} data-case={r.case.id} data-changed={isChanged ? "true" : undefined}>
                        <th scope="row" role="rowheader" className={styles.caseCell}>
                          <span className={styles.caseName}>{r.case.shortName}</span>
                          {r.after.estimate ? <span className={styles.estimate}> estimate</span> : null}
                          <Labels r={r} />
                        </th>
                        <td role="cell" className={styles.money} data-label={`Active (v${activeVersion})`}>
                          {formatPriceRange(r.before.minUsd, r.before.maxUsd)}
                        </td>
                        <td role="cell" className={styles.money} data-label="Draft">
                          {formatPriceRange(r.after.minUsd, r.after.maxUsd)}
                        </td>
                        <td role="cell" className={styles.difference}>{isChanged ? <strong className={styles.changeMark}>{changeText(r)}</strong> : "No change"}</td>
                      </tr>
                    );
                  })
                )}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}
