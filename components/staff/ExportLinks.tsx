import { filtersToSearchParams } from "@/lib/leads/lead-filters";

import admin from "./admin.module.css";
import styles from "./staff.module.css";

export interface ExportLinksProps {
  /** The inbox's current filters (empty values dropped). */
  filters: Record<string, string | undefined>;
  thisMonth: { from: string; to: string };
  lastMonth: { from: string; to: string };
  timeZone: string;
}

function Pair({ label, params }: { label: string; params: URLSearchParams }) {
  const query = params.toString();
  return (
    <li>
      <span>{label}:</span>{" "}
      <a className={styles.buttonSecondary} href={`/api/v1/leads/export.csv${query ? `?${query}` : ""}`} download>
        CSV<span className={admin.visuallyHidden}> of {label.toLowerCase()}</span>
      </a>{" "}
      <a className={styles.buttonSecondary} href={`/api/v1/leads/export.xlsx${query ? `?${query}` : ""}`} download>
        Excel<span className={admin.visuallyHidden}> of {label.toLowerCase()}</span>
      </a>
    </li>
  );
}

/**
 * The admin's export choices on the inbox: exactly what the filters show (a custom period is the
 * "Received from / to" filter), this month, or last month; CSV or Excel (.xlsx), same rows and columns.
 */
export function ExportLinks({ filters, thisMonth, lastMonth, timeZone }: ExportLinksProps) {
  const current = filtersToSearchParams(filters);
  const hasFilters = [...current.keys()].length > 0;
  return (
    <details className={admin.exportMenu}>
      <summary className={styles.buttonSecondary}>Export…</summary>
      <div className={admin.exportPanel}>
        <ul className={admin.exportList}>
          <Pair label={hasFilters ? "These results (the filters above)" : "Every inquiry"} params={current} />
          <Pair label={`This month (${thisMonth.from} to ${thisMonth.to})`} params={filtersToSearchParams({ ...filters, ...thisMonth })} />
          <Pair label={`Last month (${lastMonth.from} to ${lastMonth.to})`} params={filtersToSearchParams({ ...filters, ...lastMonth })} />
        </ul>
        <p className={styles.muted}>
          For another period, set “Received from” and “Received to” below and press Show. Dates and times are the clinic&apos;s ({timeZone}).
        </p>
      </div>
    </details>
  );
}
