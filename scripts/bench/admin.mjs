// `npm run bench -- admin`: on a fresh SQLite file and a fresh PostgreSQL database, the admin
// exports (CSV and XLSX of 100,000 inquiries: time beside its floor, CPU time and peak memory growth, goals <= 3 s on the reference machine
// and <= 100 MB each) and the reports summary over a year (p95, goal <= 200 ms); asserts nothing.
// The work happens in scripts/bench/admin.ts (run by scripts/run-ts.mjs).
// Env: BENCH_LEADS (default 100000), BENCH_PROVIDERS (default sqlite,postgresql), BENCH_ITERATIONS
// (summary runs, default 30), TEST_POSTGRES_URL (the server for the PostgreSQL half).
import { runTs } from "../run-ts.mjs";

const result = runTs("scripts/bench/admin.ts", [], {
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "test", LOG_LEVEL: "silent", NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --expose-gc`.trim() },
});
process.exit(result.status ?? 1);
