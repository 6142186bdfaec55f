// The one test command: typecheck, lint, unit + component + integration (SQLite and a real
// PostgreSQL), then the browser tests and the fault and fuzz suites against one production build.
// Any failed OR skipped test fails the run: a skipped suite hides exactly the thing it was written to prove.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { ensurePostgres } from "./ensure-postgres.mjs";
import { ensureChromium } from "./ensure-chromium.mjs";
import { freePort } from "./serve-build.mjs";

const only = process.argv.slice(2); // e.g. `npm test -- unit` runs one stage
const want = (stage) => only.length === 0 || only.includes(stage);
const totals = { passed: 0, failed: 0, skipped: 0 };
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
mkdirSync("artifacts", { recursive: true });

function run(title, cmd, args, extraEnv = {}) {
  console.log(`\n=== ${title}: ${cmd} ${args.join(" ")}`);
  const result = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  if (result.status !== 0) {
    console.error(`\n${title} failed (exit ${result.status ?? result.signal}).`);
    finish(1);
  }
}

function countVitest(file) {
  const report = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  if (report.numTotalTests === 0) {
    console.error(`${file}: no test ran.`);
    finish(1);
  }
}

function countPlaywright(file) {
  const report = JSON.parse(readFileSync(file, "utf8"));
  const s = report.stats;
  totals.passed += s.expected;
  totals.failed += s.unexpected + s.flaky;
  totals.skipped += s.skipped;
  if (s.expected + s.unexpected + s.flaky + s.skipped === 0) {
    console.error("Playwright ran no test.");
    finish(1);
  }
}

function finish(code) {
  const failed = code !== 0 || totals.failed > 0 || totals.skipped > 0;
  if (totals.skipped > 0) console.error(`\n${totals.skipped} test(s) were skipped: a skipped test counts as a failure here.`);
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(failed ? 1 : 0);
}

if (want("typecheck")) run("typecheck", "npx", ["tsc", "--noEmit"]);
if (want("lint")) run("lint", "npx", ["eslint", "--max-warnings", "0", "."]);

if (want("unit")) {
  run("unit and component tests", "npx", ["vitest", "run", "--project", "unit", "--project", "component", "--reporter=default", "--reporter=json", "--outputFile.json=artifacts/vitest-unit.json"]);
  countVitest("artifacts/vitest-unit.json");
}

if (want("integration")) {
  const pg = await ensurePostgres();
  try {
    run("integration tests (SQLite and PostgreSQL)", "npx", ["vitest", "run", "--project", "integration", "--reporter=default", "--reporter=json", "--outputFile.json=artifacts/vitest-integration.json"], { TEST_POSTGRES_URL: pg.url });
  } finally {
    pg.stop();
  }
  countVitest("artifacts/vitest-integration.json");
}

// One production build for the browser tests and the fault suites.
let built = false;
function buildOnce() {
  if (built) return;
  run("production build", "npx", ["next", "build"]);
  built = true;
}

if (want("e2e") && existsSync("playwright.config.ts")) {
  const chromium = ensureChromium();
  buildOnce();
  // A free port: a developer's own server on the default port must not fail the run.
  const port = String(process.env.E2E_PORT ?? (await freePort()));
  const embedHostPort = String(process.env.E2E_EMBED_HOST_PORT ?? (await freePort()));
  run("browser tests", "npx", ["playwright", "test"], {
    CHROMIUM_PATH: chromium,
    E2E_PORT: port,
    E2E_EMBED_HOST_PORT: embedHostPort,
    PLAYWRIGHT_JSON_OUTPUT_NAME: "artifacts/playwright.json",
  });
  countPlaywright("artifacts/playwright.json");
}

// Faults and fuzz against the same production build (tests/faults): SIGKILL under load, database
// outages, two instances, forged addresses, slow uploads, fast-check of every endpoint; SQLite and
// PostgreSQL, loopback only (the Redis case runs when TEST_REDIS_URL is set, then it must pass, or
// when a Redis answers at redis://127.0.0.1:6379; otherwise it is not registered). Two projects:
// "faults" (two files at a time), then "faults-quiet" (the outage file with timing bounds, alone).
if (want("faults")) {
  buildOnce();
  const pg = await ensurePostgres();
  try {
    run("fault and fuzz tests (production server, SQLite and PostgreSQL)", "npx", ["vitest", "run", "--project", "faults", "--project", "faults-quiet", "--reporter=default", "--reporter=json", "--outputFile.json=artifacts/vitest-faults.json"], { TEST_POSTGRES_URL: pg.url });
  } finally {
    pg.stop();
  }
  countVitest("artifacts/vitest-faults.json");
}

finish(0);
