"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import type { ChartRow, ChartSeries } from "./chart-types";

const TICK = { fontSize: 12, fill: "#1f1b17" };
const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The dashboard's one chart (recharts, loaded on the dashboard only): bars per category, across
 * (weeks) or along (statuses, sources, steps). Purely visual: its wrapper is role="img" with a
 * summary and the table beside it has every figure, so the chart's own keyboard layer is off.
 */
export default function BarsChart({ rows, series, layout, height }: { rows: ChartRow[]; series: ChartSeries[]; layout: "columns" | "bars"; height: number }) {
  const data = rows.map((row) => ({ name: row.name, ...Object.fromEntries(series.map((s, i) => [s.key, row.values[i] ?? 0])) }));
  const across = layout === "columns";
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} layout={across ? "horizontal" : "vertical"} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#ddd3ca" {...(across ? { vertical: false } : { horizontal: false })} />
        {across ? (
          <>
            <XAxis dataKey="name" tick={TICK} interval="preserveStartEnd" minTickGap={8} />
            <YAxis allowDecimals={false} tick={TICK} width={40} />
          </>
        ) : (
          <>
            <XAxis type="number" allowDecimals={false} tick={TICK} />
            <YAxis type="category" dataKey="name" tick={TICK} width={156} tickFormatter={(value: string) => shorten(value, 24)} />
          </>
        )}
        <Tooltip cursor={{ fill: "#e3f1ee" }} />
        {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 13, color: "#1f1b17" }} /> : null}
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} isAnimationActive={false} maxBarSize={28} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
