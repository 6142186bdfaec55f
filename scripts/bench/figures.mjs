// The ONE way a bench reports a figure to `npm run bench` (scripts/bench/all.mjs): one line on
// stdout per figure,
//
//   FIGURE {"name":"inbox p95: status=new (SQLite)","value":6.6,"unit":"ms","goal":"<= 160x","baseline":0.04,"absoluteGoal":"<= 30","kind":"inbox page"}
//   FIGURE {"name":"lead submissions (SQLite)","value":310,"unit":"req/s","goal":">= 0.6x","baseline":480}
//   FIGURE {"name":"embed.js, gzip","value":2.1,"unit":"KB","goal":"<= 4"}
//
// - name: unique within its bench, readable on its own (include the database when there are two);
// - value: a number (NaN / null = not measured);
// - unit: "ms", "req/s", "s", "MB", "KB", "score", "x", ...;
// - goal (optional, JUDGED): "<= N" or ">= N" against the value, or "<= Nx" / ">= Nx" against
//   value / baseline, e.g. ">= 0.6x" = at least 0.6 times the baseline;
// - baseline (optional): the floor (or trivial route) measured IN THE SAME RUN on the same data,
//   same unit as value;
// - absoluteGoal (optional, NOT judged): the goal on the reference machine, printed beside a
//   figure judged on its ratio (scripts/bench/goals.mjs);
// - kind (optional): the entry of scripts/bench/goals.mjs the goals come from.
//
// A figure whose goal depends on how fast the machine is (time, throughput, a Lighthouse metric)
// is reported with floored(kind, { name, value, floor }): its goals come from GOALS[kind]. One
// that does not (bytes, memory, a count that must be 0) with figure(). Everything else a bench
// prints is kept verbatim in bench/results.md. Plain JS for the .mjs benches; figures.d.mts types
// it for the .ts ones.

import { GOALS } from "./goals.mjs";

export const FIGURE_PREFIX = "FIGURE ";

const GOAL = /^\s*(<=|>=)\s*(-?[\d.]+(?:e[+-]?\d+)?)\s*(x?)\s*$/i;

/** The figure line's object: non-finite numbers become null, absent options are left out. */
export function figureRecord({ name, value, unit, goal, baseline, note, absoluteGoal, kind }) {
  const f = { name, value: Number.isFinite(value) ? value : null, unit };
  if (goal) f.goal = goal;
  if (baseline !== undefined) f.baseline = Number.isFinite(baseline) ? baseline : null;
  if (absoluteGoal) f.absoluteGoal = absoluteGoal;
  if (kind) f.kind = kind;
  if (note) f.note = note;
  return f;
}

/** Prints one figure line (see above). */
export function figure(f) {
  process.stdout.write(`${FIGURE_PREFIX}${JSON.stringify(figureRecord(f))}\n`);
}

/** `n` rounded to two significant digits ("150", "0.57", "1700"). */
export function twoDigits(n) {
  return Number(n.toPrecision(2));
}

/**
 * The ratio goal of an absolute goal over the reference machine's floor: "<= 30" over 0.2 ->
 * "<= 150x"; ">= 1000000" over 400000 -> ">= 2.5x". Two significant digits.
 */
export function ratioGoal(absolute, referenceFloor) {
  const m = GOAL.exec(absolute ?? "");
  if (!m || m[3] !== "") throw new Error(`not an absolute goal: ${absolute}`);
  if (!(typeof referenceFloor === "number" && referenceFloor > 0)) throw new Error(`no reference floor for ${absolute}`);
  return `${m[1]} ${twoDigits(Number(m[2]) / referenceFloor)}x`;
}

/** The reference floor of a goal entry, for `provider` ("SQLite", "PostgreSQL") where it has one per database. */
export function referenceFloorOf(entry, provider) {
  const floor = entry.referenceFloor;
  if (typeof floor === "number") return floor;
  if (!provider || typeof floor?.[provider] !== "number") throw new Error(`no reference floor for ${provider ?? "(no database named)"}`);
  return floor[provider];
}

/**
 * The figure of a value judged on its ratio to a floor measured in the same run: goal = the
 * entry's absolute goal over its reference floor, baseline = `floor`, absoluteGoal kept for reading.
 * `goals` is GOALS (scripts/bench/goals.mjs), passed in for tests.
 */
export function flooredRecord(goals, kind, { name, value, floor, provider, note }) {
  const entry = goals[kind];
  if (!entry) throw new Error(`unknown kind of figure "${kind}" (scripts/bench/goals.mjs has: ${Object.keys(goals).join(", ")})`);
  return figureRecord({
    name,
    value,
    unit: entry.unit,
    goal: ratioGoal(entry.absolute, referenceFloorOf(entry, provider)),
    baseline: floor,
    absoluteGoal: entry.absolute,
    kind,
    note,
  });
}

/** Prints a figure judged on its ratio to `floor` (see flooredRecord and scripts/bench/goals.mjs). */
export function floored(kind, f) {
  process.stdout.write(`${FIGURE_PREFIX}${JSON.stringify(flooredRecord(GOALS, kind, f))}\n`);
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

/** value / baseline, or null when either is missing or the baseline is 0. */
export function ratioOf({ value, baseline }) {
  return typeof value === "number" && typeof baseline === "number" && baseline !== 0 ? value / baseline : null;
}

/** true (met), false (missed), or null (no goal, or nothing measured): the judged goal. */
export function meetsGoal({ value, goal, baseline }) {
  const m = GOAL.exec(goal ?? "");
  if (!m || typeof value !== "number") return null;
  const relative = m[3] !== "";
  const v = relative ? ratioOf({ value, baseline }) : value;
  if (v === null) return null;
  return m[1] === "<=" ? v <= Number(m[2]) : v >= Number(m[2]);
}

/** The value against absoluteGoal (shown for reading, never judged): true, false or null. */
export function meetsAbsoluteGoal({ value, absoluteGoal }) {
  return absoluteGoal ? meetsGoal({ value, goal: absoluteGoal }) : null;
}

/** Units whose figures depend on how fast the machine is. */
const SPEED_UNITS = new Set(["ms", "s", "µs", "req/s", "calls/s"]);

/**
 * A figure judged on an absolute goal in a unit that depends on the machine's speed (a time, a
 * throughput): it should be reported with floored() instead. all.mjs names them in results.md.
 */
export function lacksFloor({ unit, goal }) {
  const m = GOAL.exec(goal ?? "");
  return m !== null && m[3] === "" && SPEED_UNITS.has(unit);
}

/** Lighthouse's floor: 1000 / its CPU benchmark index, in ms (10 iterations of its benchmark). */
export function lighthouseFloorMs(benchmarkIndex) {
  return typeof benchmarkIndex === "number" && benchmarkIndex > 0 ? 1000 / benchmarkIndex : Number.NaN;
}
