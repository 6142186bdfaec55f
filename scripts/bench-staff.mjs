// `npm run bench:staff`: the staff inbox and lead detail queries at 100,000 inquiries on a fresh
// SQLite file. Prints p50/p95 per filter combination and the goals (inbox p95 <= 50 ms, detail
// p95 <= 30 ms); asserts nothing. The work happens in scripts/bench-staff.ts (TypeScript, run by tsx
// with the react-server condition so the app's "server-only" modules load).
// Env: BENCH_LEADS (default 100000), BENCH_ITERATIONS (default 60).
import { spawnSync } from "node:child_process";

const result = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/bench-staff.ts"], {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "test", LOG_LEVEL: "silent" },
});
process.exit(result.status ?? 1);
