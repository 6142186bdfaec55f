import "server-only";

import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";

import Database from "better-sqlite3";
import pg from "pg";

import { type DbProvider, providerOf, redactUrl, sqliteFilePath } from "@/lib/db/provider";
import { foldForSearch } from "@/lib/leads/search-text";

/**
 * Applies the hand-written SQL migrations of prisma/migrations/<provider>/ and records them in Prisma's
 * own `_prisma_migrations` table (same columns, sha256 checksum of migration.sql), so that
 * `prisma migrate deploy` / `migrate status` on a machine with the schema engine agree with it.
 * See docs/decisions/004-hand-written-migrations.md.
 *
 * Differences from `prisma migrate deploy`, on purpose: each migration runs in ONE transaction
 * (a failure leaves no trace and no "failed" row to resolve), and a changed checksum of an applied
 * migration is refused instead of only warned about.
 */

export const MIGRATIONS_TABLE = "_prisma_migrations";

export interface MigrationFile {
  /** Folder name, e.g. "20261123000000_init" (Prisma's `migration_name`). */
  name: string;
  sql: string;
  /** sha256 hex of migration.sql, as Prisma computes it. */
  checksum: string;
}

export interface AppliedMigration {
  id: string;
  migrationName: string;
  checksum: string;
  finishedAt: Date | null;
  rolledBackAt: Date | null;
  appliedStepsCount: number;
}

export interface MigrateOptions {
  /** Folder holding <timestamp>_<name>/migration.sql; default prisma/migrations/<provider> under cwd. */
  migrationsDir?: string;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface MigrateResult {
  provider: DbProvider;
  applied: string[];
  alreadyApplied: string[];
}

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MigrationError";
  }
}

export function sha256Hex(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

export function defaultMigrationsDir(provider: DbProvider, root: string = process.cwd()): string {
  return path.join(root, "prisma", "migrations", provider);
}

/** Migration folders in apply order (lexicographic = chronological with Prisma's timestamp names). */
export function readMigrations(dir: string): MigrationFile[] {
  if (!existsSync(dir)) throw new MigrationError(`Migrations folder not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: sha256Hex(bytes) };
    });
}

/**
 * Decides what to apply; throws (before anything is applied) when the history is not in a state we
 * may continue from: a failed migration, or an applied migration whose file has changed.
 */
export function planMigrations(local: MigrationFile[], applied: AppliedMigration[]): MigrationFile[] {
  const live = applied.filter((m) => m.rolledBackAt === null);
  const failed = live.filter((m) => m.finishedAt === null);
  if (failed.length > 0) {
    throw new MigrationError(
      `Migration(s) ${failed.map((m) => m.migrationName).join(", ")} started but did not finish. ` +
        "Repair the database, then mark them rolled back (`prisma migrate resolve --rolled-back <name>`) " +
        "or delete their rows from _prisma_migrations.",
    );
  }
  const done = new Map(live.map((m) => [m.migrationName, m]));
  const changed = local.filter((m) => {
    const row = done.get(m.name);
    return row !== undefined && row.checksum !== m.checksum;
  });
  if (changed.length > 0) {
    throw new MigrationError(
      `Refusing to migrate: already applied migration(s) were modified after they ran: ` +
        changed
          .map((m) => `${m.name} (database checksum ${done.get(m.name)?.checksum}, file checksum ${m.checksum})`)
          .join("; ") +
        ". Never edit an applied migration; restore the file and add a new migration instead.",
    );
  }
  return local.filter((m) => !done.has(m.name));
}

// --- SQLite ----------------------------------------------------------------------------------

const SQLITE_MIGRATIONS_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: string | Date | null;
  migration_name: string;
  rolled_back_at: string | Date | null;
  applied_steps_count: number | string;
}

function toApplied(row: MigrationRow): AppliedMigration {
  const date = (v: string | Date | null) => (v === null ? null : v instanceof Date ? v : new Date(v));
  return {
    id: row.id,
    migrationName: row.migration_name,
    checksum: row.checksum,
    finishedAt: date(row.finished_at),
    rolledBackAt: date(row.rolled_back_at),
    appliedStepsCount: Number(row.applied_steps_count),
  };
}

const SELECT_APPLIED = `SELECT "id", "checksum", "finished_at", "migration_name", "rolled_back_at", "applied_steps_count"
  FROM "_prisma_migrations" ORDER BY "started_at", "migration_name"`;

/**
 * SQL functions SQLite lacks that a migration's data step calls, registered from the app's own code
 * so the stored data is exactly what the app writes:
 * - smp_search_fold(text): lib/leads/search-text.ts foldForSearch (accents and case folded), used by
 *   migration 20261208010749_search_text_fold to fold Lead.searchText (SQLite has no Unicode
 *   normalisation; PostgreSQL's twin does the same steps in SQL).
 * Such a migration needs this migrator: `prisma migrate deploy` on SQLite stops at it with "no such
 * function" (nothing applied), never leaves the data half-folded (docs/decisions/004).
 */
function registerSqliteMigrationFunctions(db: Database.Database): void {
  db.function("smp_search_fold", { deterministic: true }, (value: unknown) => (typeof value === "string" ? foldForSearch(value) : value));
}

function migrateSqlite(databaseUrl: string, local: MigrationFile[], log: (l: string) => void): MigrateResult {
  const file = sqliteFilePath(databaseUrl);
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 5000 });
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    registerSqliteMigrationFunctions(db);
    db.exec(SQLITE_MIGRATIONS_DDL);
    const readApplied = () => (db.prepare(SELECT_APPLIED).all() as MigrationRow[]).map(toApplied);

    const pending = planMigrations(local, readApplied());
    const applied: string[] = [];
    const insert = db.prepare(
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count")
       VALUES (?, ?, NULL, ?, NULL, NULL, ?, 0)`,
    );
    const finish = db.prepare(
      `UPDATE "_prisma_migrations" SET "finished_at" = ?, "applied_steps_count" = 1 WHERE "id" = ?`,
    );
    for (const m of pending) {
      // BEGIN IMMEDIATE takes the write lock first, then we re-check: a concurrent migrator that got
      // there before us has already applied it.
      const run = db.transaction(() => {
        if (planMigrations(local, readApplied()).every((p) => p.name !== m.name)) return false;
        const id = randomUUID();
        insert.run(id, m.checksum, m.name, new Date().toISOString());
        try {
          db.exec(m.sql);
        } catch (e) {
          throw new MigrationError(`Migration ${m.name} failed (rolled back, nothing recorded): ${String(e)}`, {
            cause: e,
          });
        }
        finish.run(new Date().toISOString(), id);
        return true;
      });
      if (run.immediate()) {
        applied.push(m.name);
        log(`applied ${m.name}`);
      }
    }
    const alreadyApplied = local.map((m) => m.name).filter((n) => !applied.includes(n));
    return { provider: "sqlite", applied, alreadyApplied };
  } finally {
    db.close();
  }
}

// --- PostgreSQL ------------------------------------------------------------------------------

const PG_MIGRATIONS_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The advisory lock key `prisma migrate` itself takes, so the two never run concurrently. */
const PG_ADVISORY_LOCK_KEY = 72707369;

async function migratePostgres(
  databaseUrl: string,
  local: MigrationFile[],
  log: (l: string) => void,
): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PG_ADVISORY_LOCK_KEY]);
    try {
      await client.query(PG_MIGRATIONS_DDL);
      const rows = (await client.query<MigrationRow>(SELECT_APPLIED)).rows;
      const pending = planMigrations(local, rows.map(toApplied));
      const applied: string[] = [];
      for (const m of pending) {
        const id = randomUUID();
        await client.query("BEGIN");
        try {
          await client.query(
            `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count")
             VALUES ($1, $2, NULL, $3, NULL, NULL, now(), 0)`,
            [id, m.checksum, m.name],
          );
          await client.query(m.sql);
          await client.query(
            `UPDATE "_prisma_migrations" SET "finished_at" = clock_timestamp(), "applied_steps_count" = 1 WHERE "id" = $1`,
            [id],
          );
          await client.query("COMMIT");
        } catch (e) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw new MigrationError(`Migration ${m.name} failed (rolled back, nothing recorded): ${String(e)}`, {
            cause: e,
          });
        }
        applied.push(m.name);
        log(`applied ${m.name}`);
      }
      const alreadyApplied = local.map((m) => m.name).filter((n) => !applied.includes(n));
      return { provider: "postgresql", applied, alreadyApplied };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PG_ADVISORY_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}

// --- entry points ----------------------------------------------------------------------------

/** Applies the pending migrations of the provider of `databaseUrl`. Idempotent. */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const provider = providerOf(databaseUrl);
  const dir = options.migrationsDir ?? defaultMigrationsDir(provider);
  const log = options.log ?? (() => undefined);
  const local = readMigrations(dir);
  if (local.length === 0) throw new MigrationError(`No migrations in ${dir}`);
  log(`${provider} ${redactUrl(databaseUrl)}: ${local.length} migration(s) in ${path.relative(process.cwd(), dir) || dir}`);
  return provider === "sqlite" ? migrateSqlite(databaseUrl, local, log) : migratePostgres(databaseUrl, local, log);
}

/** The rows of `_prisma_migrations` (empty when the table does not exist). */
export async function readAppliedMigrations(databaseUrl: string): Promise<AppliedMigration[]> {
  if (providerOf(databaseUrl) === "sqlite") {
    const db = new Database(sqliteFilePath(databaseUrl), { timeout: 5000, fileMustExist: true });
    try {
      const exists = db
        .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`)
        .get();
      return exists ? (db.prepare(SELECT_APPLIED).all() as MigrationRow[]).map(toApplied) : [];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const exists = await client.query(`SELECT to_regclass('"_prisma_migrations"') AS t`);
    if (exists.rows[0]?.t === null || exists.rows[0]?.t === undefined) return [];
    return (await client.query<MigrationRow>(SELECT_APPLIED)).rows.map(toApplied);
  } finally {
    await client.end();
  }
}
