/** The dashboard charts' data (server-safe: the page builds it; a "use client" module cannot export values to it). */
export interface ChartRow {
  name: string;
  /** One value per series, in the series' order. */
  values: number[];
}

export interface ChartSeries {
  key: string;
  name: string;
  /** A colour with at least 4.5:1 contrast on white (the legend and the table say the same in words). */
  color: string;
}

/** Dark teal (7.6:1 on white) and dark amber (6.4:1): apart in hue and lightness. */
export const CHART_COLORS = { primary: "#0a5c52", secondary: "#8a4b00" } as const;
