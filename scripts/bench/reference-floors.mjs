// How the reference floors of scripts/bench/goals.mjs were derived (bench/README.md, "How each ratio
// goal was set"): the floors of runs on any machine, converted to the reference machine through what
// the reference run itself measured. Prints each estimate per run, their median, and the ratio goal.
//
//   node scripts/bench/reference-floors.mjs [history.json ...]   (default: artifacts/bench/history.json)
//
// - inbox page, lead detail, slots: the reference run timed one round trip (SELECT 1) through the same
//   client; the staff bench times the first page's floor (25 ids) and the detail's floor in turns
//   with one round trip, and a floor is converted by that ratio:
//     floor_ref = selectOne_ref x floor / selectOne
//   (these floors do not grow with the table, so a small run gives them as well as a full one);
// - export time, reports summary, evaluate, validate + evaluate: the code is the reference run's
//   (unchanged since), and a figure over its floor does not depend on the machine (the premise of the
//   ratios), so the reference figure gives the reference floor:
//     floor_ref = figure_ref x floor / figure   (export time: the mean of CSV's and XLSX's)
//   (both grow with the rows alike, so a small run gives the ratio);
// - total blocking time: the reference run printed its benchmark index (REFERENCE).
import { readFileSync } from "node:fs";

import { ratioGoal, twoDigits } from "./figures.mjs";
import { GOALS, REFERENCE } from "./goals.mjs";

const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["artifacts/bench/history.json"];
const reference = JSON.parse(readFileSync("bench/history.json", "utf8")).find((r) => REFERENCE.run.startsWith(r.commit));
if (!reference) throw new Error(`the reference run (${REFERENCE.run}) is not in bench/history.json`);
const runs = files.flatMap((f) => JSON.parse(readFileSync(f, "utf8")));

const figuresOf = (run, bench) => run.benches?.[bench]?.figures ?? [];
const find = (run, bench, name) => figuresOf(run, bench).find((f) => f.name === name);
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** figure_ref x floor / figure, for the figure `name` of `bench` in `run`. */
const transfer = (run, bench, name) => {
  const ref = find(reference, bench, name);
  const f = find(run, bench, name);
  return ref && f && typeof f.baseline === "number" && f.value ? (ref.value * f.baseline) / f.value : Number.NaN;
};

const estimates = {};
const add = (kind, provider, value) => {
  const key = provider ? `${kind}|${provider}` : kind;
  (estimates[key] ??= []).push(value);
};
for (const run of runs) {
  for (const provider of ["SQLite", "PostgreSQL"]) {
    const ref = REFERENCE.selectOneP50Ms[provider];
    const page = find(run, "staff", `first page's floor over one round trip (${provider})`);
    if (page?.baseline) add("inbox page", provider, (ref * page.value) / page.baseline);
    const detail = find(run, "staff", `lead detail's floor over one round trip (${provider})`);
    if (detail?.baseline) add("lead detail", provider, (ref * detail.value) / detail.baseline);
    const slots = find(run, "slots", `slots floor over one round trip (${provider})`);
    if (slots?.baseline) add("slots", provider, (ref * slots.value) / slots.baseline);
    if (find(run, "admin", `CSV export time (${provider})`)) {
      add("export time", provider, (transfer(run, "admin", `CSV export time (${provider})`) + transfer(run, "admin", `XLSX export time (${provider})`)) / 2);
      add("reports summary", provider, transfer(run, "admin", `reports summary over a year p95 (${provider})`));
    }
  }
  if (find(run, "evaluate", "evaluate")) {
    add("evaluate", null, transfer(run, "evaluate", "evaluate"));
    add("validate + evaluate", null, transfer(run, "evaluate", "validate + evaluate"));
  }
}

console.log(`Reference run: ${REFERENCE.run}, ${REFERENCE.machine}; ${runs.length} run(s) from ${files.join(", ")}\n`);
console.log(`${"kind".padEnd(34)} ${"estimates per run".padEnd(44)} ${"median".padStart(10)}  ratio goal   (goals.mjs now)`);
for (const [key, values] of Object.entries(estimates)) {
  const [kind, provider] = key.split("|");
  const m = median(values);
  const entry = GOALS[kind];
  const now = typeof entry.referenceFloor === "number" ? entry.referenceFloor : entry.referenceFloor[provider];
  const goal = Number.isFinite(m) && m > 0 ? ratioGoal(entry.absolute, twoDigits(m)) : "n/a";
  console.log(`${key.replace("|", ", ").padEnd(34)} ${values.map((v) => String(twoDigits(v))).join(" ").padEnd(44)} ${String(twoDigits(m)).padStart(10)}  ${goal.padEnd(12)} (${now} ${entry.unit})`);
}
