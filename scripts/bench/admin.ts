// See scripts/bench/admin.mjs. At BENCH_LEADS inquiries (default 100,000), on a fresh database of
// each of BENCH_PROVIDERS (default SQLite and PostgreSQL): the whole table exported as CSV and as
// XLSX through the same lib functions the export routes call, the stream read to the end as a
// client would (time, CPU time of the process, bytes, peak growth of its resident memory), and
// GET /api/v1/reports/summary's reportSummary over the last year (p50/p95). Asserts nothing.
// Floors, measured on the same database (scripts/bench/goals.mjs): around each export, the raw
// driver read of the same rows (rawRead, median of 3); in turns with the summary, the index-only count of the
// period's rows. Time is judged on its ratio to the floor; memory growth on its own (it does not
// depend on how fast the machine is).
import { performance } from "node:perf_hooks";

import Database from "better-sqlite3";
import pg from "pg";

import type { Db } from "@/lib/db/client";
import type { DbProvider } from "@/lib/db/provider";
import { EXPORT_BATCH, exportLeadsCsv, exportLeadsXlsx } from "@/lib/leads/lead-export";
import { reportSummary } from "@/lib/reports/summary";

import { BENCH_LEADS as TOTAL, benchProviders, figure, floored, providerLabel, runBench, timeRuns, timeWithFloor, withBenchDb } from "./bench-db";

const GOAL_MEMORY_MB = 100;
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

/**
 * The lead columns the export reads (a copy of lib/leads/lead-export.ts EXPORT_LEAD_COLUMNS, which
 * is not exported; id and createdAt first, as there).
 */
const EXPORTED = [
  "id", "createdAt", "status", "closedReason", "eligibility", "flagCodes", "priceMinUsd", "priceMaxUsd", "priceEstimate",
  "priceBasis", "priceTableVersion", "rulesVersion", "firstName", "lastName", "email", "phone", "preferredContact",
  "patientNotes", "locale", "sex", "age", "lossPattern", "norwoodStage", "ludwigStage", "goal", "answers", "consentAt",
  "consentTextVersion", "utmSource", "utmMedium", "utmCampaign", "referrer", "relatedLeadId", "firstContactedAt", "followUpAt",
  "reference",
];

const compare = (a: unknown, b: unknown) => (typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);

/**
 * The keyset of the next batch: the largest (createdAt, id) of this one, as the driver returned
 * them ("id" and "createdAt" are the first two columns read; the rows of a batch come back in
 * join order, which the export also puts right in memory).
 */
function lastKey(batch: readonly unknown[][]): { at: unknown; id: unknown } {
  let max = batch[0] ?? [];
  for (const r of batch) if (compare(r[1], max[1]) > 0 || (compare(r[1], max[1]) === 0 && compare(r[0], max[0]) > 0)) max = r;
  return { at: max[1], id: max[0] };
}

/**
 * The export's floor: the rows the export reads (every inquiry, oldest first, in batches of
 * EXPORT_BATCH, keyset on createdAt + id, one statement a batch) with the columns it exports and the
 * assignee's name, on the driver (better-sqlite3 rows as arrays; pg rows as arrays of text, no type
 * parsing); nothing converted, encoded or written, and no notes (a few per 50 inquiries: the export
 * reads them in the same statement on PostgreSQL). Returns seconds and the rows read.
 */
async function rawRead(provider: DbProvider, url: string): Promise<{ seconds: number; rows: number }> {
  const page = `SELECT ${EXPORTED.map((c) => `l."${c}"`).join(", ")}, u."name" AS "assigneeName" FROM (SELECT "id" FROM "Lead" %WHERE% ORDER BY "createdAt" ASC, "id" ASC LIMIT ${EXPORT_BATCH}) p
    JOIN "Lead" l ON l."id" = p."id" LEFT JOIN "user" u ON u."id" = l."assigneeId"`;
  const keyset = (a: string, b: string, c: string) => `WHERE "createdAt" >= ${a} AND ("createdAt" > ${b} OR "id" > ${c})`;
  let rows = 0;
  if (provider === "sqlite") {
    const sqlite = new Database(url.replace(/^file:/, ""), { readonly: true, fileMustExist: true });
    try {
      const t0 = performance.now();
      const firstPage = sqlite.prepare(page.replace("%WHERE%", "")).raw(true);
      const nextPage = sqlite.prepare(page.replace("%WHERE%", keyset("?", "?", "?"))).raw(true);
      let last: { at: unknown; id: unknown } | null = null;
      for (;;) {
        const batch = (last ? nextPage.all(last.at, last.at, last.id) : firstPage.all()) as unknown[][];
        if (batch.length === 0) break;
        rows += batch.length;
        last = lastKey(batch);
        if (batch.length < EXPORT_BATCH) break;
      }
      return { seconds: (performance.now() - t0) / 1000, rows };
    } finally {
      sqlite.close();
    }
  }
  // Connected before the clock starts: the export's pool is warm too.
  const client = new pg.Client({ connectionString: url, types: { getTypeParser: () => (value: string) => value } });
  await client.connect();
  try {
    const t0 = performance.now();
    let last: { at: unknown; id: unknown } | null = null;
    for (;;) {
      const sql = page.replace("%WHERE%", last ? keyset("$1", "$1", "$2") : "");
      const batch = (await client.query({ text: sql, values: last ? [last.at, last.id] : [], rowMode: "array" })).rows as unknown[][];
      if (batch.length === 0) break;
      rows += batch.length;
      last = lastKey(batch);
      if (batch.length < EXPORT_BATCH) break;
    }
    return { seconds: (performance.now() - t0) / 1000, rows };
  } finally {
    await client.end();
  }
}

/** The summary's floor: the index-only count of the period's inquiries (UTC days; the summary reads them as clinic days). */
function periodCount(db: Db, period: { from: string; to: string }): () => Promise<unknown> {
  const gte = new Date(`${period.from}T00:00:00Z`);
  const lt = new Date(new Date(`${period.to}T00:00:00Z`).getTime() + 86_400_000);
  return () => db.$queryRaw`SELECT COUNT(*) AS "n" FROM "Lead" WHERE "createdAt" >= ${gte} AND "createdAt" < ${lt} AND "mergedIntoId" IS NULL`;
}

/** The last 365 days up to today (UTC dates; the report reads them as clinic days). */
function lastYear(): { from: string; to: string } {
  const to = new Date();
  const from = new Date(to.getTime() - 364 * 86_400_000);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

async function main(): Promise<void> {
  for (const provider of benchProviders()) {
    const label = providerLabel(provider);
    await withBenchDb(provider, TOTAL, async ({ db, url }) => {
      const admin = await db.user.findFirstOrThrow({ where: { role: "admin" } });
      // Warm-up: both exports and the floor once in full (query plans, the JIT, the clinic profile row,
      // the file in the page cache), so a small run's ratio is not its warm-up; then one measured run of each.
      await measure(() => exportLeadsCsv(db, admin.id, {}));
      await measure(() => exportLeadsXlsx(db, admin.id, {}));
      await rawRead(provider, url);

      console.log(`\n${label}: export of every inquiry (${TOTAL.toLocaleString("en-US")} rows), beside its floor (the raw driver read of the same rows, median of 3); peak memory growth goal <= ${GOAL_MEMORY_MB} MB`);
      console.log(`${"format".padEnd(8)} ${"seconds".padStart(8)} ${"CPU s".padStart(8)} ${"MB out".padStart(8)} ${"peak RSS growth MB".padStart(20)} ${"floor s".padStart(8)} ${"s/floor".padStart(8)}`);
      for (const [name, run] of [
        ["CSV", () => exportLeadsCsv(db, admin.id, {})],
        ["XLSX", () => exportLeadsXlsx(db, admin.id, {})],
      ] as const) {
        // The floor: the median of three reads, one before the export and two after it.
        const before = await rawRead(provider, url);
        const r = await measure(run);
        const reads = [before, await rawRead(provider, url), await rawRead(provider, url)].sort((a, b) => a.seconds - b.seconds);
        const floor = reads[1] ?? before;
        console.log(
          `${name.padEnd(8)} ${r.seconds.toFixed(2).padStart(8)} ${r.cpuSeconds.toFixed(2).padStart(8)} ${(r.bytes / MB).toFixed(1).padStart(8)} ${r.peakGrowthMb.toFixed(1).padStart(20)} ${floor.seconds.toFixed(3).padStart(8)} ${(r.seconds / floor.seconds).toFixed(2).padStart(8)}`,
        );
        floored("export time", { name: `${name} export time (${label})`, value: r.seconds, floor: floor.seconds, provider: label, note: `floor read ${floor.rows.toLocaleString("en-US")} rows` });
        figure({ name: `${name} export CPU time (${label})`, value: r.cpuSeconds, unit: "s", baseline: floor.seconds });
        figure({ name: `${name} export peak memory growth (${label})`, value: r.peakGrowthMb, unit: "MB", goal: `<= ${GOAL_MEMORY_MB}` });
      }

      const period = lastYear();
      const summary = await reportSummary(db, period);
      const t = await timeWithFloor(() => reportSummary(db, period), periodCount(db, period), SUMMARY_RUNS);
      console.log(
        `\n${label}: GET /api/v1/reports/summary (reportSummary) ${period.from} to ${period.to} (${summary.inquiries.toLocaleString("en-US")} inquiries, ${summary.byWeek.length} weeks), ${SUMMARY_RUNS} runs in turns with the floor (the index-only count of the period's rows)`,
      );
      console.log(`p50 ${t.run.p50.toFixed(1)} ms, p95 ${t.run.p95.toFixed(1)} ms, max ${t.run.max.toFixed(1)} ms; floor ${t.floor.p50.toFixed(2)} ms, p95/floor ${(t.run.p95 / t.floor.p50).toFixed(1)}`);
      const roundTrip = await timeRuns(() => db.$queryRaw`SELECT 1`, SUMMARY_RUNS);
      console.log(`(one round trip, SELECT 1: p50 ${roundTrip.p50.toFixed(3)} ms, p95 ${roundTrip.p95.toFixed(3)} ms)`);
      floored("reports summary", { name: `reports summary over a year p95 (${label})`, value: t.run.p95, floor: t.floor.p50, provider: label });
      figure({ name: `one round trip, SELECT 1, p50 (${label})`, value: roundTrip.p50, unit: "ms", note: "no goal: a yardstick, bench/README.md" });
    });
  }
  console.log("\nEach figure is judged by `npm run bench` (bench/results.md; goals: scripts/bench/goals.mjs).");
}

runBench(main);
