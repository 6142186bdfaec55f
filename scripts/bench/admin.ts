// See scripts/bench/admin.mjs. At BENCH_LEADS inquiries (default 100,000), on a fresh database of
// each of BENCH_PROVIDERS (default SQLite and PostgreSQL): the whole table exported as CSV and as
// XLSX through the same lib functions the export routes call, the stream read to the end as a
// client would (time, CPU time of the process, bytes, peak growth of its resident memory), and
// GET /api/v1/reports/summary's reportSummary over the last year (p50/p95). Asserts nothing.
import { performance } from "node:perf_hooks";

import { exportLeadsCsv, exportLeadsXlsx } from "@/lib/leads/lead-export";
import { reportSummary } from "@/lib/reports/summary";

import { BENCH_LEADS as TOTAL, benchProviders, figure, providerLabel, runBench, timeRuns, withBenchDb } from "./bench-db";

const GOAL_SECONDS = 3;
const GOAL_MEMORY_MB = 100;
const GOAL_SUMMARY_MS = 200;
const SUMMARY_RUNS = Number(process.env.BENCH_ITERATIONS) || 30;
const MB = 1024 * 1024;

async function measure(run: () => Promise<ReadableStream<Uint8Array>>): Promise<{ seconds: number; cpuSeconds: number; bytes: number; peakGrowthMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let bytes = 0;
  const reader = (await run()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, bytes, peakGrowthMb: (peak - baseline) / MB };
}

/** The last 365 days up to today (UTC dates; the report reads them as clinic days). */
function lastYear(): { from: string; to: string } {
  const to = new Date();
  const from = new Date(to.getTime() - 364 * 86_400_000);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

async function main(): Promise<void> {
  let misses = 0;
  for (const provider of benchProviders()) {
    const label = providerLabel(provider);
    await withBenchDb(provider, TOTAL, async ({ db }) => {
      const admin = await db.user.findFirstOrThrow({ where: { role: "admin" } });
      // Warm-up (query plans, the clinic profile row), then one measured run of each.
      await measure(() => exportLeadsCsv(db, admin.id, { from: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) }));

      console.log(`\n${label}: export of every inquiry (${TOTAL.toLocaleString("en-US")} rows), goal <= ${GOAL_SECONDS} s and peak memory growth <= ${GOAL_MEMORY_MB} MB`);
      console.log(`${"format".padEnd(8)} ${"seconds".padStart(8)} ${"CPU s".padStart(8)} ${"MB out".padStart(8)} ${"peak RSS growth MB".padStart(20)}  goal`);
      for (const [name, run] of [
        ["CSV", () => exportLeadsCsv(db, admin.id, {})],
        ["XLSX", () => exportLeadsXlsx(db, admin.id, {})],
      ] as const) {
        const r = await measure(run);
        const ok = r.seconds <= GOAL_SECONDS && r.peakGrowthMb <= GOAL_MEMORY_MB;
        if (!ok) misses++;
        console.log(
          `${name.padEnd(8)} ${r.seconds.toFixed(2).padStart(8)} ${r.cpuSeconds.toFixed(2).padStart(8)} ${(r.bytes / MB).toFixed(1).padStart(8)} ${r.peakGrowthMb.toFixed(1).padStart(20)}  ${ok ? "ok" : "MISSED"}`,
        );
        figure({ name: `${name} export time (${label})`, value: r.seconds, unit: "s", goal: `<= ${GOAL_SECONDS}` });
        figure({ name: `${name} export CPU time (${label})`, value: r.cpuSeconds, unit: "s" });
        figure({ name: `${name} export peak memory growth (${label})`, value: r.peakGrowthMb, unit: "MB", goal: `<= ${GOAL_MEMORY_MB}` });
      }

      const period = lastYear();
      const summary = await reportSummary(db, period);
      const t = await timeRuns(() => reportSummary(db, period), SUMMARY_RUNS);
      const ok = t.p95 <= GOAL_SUMMARY_MS;
      if (!ok) misses++;
      console.log(
        `\n${label}: GET /api/v1/reports/summary (reportSummary) ${period.from} to ${period.to} (${summary.inquiries.toLocaleString("en-US")} inquiries, ${summary.byWeek.length} weeks), ${SUMMARY_RUNS} runs, goal p95 <= ${GOAL_SUMMARY_MS} ms`,
      );
      console.log(`p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms, max ${t.max.toFixed(1)} ms  ${ok ? "ok" : "MISSED"}`);
      figure({ name: `reports summary over a year p95 (${label})`, value: t.p95, unit: "ms", goal: `<= ${GOAL_SUMMARY_MS}` });
    });
  }
  console.log(`\n${misses === 0 ? "All goals met." : `${misses} goal(s) missed (printed, not asserted).`}`);
}

runBench(main);
