import { PRICE_ROW_KEYS } from "@/lib/pricing/price-table";
import type { PriceTableVersionInfo } from "@/lib/pricing/price-table-store";
import { formatDateTime, formatPriceRange } from "@/lib/workspace/format";

import styles from "./staff.module.css";

export function PriceVersions({ versions }: { versions: PriceTableVersionInfo[] }) {
  return (
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading">All versions</h2>
      <div className={styles.tableWrap}>
        <table className={styles.table}>
          <caption>Newest first</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Published</th>
              {PRICE_ROW_KEYS.map((key) => (
                <th key={key} scope="col">
                  <code>{key}</code>
                </th>
              ))}
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <th scope="row">
                  {v.version}
                  {v.active ? " (active)" : ""}
                </th>
                <td>{formatDateTime(v.createdAt)}</td>
                {PRICE_ROW_KEYS.map((key) => (
                  <td key={key}>{formatPriceRange(v.table.rows[key].minUsd, v.table.rows[key].maxUsd)}</td>
                ))}
                <td>{v.note ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
