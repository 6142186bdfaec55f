// Serves the production build for the browser tests on a fresh, migrated, seeded SQLite file.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const port = process.argv[2] ?? "3210";
// The site tests/e2e/embed.spec.ts frames the questionnaire from (playwright.config.ts).
const embedAllowedOrigins = process.argv[3] ?? "";
const dir = path.resolve("artifacts/e2e");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
// Screenshots of this run only (the specs write artifacts/screenshots/<flow>-<nn>-<step>.png).
rmSync(path.resolve("artifacts/screenshots"), { recursive: true, force: true });
const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: `file:${path.join(dir, "smp-e2e.db")}`,
  BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? "e2e-only-secret-not-for-production-0123456789",
  BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
  APP_URL: `http://127.0.0.1:${port}`,
  OUTBOX_WORKER: "off",
  LEADS_RATE_LIMIT_PER_MINUTE: "1000",
  EMBED_ALLOWED_ORIGINS: embedAllowedOrigins,
  // The loopback peer (Playwright) may name a client in X-Forwarded-For: every signIn() of the specs
  // comes from an address of its own (tests/e2e/support/staff.ts), so no spec spends another's
  // sign-in rate limit budget (5 a minute per address).
  TRUSTED_PROXIES: "127.0.0.1",
};
// The staff accounts the browser tests sign in with (tests/e2e/support/credentials.ts reads the same file).
const staff = JSON.parse(readFileSync(path.resolve("tests/e2e/support/staff-accounts.json"), "utf8"));
const userCreate = (a) => ["npm", "run", "--silent", "user:create", "--", "--email", a.email, "--password", a.password, "--role", a.role, "--name", a.name];
for (const step of [
  ["npm", "run", "--silent", "db:migrate"],
  ["npm", "run", "--silent", "db:seed"],
  userCreate(staff.admin),
  userCreate(staff.frontDesk),
]) {
  const r = spawnSync(step[0], step.slice(1), { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], { stdio: "inherit", env });
const stop = () => server.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => process.exit(code ?? 0));
