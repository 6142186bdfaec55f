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

/**
 * A category label broken into lines of at most `maxChars` characters at spaces (a word longer than
 * a line is cut), at most `maxLines` lines; only what still does not fit ends in "…". The bar
 * charts' axis labels, so "Dermatology clearance required" reads in full on a phone too.
 */
export function wrapLabel(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.split(/\s+/).filter((w) => w !== "");
  const lines: string[] = [];
  let line = "";
  for (const word of words.flatMap((w) => w.match(new RegExp(`.{1,${maxChars}}`, "gu")) ?? [])) {
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= maxChars) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== "") lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? "";
  kept[maxLines - 1] = `${last.length < maxChars ? last : last.slice(0, maxChars - 1)}…`;
  return kept;
}
