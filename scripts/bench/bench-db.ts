// Shared by the in-process benches (scripts/bench/staff.ts, admin.ts): a fresh, migrated database
// (a SQLite file in a temporary folder, or a new PostgreSQL database on TEST_POSTGRES_URL's server)
// seeded with the bench data set (seed-leads.ts), handed to `run`, then dropped; and the timing
// helpers. Figures are printed with figure() from ./figures.mjs.
import { performance } from "node:perf_hooks";

import { closeDb, createDb, type Db, type DbProvider } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";

import { freshDatabase } from "./fresh-db.mjs";
import { seedLeads } from "./seed-leads";

export { figure, floored } from "./figures.mjs";

export const BENCH_LEADS = Number(process.env.BENCH_LEADS) || 100_000;

/** Which databases to bench: BENCH_PROVIDERS (default "sqlite,postgresql"), or `fallback`. */
export function benchProviders(fallback: DbProvider[] = ["sqlite", "postgresql"]): DbProvider[] {
  const picked = process.env.BENCH_PROVIDERS?.split(",").map((s) => s.trim()).filter((s): s is DbProvider => s === "sqlite" || s === "postgresql");
  return picked && picked.length > 0 ? picked : fallback;
}

export const providerLabel = (provider: DbProvider) => (provider === "sqlite" ? "SQLite" : "PostgreSQL");

export interface BenchDb {
  db: Db;
  url: string;
  provider: DbProvider;
  /** The seeded inquiries' ids, oldest first. */
  ids: string[];
}

/** A fresh database of `provider` with `total` seeded inquiries for the length of `run`. */
export async function withBenchDb<T>(provider: DbProvider, total: number, run: (bench: BenchDb) => Promise<T>): Promise<T> {
  const database = await freshDatabase(provider);
  let db: Db | undefined;
  try {
    await migrate(database.url);
    const { ids, seconds } = await seedLeads(database.url, total);
    console.log(`Seeded ${total.toLocaleString("en-US")} inquiries into a fresh ${providerLabel(provider)} database in ${seconds.toFixed(1)} s.`);
    db = createDb(database.url);
    return await run({ db, url: database.url, provider, ids });
  } finally {
    await db?.$disconnect();
    await closeDb();
    await database.drop().catch((e: unknown) => console.error(`could not drop the bench database: ${e instanceof Error ? e.message : String(e)}`));
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** `iterations` timed runs after 5 warm-up runs: p50, p95, max in ms. */
export async function timeRuns(run: () => Promise<unknown>, iterations: number): Promise<{ p50: number; p95: number; max: number }> {
  for (let i = 0; i < 5; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples[samples.length - 1] ?? Number.NaN };
}

export interface Timing {
  p50: number;
  p95: number;
  max: number;
}

function stats(samples: number[]): Timing {
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples[samples.length - 1] ?? Number.NaN };
}

/**
 * A figure and its floor timed in turns (run, floor, run, floor...) after 5 warm-up runs of each,
 * so both see the same moments of a shared machine. Each gets the iteration's number (the same
 * for both), e.g. to pick the same inquiry.
 */
export async function timeWithFloor(
  run: (i: number) => Promise<unknown>,
  floor: (i: number) => Promise<unknown>,
  iterations: number,
): Promise<{ run: Timing; floor: Timing }> {
  for (let i = 0; i < 5; i++) {
    await run(i);
    await floor(i);
  }
  const runs: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < iterations; i++) {
    let t0 = performance.now();
    await run(i);
    runs.push(performance.now() - t0);
    t0 = performance.now();
    await floor(i);
    floors.push(performance.now() - t0);
  }
  return { run: stats(runs), floor: stats(floors) };
}

/** Runs main, prints an error and exits 1 if it throws. */
export function runBench(main: () => Promise<void>): void {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
