// `node scripts/bench/booking.mjs`: free consultation slots for a 60-day window with 3 consultants and
// 10,000 existing consultations, on a fresh SQLite file and a fresh PostgreSQL database (p50/p95; goal
// p95 <= 25 ms, issue 20); asserts nothing. The work happens in scripts/bench/booking.ts.
// Env: BENCH_PROVIDERS (default sqlite,postgresql), BENCH_ITERATIONS (default 50), TEST_POSTGRES_URL.
import { runTs } from "../run-ts.mjs";

const result = runTs("scripts/bench/booking.ts", [], {
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "test", LOG_LEVEL: "silent" },
});
process.exit(result.status ?? 1);
