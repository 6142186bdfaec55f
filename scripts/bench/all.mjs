// `npm run bench`: every benchmark in turn, then bench/results.md: the machine, date and commit,
// and each bench's figures beside their goals and baselines (the leads bench measures its own
// baseline, the trivial route, in the same run). Nothing is asserted: figures are for reading.
// `npm run bench -- evaluate leads` runs a subset (results.md then holds those sections).
import { execSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";

const benches = [
  { name: "evaluate", title: "Rules engine", cmd: ["node", "scripts/run-ts.mjs", "scripts/bench/evaluate.ts"] },
  { name: "leads", title: "Lead submissions vs the trivial route", cmd: ["node", "scripts/bench/leads.mjs"] },
  { name: "staff", title: "Staff inbox at 100,000 leads", cmd: ["node", "scripts/bench/staff.mjs"] },
  { name: "admin", title: "Admin dashboard and exports", cmd: ["node", "scripts/bench/admin.mjs"] },
  { name: "bundle", title: "First-load JavaScript", cmd: ["node", "scripts/bench/bundle.mjs"] },
  { name: "lighthouse", title: "Lighthouse (mobile)", cmd: ["node", "scripts/bench/lighthouse.mjs"] },
];
const picked = process.argv.slice(2);
const RESULTS_DIR = "artifacts/bench";
rmSync(RESULTS_DIR, { recursive: true, force: true });
mkdirSync(RESULTS_DIR, { recursive: true });

/** Runs a bench, showing its output live and keeping it for the report. */
function runBench(cmd) {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", BENCH_RESULTS_DIR: RESULTS_DIR },
    });
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

const sections = [];
let failures = 0;
for (const bench of benches) {
  if (picked.length > 0 && !picked.includes(bench.name)) continue;
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
  sections.push({ ...bench, code, output, seconds: Math.round((Date.now() - started) / 1000) });
}

// --- bench/results.md -----------------------------------------------------------------------------

const sh = (command) => {
  try {
    return execSync(command, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown";
  }
};
const cpus = os.cpus();
const fmt = (n, digits = 1) => (typeof n === "number" && Number.isFinite(n) ? n.toFixed(digits) : "n/a");

/** A bench that writes a JSON summary to BENCH_RESULTS_DIR gets a table (the leads bench does). */
function leadsTable() {
  const file = `${RESULTS_DIR}/leads.json`;
  if (!existsSync(file)) return "";
  const rows = JSON.parse(readFileSync(file, "utf8"));
  const lines = [
    "| database | trivial POST /api/v1/health (baseline) | POST /api/v1/leads | throughput vs baseline (goal >= 0.6x) | p99 trivial / leads | p99 vs baseline (goal <= 1.5x) | rows stored == 201s |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.provider} | ${fmt(r.trivial.rps)} req/s | ${fmt(r.leads.rps)} req/s | **${fmt(r.throughputRatio, 2)}x** ${r.throughputRatio >= 0.6 ? "met" : "NOT met"} | ${fmt(r.trivial.p99)} / ${fmt(r.leads.p99)} ms | **${fmt(r.p99Ratio, 2)}x** ${r.p99Ratio <= 1.5 ? "met" : "NOT met"} | ${r.storedOk ? "yes" : "NO"} (${r.stored}) |`,
    );
  }
  return `${lines.join("\n")}\n\n${rows[0] ? `${rows[0].connections} connections, ${rows[0].seconds} s per route, on one production server (\`next start\`), loopback.` : ""}\n`;
}

const header = [
  "# Benchmark results",
  "",
  "Written by `npm run bench` (scripts/bench/all.mjs); figures only, nothing asserted. Compare runs on the",
  "same machine: the leads bench carries its own baseline (a trivial JSON route measured in the same run).",
  "",
  `- date: ${new Date().toISOString()}`,
  `- commit: ${sh("git rev-parse --short HEAD")}${sh("git status --porcelain") === "" ? "" : " (with uncommitted changes)"}`,
  `- machine: ${cpus.length} x ${cpus[0]?.model ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, load average ${os.loadavg().map((n) => n.toFixed(2)).join(" ")} at the end`,
  `- Node.js ${process.version}`,
  `- benches: ${sections.map((s) => `${s.name} (${s.seconds} s${s.code === 0 ? "" : ", FAILED"})`).join(", ") || "none"}`,
  "",
];
const body = sections.map((s) => {
  const table = s.name === "leads" ? leadsTable() : "";
  return [`## ${s.title} (\`npm run bench -- ${s.name}\`)`, "", table, "```", s.output.trim(), "```", ""].join("\n");
});
mkdirSync("bench", { recursive: true });
writeFileSync("bench/results.md", [...header, ...body].join("\n"));
console.log("\nwrote bench/results.md");
process.exit(failures > 0 ? 1 : 0);
