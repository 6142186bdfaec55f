"use client";

import dynamic from "next/dynamic";

import type { ChartRow, ChartSeries } from "./chart-types";

// recharts is loaded only here, after the page's own content: the staff pages' shared JS stays small.
const BarsChart = dynamic(() => import("./BarsChart"), {
  ssr: false,
  loading: () => null,
});

/**
 * A dashboard chart: role="img" named by a sentence that sums it up (a screen reader hears the
 * summary; the table that follows has every figure, keyboard-reachable).
 */
export function DashboardChart({
  summary,
  rows,
  series,
  layout,
}: {
  summary: string;
  rows: ChartRow[];
  series: ChartSeries[];
  layout: "columns" | "bars";
}) {
  const height = layout === "columns" ? 240 : Math.max(120, rows.length * (series.length > 1 ? 44 : 34) + (series.length > 1 ? 72 : 40));
  return (
    <div role="img" aria-label={summary} data-chart="" style={{ width: "100%", height, minWidth: 0 }}>
      {rows.length === 0 ? null : <BarsChart rows={rows} series={series} layout={layout} height={height} />}
    </div>
  );
}
