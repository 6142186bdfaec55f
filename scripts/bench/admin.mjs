// `npm run bench -- admin`: the admin exports (CSV and XLSX of 100,000 inquiries: time and peak
// memory growth, goals <= 3 s and <= 100 MB each) on a fresh SQLite file; asserts nothing. The work
// happens in scripts/bench/admin.ts (run by scripts/run-ts.mjs).
// Env: BENCH_LEADS (default 100000).
import { runTs } from "../run-ts.mjs";

const result = runTs("scripts/bench/admin.ts", [], {
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "test", LOG_LEVEL: "silent", NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --expose-gc`.trim() },
});
process.exit(result.status ?? 1);
