// `npm run bench`: every benchmark in turn, then bench/results.md and bench/history.json (both
// committed): the machine, date and commit, and every figure beside its goal, met or missed, and its
// floor (measured in the same run on the same data), the newest run on top and the earlier runs'
// figures below it. Nothing is asserted: figures are for reading.
// `npm run bench -- leads staff` runs a subset (the other benches keep their last figures, marked
// with the run they come from); `npm run bench -- --render` only rewrites results.md from history.json.
// `npm run bench -- --small [benches]`: a quick check of the benches themselves (5,000 inquiries,
// 20 runs per query, 5 s of load, one Lighthouse run); written to artifacts/bench/, never over the
// committed full runs. Its ratios are not the full run's (the inbox's worst cases grow with the table).
//
// HOW A BENCH REPORTS A FIGURE: print one line per figure on stdout (scripts/bench/figures.mjs):
//
//   floored("inbox page", { name: "inbox p95: status=new (SQLite)", value: 6.6, floor: 0.04, provider: "SQLite" })
//   FIGURE {"name":"inbox p95: status=new (SQLite)","value":6.6,"unit":"ms","goal":"<= 160x","baseline":0.04,"absoluteGoal":"<= 30","kind":"inbox page"}
//
// A figure whose goal depends on the machine's speed is judged on value / floor against the ratio
// goal of its kind (scripts/bench/goals.mjs; bench/README.md says how each was set); the absolute
// goal, set on the reference machine, is shown beside it, not judged. Other figures (sizes, memory,
// counts) keep an absolute goal: figure({ name, value, unit, goal: "<= 40" }). Everything else a
// bench prints is kept verbatim in results.md. A bench is a command in `benches` below; add yours there.
import { execSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";

import { FIGURE_PREFIX, lacksFloor, meetsAbsoluteGoal, meetsGoal, parseFigures, ratioOf } from "./figures.mjs";
import { REFERENCE } from "./goals.mjs";

const benches = [
  { name: "evaluate", title: "Rules engine", cmd: ["node", "scripts/run-ts.mjs", "scripts/bench/evaluate.ts"] },
  { name: "leads", title: "Lead submissions vs the trivial route", cmd: ["node", "scripts/bench/leads.mjs"] },
  { name: "staff", title: "Staff inbox and lead detail", cmd: ["node", "scripts/bench/staff.mjs"] },
  { name: "admin", title: "Admin exports and reports", cmd: ["node", "scripts/bench/admin.mjs"] },
  { name: "slots", title: "Consultation slots (60 days, 3 consultants, 10,000 consultations)", cmd: ["node", "scripts/bench/booking.mjs"] },
  { name: "booking", title: "Consultation bookings under load vs the trivial route", cmd: ["node", "scripts/bench/booking-load.mjs"] },
  { name: "photos", title: "Scalp photos (decode, orient, re-encode)", cmd: ["node", "--expose-gc", "--conditions=react-server", "--import", "tsx", "scripts/bench/photos.ts"] },
  { name: "photo-page", title: "Scalp photos through the server (8 uploads at once; the inquiry page's image bytes)", cmd: ["node", "--import", "tsx", "scripts/bench/photo-page.mjs"] },
  { name: "bundle", title: "First-load JavaScript", cmd: ["node", "scripts/bench/bundle.mjs"] },
  { name: "lighthouse", title: "Lighthouse (mobile)", cmd: ["node", "scripts/bench/lighthouse.mjs"] },
];
const renderOnly = process.argv.includes("--render");
const small = process.argv.includes("--small");
const picked = process.argv.slice(2).filter((a) => a !== "--render" && a !== "--small");
const unknown = picked.filter((p) => !benches.some((b) => b.name === p));
if (unknown.length > 0) {
  console.error(`unknown bench: ${unknown.join(", ")} (known: ${benches.map((b) => b.name).join(", ")})`);
  process.exit(2);
}
/** The small mode's settings (each can still be set in the environment). */
const SMALL_ENV = { BENCH_LEADS: "5000", BENCH_ITERATIONS: "20", BENCH_SECONDS: "5", BENCH_CONNECTIONS: "10", LIGHTHOUSE_RUNS: "1" };
if (small) for (const [k, v] of Object.entries(SMALL_ENV)) process.env[k] ??= v;
const OUT_DIR = small ? "artifacts/bench" : "bench";
const RESULTS = `${OUT_DIR}/results.md`;
const HISTORY = `${OUT_DIR}/history.json`;
const HISTORY_RUNS = 30; // runs kept in history.json
const SHOWN_RUNS = 6; // earlier runs shown in results.md

/** Runs a bench, showing its output live and keeping it for the report. */
function runBench(cmd) {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    let output = "";
    child.stdout.on("data", (d) => {
      process.stdout.write(d);
      output += d;
    });
    child.stderr.on("data", (d) => {
      process.stderr.write(d);
      output += d;
    });
    child.on("close", (code) => resolve({ code, output }));
  });
}

const sh = (command) => {
  try {
    return execSync(command, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown";
  }
};

const cpus = os.cpus();
const run = {
  date: new Date().toISOString(),
  commit: `${sh("git rev-parse --short HEAD")}${sh("git status --porcelain --untracked-files=no") === "" ? "" : "+changes"}`,
  machine: `${cpus.length} cores, ${cpus[0]?.model?.trim() ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}`,
  node: process.version,
  loadAtStart: os.loadavg().map((n) => n.toFixed(2)).join(" "),
  inquiries: Number(process.env.BENCH_LEADS) || 100_000,
  ...(small ? { small: true } : {}),
  benches: {},
};

let failures = 0;
for (const bench of benches) {
  if (renderOnly || (picked.length > 0 && !picked.includes(bench.name))) continue;
  const script = bench.cmd[bench.cmd.length - 1];
  if (!existsSync(script)) {
    console.error(`\n### ${bench.name}: ${script} is missing`);
    failures++;
    continue;
  }
  console.log(`\n### ${bench.name}`);
  const started = Date.now();
  const { code, output } = await runBench(bench.cmd);
  if (code !== 0) failures++;
  const text = output.split("\n").filter((line) => !line.startsWith(FIGURE_PREFIX)).join("\n").trim();
  run.benches[bench.name] = { code, seconds: Math.round((Date.now() - started) / 1000), figures: parseFigures(output), output: text };
}
run.loadAtEnd = os.loadavg().map((n) => n.toFixed(2)).join(" ");

// --- bench/history.json: newest run first ------------------------------------------------------

mkdirSync(OUT_DIR, { recursive: true });
let history = [];
try {
  history = JSON.parse(readFileSync(HISTORY, "utf8"));
  if (!Array.isArray(history)) history = [];
} catch {
  history = [];
}
if (!renderOnly) history = [run, ...history].slice(0, HISTORY_RUNS);
const latestRun = history[0] ?? run;
// Only the newest output of each bench is kept (results.md shows it); figures are kept for all runs.
const outputShown = new Set();
for (const r of history) {
  for (const [name, b] of Object.entries(r.benches ?? {})) {
    if (outputShown.has(name)) delete b.output;
    else outputShown.add(name);
  }
}
writeFileSync(HISTORY, `${JSON.stringify(history, null, 1)}\n`);

// --- bench/results.md ----------------------------------------------------------------------------

const num = (n) => {
  if (typeof n !== "number" || !Number.isFinite(n)) return "n/a";
  const a = Math.abs(n);
  if (Number.isInteger(n)) return n.toLocaleString("en-US");
  return a >= 1000 ? Math.round(n).toLocaleString("en-US") : a >= 100 ? n.toFixed(0) : a >= 10 ? n.toFixed(1) : n.toFixed(2);
};
const withUnit = (n, unit) => (typeof n === "number" ? `${num(n)} ${unit}` : "n/a");
const verdict = (f) => {
  const ok = meetsGoal(f);
  return ok === null ? "" : ok ? "met" : "**MISSED**";
};
const ratio = (f) => {
  const r = ratioOf(f);
  return r === null ? "" : `${r >= 100 ? Math.round(r) : r.toFixed(2)}x`;
};
const absolute = (f) => {
  const ok = meetsAbsoluteGoal(f);
  return f.absoluteGoal ? `${f.absoluteGoal} ${f.unit}${ok === null ? "" : ok ? ": met" : ": missed"}` : "";
};
const shortDate = (iso) => iso.slice(0, 16).replace("T", " ");

function figureTable(figures) {
  if (figures.length === 0) return "(this bench printed no FIGURE lines: see its output)\n";
  const lines = [
    "| figure | value | goal | | floor (same run) | value / floor | absolute goal, not judged (reference machine) |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const f of figures) {
    lines.push(
      `| ${f.name}${f.note ? ` (${f.note})` : ""} | ${withUnit(f.value, f.unit)} | ${f.goal ?? ""} | ${verdict(f)} | ${f.baseline === undefined ? "" : withUnit(f.baseline, f.unit)} | ${ratio(f)} | ${absolute(f)} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** The bench's figures in earlier runs (newest first), one column per run. */
function historyTable(name, latestRun) {
  const earlier = history.filter((r) => r !== latestRun && r.benches?.[name]).slice(0, SHOWN_RUNS);
  if (earlier.length === 0) return "";
  const names = [];
  for (const r of [latestRun, ...earlier]) for (const f of r.benches[name].figures ?? []) if (!names.includes(f.name)) names.push(f.name);
  const cell = (r, figureName) => {
    const f = (r.benches[name].figures ?? []).find((x) => x.name === figureName);
    if (!f) return "";
    const v = verdict(f);
    const x = ratio(f);
    return `${withUnit(f.value, f.unit)}${x === "" ? "" : ` (${x})`}${v === "" ? "" : v === "met" ? "" : " MISSED"}`;
  };
  const head = [latestRun, ...earlier].map((r) => `${shortDate(r.date)} ${r.commit}`);
  const lines = [`| figure | ${head.join(" | ")} |`, `| --- |${head.map(() => " --- |").join("")}`];
  for (const n of names) lines.push(`| ${n} | ${[latestRun, ...earlier].map((r) => cell(r, n)).join(" | ")} |`);
  return `Earlier runs (newest first; in brackets: value / floor of that run; MISSED as judged then):\n\n${lines.join("\n")}\n`;
}

const md = [
  "# Benchmark results",
  "",
  "Written by `npm run bench` (scripts/bench/all.mjs) from the FIGURE lines each bench prints; figures only, nothing",
  "asserted. A figure that depends on how fast the machine is (a time, a throughput, a Lighthouse metric) is judged",
  "on its ratio to a floor measured in the same run on the same data (an export: the raw driver read of the same",
  "rows; an inbox query: the index-only read of the rows it returns; lead submissions: the trivial route; Lighthouse:",
  "its CPU benchmark index), so a change of machine or a busy machine moves both. Its absolute goal, set on the",
  `reference machine (${REFERENCE.machine}, run ${REFERENCE.run}), is shown beside it and not judged.`,
  "Sizes, memory and counts keep their absolute goals. How each ratio goal was set: bench/README.md.",
  "Machine readable: bench/history.json (the last runs, newest first).",
  "",
  "## Latest run",
  "",
  `- date: ${latestRun.date}`,
  `- commit: ${latestRun.commit}`,
  `- machine: ${latestRun.machine}`,
  `- Node.js ${latestRun.node}; load average ${latestRun.loadAtStart} at the start, ${latestRun.loadAtEnd} at the end (1/5/15 min; the machine has ${latestRun.machine.split(" ")[0]} cores)`,
  `- inquiries in the staff and admin benches: ${(latestRun.inquiries ?? 100_000).toLocaleString("en-US")}${latestRun.small ? " (small mode: a check of the benches, not comparable with a full run)" : ""}`,
  `- benches run: ${Object.entries(latestRun.benches).map(([n, b]) => `${n} (${b.seconds} s${b.code === 0 ? "" : ", FAILED"})`).join(", ") || "none"}`,
  "",
];
const allMisses = [];
for (const bench of benches) {
  const latest = history.find((r) => r.benches?.[bench.name]);
  if (!latest) continue;
  const b = latest.benches[bench.name];
  for (const f of b.figures ?? []) if (meetsGoal(f) === false) allMisses.push(`${bench.name}: ${f.name}`);
  md.push(`## ${bench.title} (\`npm run bench -- ${bench.name}\`)`, "");
  if (latest !== latestRun) md.push(`Not run this time: figures of the run of ${shortDate(latest.date)} (commit ${latest.commit}, ${latest.machine}).`, "");
  if (b.code !== 0) md.push(`**The bench failed (exit code ${b.code}).**`, "");
  md.push(figureTable(b.figures ?? []));
  const unfloored = (b.figures ?? []).filter(lacksFloor).map((f) => f.name);
  if (unfloored.length > 0) {
    md.push(`Judged on an absolute goal although they depend on the machine's speed (no floor yet; bench/README.md, "Adding a figure with a floor"): ${unfloored.join("; ")}.`, "");
  }
  const past = historyTable(bench.name, latest);
  // (historyTable compares with the runs before `latest`)
  if (past) md.push(past);
  const output = history.map((r) => r.benches?.[bench.name]?.output).find((o) => typeof o === "string");
  if (output) md.push("<details><summary>Output</summary>", "", "```", output, "```", "", "</details>", "");
}
const missesPerBench = benches.map((b) => [b.name, allMisses.filter((m) => m.startsWith(`${b.name}: `)).length]).filter(([, n]) => n > 0);
md.splice(md.indexOf("## Latest run") + 8, 0, `- goals missed: ${allMisses.length === 0 ? "none" : `${allMisses.length} (${missesPerBench.map(([n, k]) => `${n}: ${k}`).join(", ")}; marked **MISSED** below)`}`);
writeFileSync(RESULTS, `${md.join("\n")}\n`);
console.log(`\nwrote ${RESULTS} and ${HISTORY}`);
process.exit(failures > 0 ? 1 : 0);
