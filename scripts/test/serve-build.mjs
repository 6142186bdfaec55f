// Serves the production build (`.next`, built first when missing) on a free loopback port with a
// given database, migrated and seeded first. Shared by the benchmarks and audits.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const distDir = process.env.NEXT_DIST_DIR || ".next";

export function ensureBuild() {
  if (existsSync(`${distDir}/BUILD_ID`)) return;
  console.log("No production build found: running `next build` first.");
  const r = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) throw new Error("next build failed");
}

async function waitForHealth(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer ${url} within ${timeoutMs / 1000}s`);
}

/** @param {{ databaseUrl: string, env?: Record<string, string>, seedArgs?: string[] }} options */
export async function serveBuild({ databaseUrl, env = {}, seedArgs = [] }) {
  ensureBuild();
  const port = await freePort();
  const fullEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? "benchmark-only-secret-not-for-production-000",
    BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
    APP_URL: `http://127.0.0.1:${port}`,
    OUTBOX_WORKER: "off",
    LOG_LEVEL: "warn",
    ...env,
  };
  for (const step of [["db:migrate"], ["db:seed", ...(seedArgs.length ? ["--", ...seedArgs] : [])]]) {
    const r = spawnSync("npm", ["run", "--silent", ...step], { stdio: "inherit", env: fullEnv });
    if (r.status !== 0) throw new Error(`npm run ${step[0]} failed`);
  }
  const child = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: fullEnv,
    detached: true,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  try {
    await waitForHealth(`${baseUrl}/api/v1/health`, child);
  } catch (e) {
    stop();
    throw e;
  }
  // pid: the server's process group (detached), for benches that read its CPU time or signal it.
  return { baseUrl, port, stop, pid: child.pid };
}
