// The ONE way to run the project's TypeScript scripts (db:migrate, db:seed, user:create, the
// benches): node with tsx's loader and the "react-server" export condition, which is how the
// Next.js server resolves the app's code, so modules marked `import "server-only"` load as they do
// in the app. package.json, prisma.config.ts and the bench runners call it; nothing else passes
// the condition.
// Usage: node scripts/run-ts.mjs <script.ts> [args...]
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Runs a TypeScript script in a child process; returns spawnSync's result. */
export function runTs(script, args = [], { env = process.env, stdio = "inherit" } = {}) {
  return spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], { stdio, env });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [script, ...args] = process.argv.slice(2);
  if (!script) {
    console.error("usage: node scripts/run-ts.mjs <script.ts> [args...]");
    process.exit(2);
  }
  const result = runTs(script, args);
  if (result.error) console.error(`run-ts: ${result.error.message}`);
  process.exit(result.status ?? 1);
}
