// See scripts/bench/admin.mjs. The admin exports at BENCH_LEADS inquiries (default 100,000) on a
// fresh SQLite file: the whole table as CSV and as XLSX through the same lib functions the export
// routes call, the stream read to the end as a client would. Prints the time, the bytes and the
// peak growth of the process's resident memory during each export; asserts nothing.
import { performance } from "node:perf_hooks";

import { exportLeadsCsv, exportLeadsXlsx } from "@/lib/leads/lead-export";

import { BENCH_LEADS as TOTAL, figure, runBench, withBenchDb } from "./bench-db";

const GOAL_SECONDS = 3;
const GOAL_MEMORY_MB = 100;
const MB = 1024 * 1024;

async function measure(run: () => Promise<ReadableStream<Uint8Array>>): Promise<{ seconds: number; bytes: number; peakGrowthMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const t0 = performance.now();
  let bytes = 0;
  const reader = (await run()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  return { seconds, bytes, peakGrowthMb: (peak - baseline) / MB };
}

async function main(): Promise<void> {
  await withBenchDb("sqlite", TOTAL, async ({ db }) => {
    const admin = await db.user.findFirstOrThrow({ where: { role: "admin" } });
    // Warm-up (query plans, the clinic profile row), then one measured run of each.
    await measure(() => exportLeadsCsv(db, admin.id, { from: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) }));

    console.log(`\nExport of every inquiry (${TOTAL.toLocaleString("en-US")} rows), goal <= ${GOAL_SECONDS} s and peak memory growth <= ${GOAL_MEMORY_MB} MB`);
    console.log(`${"format".padEnd(8)} ${"seconds".padStart(8)} ${"MB out".padStart(8)} ${"peak RSS growth MB".padStart(20)}  goal`);
    let misses = 0;
    for (const [name, run] of [
      ["CSV", () => exportLeadsCsv(db, admin.id, {})],
      ["XLSX", () => exportLeadsXlsx(db, admin.id, {})],
    ] as const) {
      const r = await measure(run);
      const ok = r.seconds <= GOAL_SECONDS && r.peakGrowthMb <= GOAL_MEMORY_MB;
      if (!ok) misses++;
      console.log(
        `${name.padEnd(8)} ${r.seconds.toFixed(2).padStart(8)} ${(r.bytes / MB).toFixed(1).padStart(8)} ${r.peakGrowthMb.toFixed(1).padStart(20)}  ${ok ? "ok" : "MISSED"}`,
      );
      figure({ name: `${name} export time (SQLite)`, value: r.seconds, unit: "s", goal: `<= ${GOAL_SECONDS}` });
      figure({ name: `${name} export peak memory growth (SQLite)`, value: r.peakGrowthMb, unit: "MB", goal: `<= ${GOAL_MEMORY_MB}` });
    }
    console.log(`\n${misses === 0 ? "All goals met." : `${misses} goal(s) missed (printed, not asserted).`}`);
  });
}

runBench(main);
