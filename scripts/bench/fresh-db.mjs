// A fresh, empty database for one bench run: a SQLite file in a temporary folder, or a new
// PostgreSQL database on TEST_POSTGRES_URL's server (default postgresql://postgres@127.0.0.1:5432/postgres).
// `drop()` removes it. Shared by the benches (leads.mjs, booking-load.mjs, bench-db.ts).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import pg from "pg";

export const PG_SERVER = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

/** Runs one statement on TEST_POSTGRES_URL's server (CREATE / DROP DATABASE). */
export async function adminPg(sql) {
  const client = new pg.Client({ connectionString: PG_SERVER, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** @param {"sqlite" | "postgresql"} provider @param {string} [prefix] the temporary folder's prefix */
export async function freshDatabase(provider, prefix = "smp-bench-") {
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    return { url: `file:${path.join(dir, "bench.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `smp_bench_${randomBytes(5).toString("hex")}`;
  await adminPg(`CREATE DATABASE "${name}"`);
  const u = new URL(PG_SERVER);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => adminPg(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
