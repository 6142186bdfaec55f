// Finds a PostgreSQL server for the integration tests, or starts a throwaway one.
// Order: TEST_POSTGRES_URL as given; a server on 127.0.0.1:5432 (these machines run one with
// trust auth); else a new cluster from the installed binaries in a temporary folder.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, chmodSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

function canConnect(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

async function acceptsQueries(url) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function postgresBinDir() {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const dir = path.join(base, v, "bin");
    if (existsSync(path.join(dir, "initdb"))) return dir;
  }
  return null;
}

/** initdb refuses to run as root; run the server as the postgres system user then. */
function asServerUser(cmd, args) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) return execFileSync(cmd, args, { stdio: "pipe" });
  return execFileSync("runuser", ["-u", "postgres", "--", cmd, ...args], { stdio: "pipe" });
}

export async function ensurePostgres() {
  if (process.env.TEST_POSTGRES_URL) {
    if (await acceptsQueries(process.env.TEST_POSTGRES_URL)) return { url: process.env.TEST_POSTGRES_URL, stop: () => {} };
    throw new Error(`TEST_POSTGRES_URL is set but the server does not answer: ${process.env.TEST_POSTGRES_URL.replace(/:[^:@/]*@/, ":***@")}`);
  }
  const local = "postgresql://postgres@127.0.0.1:5432/postgres";
  if ((await canConnect("127.0.0.1", 5432)) && (await acceptsQueries(local))) return { url: local, stop: () => {} };

  const bin = postgresBinDir();
  if (!bin) throw new Error("No PostgreSQL server is reachable and no PostgreSQL binaries are installed (apt-get install postgresql).");
  const dir = mkdtempSync(path.join(os.tmpdir(), "smp-pg-"));
  chmodSync(dir, 0o777);
  const dataDir = path.join(dir, "data");
  const port = 55432 + Math.floor(Math.random() * 1000);
  asServerUser(path.join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8"]);
  asServerUser(path.join(bin, "pg_ctl"), ["-D", dataDir, "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, "-l", path.join(dir, "log"), "-w", "start"]);
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  console.log(`Started a temporary PostgreSQL on port ${port} (${dir}).`);
  return {
    url,
    stop: () => {
      spawnSync("runuser", ["-u", "postgres", "--", path.join(bin, "pg_ctl"), "-D", dataDir, "-m", "fast", "-w", "stop"], { stdio: "ignore" });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
