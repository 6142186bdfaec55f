// `npm run bench:staff`: the staff inbox and lead detail queries at 100,000 inquiries on a fresh
// SQLite file and a fresh PostgreSQL database. Prints p50/p95 per filter combination and the goals
// (inbox and detail p95 <= 30 ms on the reference machine), each beside its floor; asserts nothing. The work happens in
// scripts/bench/staff.ts (TypeScript, run by scripts/run-ts.mjs).
// Env: BENCH_LEADS (default 100000), BENCH_ITERATIONS (default 60), BENCH_PROVIDERS (default
// "sqlite,postgresql"), TEST_POSTGRES_URL (server for the fresh database; default
// postgresql://postgres@127.0.0.1:5432/postgres).
import { runTs } from "../run-ts.mjs";

const result = runTs("scripts/bench/staff.ts", [], {
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "test", LOG_LEVEL: "silent" },
});
process.exit(result.status ?? 1);
