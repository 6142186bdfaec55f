/**
 * The production build (`next start`) as a child process on a loopback port, for the fault and fuzz
 * suites: started, SIGKILLed and restarted on the same database like a real deployment. The build
 * must exist (NEXT_DIST_DIR, default .next): `npm test` builds it before this stage.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";

import { buildAnswers } from "@/tests/support/candidacy-builders";

export const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";
const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface AppServer {
  baseUrl: string;
  port: number;
  /** Stops the server (SIGTERM, or SIGKILL: a power cut) and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and database. */
  restart(): Promise<void>;
  /** What the server wrote (its JSON log and stderr; shown when a test fails). */
  stderr(): string;
}

export interface StartOptions {
  databaseUrl: string;
  env?: Record<string, string>;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, log: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}):\n${log()}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`, { method: "POST", body: "{}", signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the server did not answer within ${timeoutMs / 1000}s:\n${log()}`);
}

/**
 * Next.js loads each route's code on its first request: touch the routes the suites time, so a
 * measurement never includes loading them (answers do not matter here; nothing valid is sent).
 */
async function warmUp(baseUrl: string): Promise<void> {
  const post = { method: "POST", headers: { "content-type": "application/json" }, body: "{}" };
  const quote = { ...post, body: JSON.stringify(buildAnswers()) };
  await Promise.all(
    [
      fetch(`${baseUrl}/api/v1/quote`, quote),
      fetch(`${baseUrl}/api/v1/leads`, post),
      fetch(`${baseUrl}/api/v1/health`),
    ].map((p) => p.then((r) => r.arrayBuffer()).catch(() => undefined)),
  );
}

export async function startApp({ databaseUrl, env = {} }: StartOptions): Promise<AppServer> {
  if (!existsSync(path.join(DIST_DIR, "BUILD_ID"))) {
    throw new Error(`No production build in ${DIST_DIR}: run \`next build\` first (npm test builds it before the fault suites).`);
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const fullEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: DIST_DIR,
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_SECRET: "fault-tests-only-secret-not-for-production-0123",
    BETTER_AUTH_URL: baseUrl,
    APP_URL: baseUrl,
    OUTBOX_WORKER: "off",
    LOG_LEVEL: "error",
    LEADS_RATE_LIMIT_PER_MINUTE: "1000000",
    ...env,
  };
  let child: ChildProcess;
  let log = "";
  const launch = async () => {
    log = "";
    child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
      env: fullEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const keep = (chunk: Buffer) => {
      log = (log + chunk.toString("utf8")).slice(-20_000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    try {
      await waitForHealth(baseUrl, child, () => log);
      await warmUp(baseUrl);
    } catch (e) {
      child.kill("SIGKILL");
      throw e;
    }
  };
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill(signal);
    await exited;
  };
  await launch();
  return { baseUrl, port, stop, restart: launch, stderr: () => log };
}
