/**
 * Migrated template databases, built ONCE per test run (the integration project's globalSetup,
 * vitest.config.mts) and copied by every `forEachProvider` block / `createTestDatabase` call that
 * wants the project's migrations (tests/support/test-db.ts):
 *
 * - SQLite: one migrated file in a temp folder (WAL checkpointed, so the file alone is the database),
 *   copied per test database;
 * - PostgreSQL: one migrated database `smp_tpl_<key>_<epoch>_<random>` on TEST_POSTGRES_URL's server,
 *   closed to connections, copied with `CREATE DATABASE x TEMPLATE tpl`.
 *
 * <key> is a hash of the provider's migration folder (names and file checksums) taken at run start;
 * a test database only copies a template whose key equals the migrations as they are NOW, so a
 * migration added or changed while a watcher runs is never answered with a stale copy (it then
 * migrates from scratch, as without templates). Templates are removed when the run ends; one a
 * killed run left behind (either provider) is removed by a later run once it is older than
 * STALE_TEMPLATE_MS.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import Database from "better-sqlite3";
import pg from "pg";
import type { TestProject } from "vitest/node";

import { defaultMigrationsDir, migrate, readMigrations } from "@/lib/db/migrate";
import type { DbProvider } from "@/lib/db/provider";

export interface SqliteTemplate {
  key: string;
  /** The migrated file to copy. */
  file: string;
}
export interface PostgresTemplate {
  key: string;
  /** Database name on the TEST_POSTGRES_URL server. */
  database: string;
}
export interface TestDbTemplates {
  sqlite?: SqliteTemplate;
  postgresql?: PostgresTemplate;
}

declare module "vitest" {
  export interface ProvidedContext {
    testDbTemplates: TestDbTemplates;
  }
}

const TEMPLATE_PREFIX = "smp_tpl_";
/** A template this old was left by a run that was killed before its teardown. */
const STALE_TEMPLATE_MS = 12 * 60 * 60 * 1000;

/** Hash of the provider's migrations as they are on disk now (folder names and migration.sql checksums). */
export function migrationsKey(provider: DbProvider): string {
  const hash = createHash("sha256").update(provider);
  for (const m of readMigrations(defaultMigrationsDir(provider))) hash.update(`\n${m.name} ${m.checksum}`);
  return hash.digest("hex").slice(0, 16);
}

export function withDatabase(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(serverUrl: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

const SQLITE_TEMPLATE_DIR_PREFIX = "smp-test-template-";

/** Template folders of earlier runs that were killed before their teardown (older than STALE_TEMPLATE_MS). */
function removeStaleSqliteTemplates(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(SQLITE_TEMPLATE_DIR_PREFIX)) continue;
    const dir = path.join(tmpdir(), name);
    try {
      if (Date.now() - statSync(dir).mtimeMs > STALE_TEMPLATE_MS) rmSync(dir, { recursive: true, force: true });
    } catch {
      // removed meanwhile by its own run
    }
  }
}

export async function buildSqliteTemplate(): Promise<SqliteTemplate & { dispose(): void }> {
  const key = migrationsKey("sqlite");
  removeStaleSqliteTemplates();
  const dir = mkdtempSync(path.join(tmpdir(), `${SQLITE_TEMPLATE_DIR_PREFIX}${key}-`));
  const file = path.join(dir, "template.db");
  try {
    await migrate(`file:${file}`);
    // migrate() leaves the file in WAL mode (as every migrated database is); fold the WAL into the
    // main file so that copying that one file copies the whole database.
    const db = new Database(file, { fileMustExist: true });
    try {
      db.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      db.close();
    }
    if (existsSync(`${file}-wal`)) throw new Error(`SQLite template ${file}: the WAL file is still there after a checkpoint`);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return { key, file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function buildPostgresTemplate(serverUrl: string): Promise<PostgresTemplate & { dispose(): Promise<void> }> {
  const key = migrationsKey("postgresql");
  await dropStaleTemplates(serverUrl);
  const database = `${TEMPLATE_PREFIX}${key}_${Math.floor(Date.now() / 1000)}_${randomBytes(3).toString("hex")}`;
  const dispose = async () => {
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  };
  await adminQuery(serverUrl, `CREATE DATABASE "${database}"`);
  try {
    await migrate(withDatabase(serverUrl, database));
    // CREATE DATABASE ... TEMPLATE needs no session on the template: make sure none can open one.
    await adminQuery(serverUrl, `ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS false`);
  } catch (e) {
    await dispose().catch(() => undefined);
    throw e;
  }
  return { key, database, dispose };
}

/** Templates of earlier runs that were killed before their teardown (never a running run's: those are younger). */
async function dropStaleTemplates(serverUrl: string): Promise<void> {
  const res = await adminQuery(serverUrl, `SELECT datname FROM pg_database WHERE datname LIKE '${TEMPLATE_PREFIX}%'`);
  for (const { datname } of res.rows as { datname: string }[]) {
    const epoch = Number(/^smp_tpl_[0-9a-f]+_(\d+)_[0-9a-f]+$/.exec(datname)?.[1]);
    if (Number.isFinite(epoch) && Date.now() - epoch * 1000 > STALE_TEMPLATE_MS) {
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
  }
}

/**
 * vitest globalSetup of the integration project: builds both templates, hands their names to the
 * test files (`inject("testDbTemplates")`), removes them when the run ends. A template that cannot be
 * built is only reported here: the test databases are then migrated one by one, and fail with the
 * real cause where they fail (e.g. no TEST_POSTGRES_URL: every PostgreSQL suite fails, none is skipped).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const disposers: (() => void | Promise<void>)[] = [];
  const templates: TestDbTemplates = {};
  const started = Date.now();
  const [sqlite, postgresql] = await Promise.allSettled([
    buildSqliteTemplate(),
    process.env.TEST_POSTGRES_URL
      ? buildPostgresTemplate(process.env.TEST_POSTGRES_URL)
      : Promise.reject(new Error("TEST_POSTGRES_URL is not set")),
  ]);
  if (sqlite.status === "fulfilled") {
    templates.sqlite = { key: sqlite.value.key, file: sqlite.value.file };
    disposers.push(sqlite.value.dispose);
  } else {
    console.warn(`test databases: no SQLite template (${String(sqlite.reason)}); each test database is migrated on its own`);
  }
  if (postgresql.status === "fulfilled") {
    templates.postgresql = { key: postgresql.value.key, database: postgresql.value.database };
    disposers.push(postgresql.value.dispose);
  } else {
    console.warn(`test databases: no PostgreSQL template (${String(postgresql.reason)}); each test database is migrated on its own`);
  }
  console.log(`test databases: migrated templates built in ${Date.now() - started} ms`);
  project.provide("testDbTemplates", templates);
  return async () => {
    for (const dispose of disposers) await dispose();
  };
}
