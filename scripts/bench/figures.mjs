// The ONE way a bench reports a figure to `npm run bench` (scripts/bench/all.mjs): one line on
// stdout per figure,
//
//   FIGURE {"name":"inbox p95: due today (SQLite)","value":4.2,"unit":"ms","goal":"<= 30"}
//   FIGURE {"name":"lead submissions (SQLite)","value":310,"unit":"req/s","goal":">= 0.6x","baseline":480}
//
// - name: unique within its bench, readable on its own (include the database when there are two);
// - value: a number (NaN / null = not measured);
// - unit: "ms", "req/s", "s", "MB", "KB", "score", "x", ...;
// - goal (optional): "<= N" or ">= N" against the value, or "<= Nx" / ">= Nx" against the baseline
//   (value / baseline), e.g. ">= 0.6x" = at least 0.6 times the baseline;
// - baseline (optional): the trivial route / floor measured IN THE SAME RUN, same unit as value.
// Everything else a bench prints is kept verbatim in bench/results.md. Use figure() from here (plain
// JS for the .mjs benches; figures.d.mts types it for the .ts ones) or print the line yourself.

export const FIGURE_PREFIX = "FIGURE ";

/** Prints one figure line (see above). */
export function figure({ name, value, unit, goal, baseline, note }) {
  const f = { name, value: Number.isFinite(value) ? value : null, unit };
  if (goal) f.goal = goal;
  if (baseline !== undefined) f.baseline = Number.isFinite(baseline) ? baseline : null;
  if (note) f.note = note;
  process.stdout.write(`${FIGURE_PREFIX}${JSON.stringify(f)}\n`);
}

/** The figures in a bench's output, in order; malformed lines are ignored. */
export function parseFigures(output) {
  const figures = [];
  for (const line of output.split("\n")) {
    if (!line.startsWith(FIGURE_PREFIX)) continue;
    try {
      const f = JSON.parse(line.slice(FIGURE_PREFIX.length));
      if (f && typeof f.name === "string") figures.push(f);
    } catch {
      // not a figure line after all
    }
  }
  return figures;
}

/** true (met), false (missed), or null (no goal, or nothing measured). */
export function meetsGoal({ value, goal, baseline }) {
  const m = /^\s*(<=|>=)\s*(-?[\d.]+)\s*(x?)\s*$/.exec(goal ?? "");
  if (!m || typeof value !== "number") return null;
  const relative = m[3] === "x";
  if (relative && !(typeof baseline === "number" && baseline !== 0)) return null;
  const v = relative ? value / baseline : value;
  return m[1] === "<=" ? v <= Number(m[2]) : v >= Number(m[2]);
}
