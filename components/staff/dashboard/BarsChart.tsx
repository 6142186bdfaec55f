"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis, type YAxisTickContentProps } from "recharts";

import { wrapLabel, type ChartRow, type ChartSeries } from "./chart-types";

const TICK = { fontSize: 12, fill: "#1f1b17" };
/** The category labels of the bars layout: lines of up to 24 characters (as many as the labels had before they were cut) in the 156 px beside the bars. */
const LABEL_WIDTH = 156;
const LABEL_CHARS = 24;
const LINE_HEIGHT = 14;

/**
 * A category label wrapped onto lines (recharts' own ticks do not wrap on a category axis), centred
 * on its bar: two lines a row for one series (34 px rows), three for two (44 px rows).
 */
function CategoryTick({ x, y, payload, maxLines }: Pick<YAxisTickContentProps, "x" | "y" | "payload"> & { maxLines: number }) {
  const lines = wrapLabel(String(payload.value ?? ""), LABEL_CHARS, maxLines);
  return (
    <text x={x} y={y} textAnchor="end" dominantBaseline="central" fontSize={TICK.fontSize} fill={TICK.fill}>
      {lines.map((line, i) => (
        <tspan key={i} x={x} dy={i === 0 ? -((lines.length - 1) * LINE_HEIGHT) / 2 : LINE_HEIGHT}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

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
            <YAxis type="category" dataKey="name" width={LABEL_WIDTH} interval={0} tick={(props: YAxisTickContentProps) => <CategoryTick x={props.x} y={props.y} payload={props.payload} maxLines={series.length > 1 ? 3 : 2} />} />
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
