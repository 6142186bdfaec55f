import "server-only";

import { mkdirSync } from "node:fs";
import path from "node:path";

import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import Database from "better-sqlite3";
import type pg from "pg";

import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgres/client";
import { Prisma, PrismaClient } from "@/lib/generated/prisma-sqlite/client";
import { retryWhileSqliteBusy, SQLITE_BUSY_TIMEOUT_MS } from "@/lib/db/sqlite-busy";
import { type DatabaseSettings, databaseSettings, envVar } from "@/lib/env";
import {
  type DbProvider,
  providerOf,
  redactUrl,
  sqliteFilePath,
} from "@/lib/db/provider";

export { providerOf, type DbProvider } from "@/lib/db/provider";

/**
 * The database client type used by ALL application code, whichever provider is configured.
 *
 * Both generated clients (lib/generated/prisma-sqlite and lib/generated/prisma-postgres) come from the
 * same prisma/schema.prisma (only the provider differs), so their models, model delegates, result
 * types and transaction API are identical. The differences are provider-only query options that the
 * PostgreSQL client accepts in addition (e.g. `mode: "insensitive"` on string filters). Typing both as
 * the SQLite client therefore restricts code to the portable subset: anything that compiles against
 * `Db` runs on both. That is why the PostgreSQL client is cast to `Db` below.
 */
export type Db = PrismaClient;
/** The client handed to `db.$transaction(async (tx) => ...)`. */
export type DbTransaction = Prisma.TransactionClient;
export { Prisma };

export interface CreateDbOptions {
  /** PostgreSQL pool size (default: DATABASE_POOL_MAX, see lib/env.ts). */
  poolMax?: number;
  /** Overrides of the database settings of the environment (tests). */
  settings?: Partial<DatabaseSettings>;
}

// --- driver handles --------------------------------------------------------------------------

/**
 * The driver connection underneath a client, for the few hot paths that write with plain SQL
 * (lib/leads/lead-write.ts; see docs/decisions/008-lead-write-path.md):
 * - sqlite: the adapter's one better-sqlite3 connection (the same one Prisma queries go through);
 * - postgresql: the adapter's pg pool.
 * Available once the client has connected (any first query); `undefined` before, after
 * $disconnect, or if a future adapter version no longer exposes it (callers then use Prisma).
 */
export type DriverHandle =
  | { provider: "sqlite"; connection: Database.Database }
  | { provider: "postgresql"; pool: pg.Pool };

/**
 * Facts about a client kept ON the client object under a registry symbol, not in a module-level
 * WeakMap: the production bundle may hold several copies of this module (one per route chunk),
 * all sharing the one getDb() client on globalThis; a per-copy map would know only the clients its
 * own copy created.
 */
const CLIENT_FACTS = Symbol.for("smp.db.clientFacts");

interface ClientFacts {
  driver: () => DriverHandle | undefined;
  lockTimeoutMs: number;
  provider?: DbProvider;
}

function factsOf(db: Db): ClientFacts | undefined {
  return (db as unknown as { [CLIENT_FACTS]?: ClientFacts })[CLIENT_FACTS];
}

function setFacts(db: Db, facts: Partial<ClientFacts>): void {
  const target = db as unknown as { [CLIENT_FACTS]?: ClientFacts };
  const current = target[CLIENT_FACTS] ?? { driver: () => undefined, lockTimeoutMs: databaseSettings().DATABASE_LOCK_TIMEOUT_MS };
  Object.defineProperty(target, CLIENT_FACTS, { value: { ...current, ...facts }, enumerable: false, configurable: true });
}

export function driverHandle(db: Db): DriverHandle | undefined {
  return factsOf(db)?.driver();
}

/**
 * Per-connection settings for the adapter's SQLite connection (set on every (re)connect):
 * - synchronous = NORMAL: under WAL a commit no longer waits for an fsync; it stays durable across
 *   application crashes, and only a power loss / OS crash may lose the last commits (never corrupts).
 *   better-sqlite3's build already defaults WAL connections to NORMAL; this makes it explicit.
 * - temp_store = MEMORY: the ORDER BY of small result sets (repeat-inquiry lookup) sorts in memory.
 * - secure_delete = ON: deleted content is overwritten with zeros, so an erased inquiry
 *   (lib/leads/erase-lead.ts) leaves no readable trace in the database file.
 */
function tuneSqliteConnection(connection: Database.Database): void {
  connection.pragma("synchronous = NORMAL");
  connection.pragma("temp_store = MEMORY");
  connection.pragma("secure_delete = ON");
}

/** The adapter factory, remembering the better-sqlite3 connection of the adapter it hands to Prisma. */
class TunedSqliteAdapterFactory extends PrismaBetterSqlite3 {
  connection: Database.Database | undefined;

  constructor(
    config: ConstructorParameters<typeof PrismaBetterSqlite3>[0],
    private readonly lockTimeoutMs: number,
  ) {
    super(config);
  }

  override async connect(): ReturnType<PrismaBetterSqlite3["connect"]> {
    const adapter = await super.connect();
    retryBusyQueries(adapter, this.lockTimeoutMs);
    // Not part of the adapter's typed API (checked at runtime; see DriverHandle).
    const connection = (adapter as unknown as { client?: unknown }).client;
    if (connection instanceof Database) {
      tuneSqliteConnection(connection);
      this.connection = connection;
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        if (this.connection === connection) this.connection = undefined;
        await dispose();
      };
    }
    return adapter;
  }

}

/** The adapter factory, remembering the pg pool of the adapter it hands to Prisma. */
class PgAdapterFactory extends PrismaPg {
  pool: pg.Pool | undefined;

  override async connect(): ReturnType<PrismaPg["connect"]> {
    const adapter = await super.connect();
    const pool = adapter.underlyingDriver();
    this.pool = pool;
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (this.pool === pool) this.pool = undefined;
      await dispose();
    };
    return adapter;
  }
}

type SqliteQueryable = Pick<Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>, "queryRaw" | "executeRaw">;

/**
 * SQLite contention without blocking the event loop: the connection's busy_timeout is 0 (a locked
 * database answers SQLITE_BUSY at once instead of better-sqlite3 sleeping synchronously), and every
 * statement Prisma runs (also inside its transactions) is retried asynchronously with backoff for
 * up to DATABASE_LOCK_TIMEOUT_MS; then the busy error goes up and the route answers 503.
 */
function retryBusyQueries(adapter: Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>, boundMs: number): void {
  const wrap = (target: SqliteQueryable) => {
    const queryRaw = target.queryRaw.bind(target);
    const executeRaw = target.executeRaw.bind(target);
    target.queryRaw = (query) => retryWhileSqliteBusy(() => queryRaw(query), boundMs);
    target.executeRaw = (query) => retryWhileSqliteBusy(() => executeRaw(query), boundMs);
  };
  wrap(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const transaction = await startTransaction(isolationLevel);
    wrap(transaction);
    return transaction;
  };
}

function openSqlite(databaseUrl: string, settings: DatabaseSettings): Db {
  const file = sqliteFilePath(databaseUrl);
  if (file !== ":memory:") {
    mkdirSync(path.dirname(file), { recursive: true });
    // WAL is a persistent property of the database file: set it once on a short-lived connection,
    // then every connection (the adapter's and the migration tool's) uses it. A file that cannot
    // be written (read-only disk) or is locked right now must not make the process unusable: the
    // client is created anyway; reads work, writes answer "unavailable" (503). A connection SQLite
    // opened read-only stays so: after the disk is fixed, restart the app.
    try {
      const setup = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
      try {
        setup.pragma("journal_mode = WAL");
      } finally {
        setup.close();
      }
    } catch (error) {
      if (!isDatabaseUnavailableError(error)) throw error;
    }
  }
  // better-sqlite3 `timeout` is SQLite's busy_timeout (see retryBusyQueries); foreign keys are ON
  // by default in better-sqlite3's build of SQLite (checked by tests/integration/db/client.test.ts).
  const adapter = new TunedSqliteAdapterFactory({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS }, settings.DATABASE_LOCK_TIMEOUT_MS);
  const db = new PrismaClient({ adapter });
  setFacts(db, { driver: () => (adapter.connection?.open ? { provider: "sqlite", connection: adapter.connection } : undefined) });
  return db;
}

/**
 * Every wait is bounded, so a stuck database answers 503 quickly instead of hanging requests:
 * - a pooled connection (all busy) or a new connection: DATABASE_POOL_TIMEOUT_MS;
 * - a lock held by another session: DATABASE_LOCK_TIMEOUT_MS (server lock_timeout);
 * - a statement: DATABASE_STATEMENT_TIMEOUT_MS on the server, and the client gives up one second
 *   later (a stalled network never answers at all).
 */
function openPostgres(databaseUrl: string, options: CreateDbOptions, settings: DatabaseSettings): Db {
  const adapter = new PgAdapterFactory({
    connectionString: databaseUrl,
    max: options.poolMax ?? settings.DATABASE_POOL_MAX,
    connectionTimeoutMillis: settings.DATABASE_POOL_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    lock_timeout: settings.DATABASE_LOCK_TIMEOUT_MS,
    statement_timeout: settings.DATABASE_STATEMENT_TIMEOUT_MS,
    query_timeout: settings.DATABASE_STATEMENT_TIMEOUT_MS + 1000,
    idle_in_transaction_session_timeout: settings.DATABASE_STATEMENT_TIMEOUT_MS,
  });
  // See the comment on `Db`: same schema, PostgreSQL client is a superset of the SQLite one.
  const db = new PostgresPrismaClient({ adapter }) as unknown as Db;
  setFacts(db, { driver: () => (adapter.pool ? { provider: "postgresql", pool: adapter.pool } : undefined) });
  return db;
}

/** Creates a new client for the given URL (`file:...` -> SQLite, `postgres(ql)://...` -> PostgreSQL). */
export function createDb(databaseUrl: string, options: CreateDbOptions = {}): Db {
  const provider: DbProvider = providerOf(databaseUrl);
  const settings = { ...databaseSettings(), ...options.settings };
  const db = provider === "sqlite" ? openSqlite(databaseUrl, settings) : openPostgres(databaseUrl, options, settings);
  setFacts(db, { lockTimeoutMs: settings.DATABASE_LOCK_TIMEOUT_MS, provider });
  return db;
}

/** Which database a client talks to (for the few queries whose SQL differs, e.g. lib/reports). */
export function dbProviderOf(db: Db): DbProvider {
  const provider = factsOf(db)?.provider;
  if (!provider) throw new Error("this database client was not created by createDb");
  return provider;
}


/**
 * A synchronous write on the client's own SQLite connection (the plain-SQL fast paths): a lock held
 * by another process is waited for asynchronously, up to the client's lock bound.
 */
export function sqliteWrite<T>(db: Db, attempt: () => T): Promise<T> {
  return retryWhileSqliteBusy(attempt, lockTimeoutMs(db));
}

/** The lock wait bound of a client (SQLite fast paths retry busy writes for this long). */
export function lockTimeoutMs(db: Db): number {
  return factsOf(db)?.lockTimeoutMs ?? databaseSettings().DATABASE_LOCK_TIMEOUT_MS;
}

interface DbGlobal {
  __smpDb?: { url: string; db: Db };
}

/**
 * The process-wide client for DATABASE_URL (lib/env.ts; default DEFAULT_DATABASE_URL).
 * Kept on globalThis so Next.js dev hot reloads reuse it instead of opening new pools; a changed
 * DATABASE_URL (tests) replaces it.
 */
export function getDb(): Db {
  const url = envVar("DATABASE_URL");
  const g = globalThis as typeof globalThis & DbGlobal;
  const cached = g.__smpDb;
  if (cached && cached.url === url) return cached.db;
  if (cached) void cached.db.$disconnect().catch(() => undefined);
  const db = createDb(url);
  g.__smpDb = { url, db };
  return db;
}

/** Disconnects and forgets the getDb() singleton (scripts, tests). */
export async function closeDb(): Promise<void> {
  const g = globalThis as typeof globalThis & DbGlobal;
  const cached = g.__smpDb;
  g.__smpDb = undefined;
  if (cached) await cached.db.$disconnect();
}

export function describeDatabaseUrl(databaseUrl: string): string {
  return redactUrl(databaseUrl);
}

// --- errors ----------------------------------------------------------------------------------

/** Prisma error codes meaning "the database is not usable right now" (retry later: HTTP 503). */
const UNAVAILABLE_PRISMA_CODES = new Set([
  "P1000", // authentication failed (misconfigured server)
  "P1001", // can't reach database server
  "P1002", // server reached but timed out
  "P1003", // database does not exist
  "P1008", // operation timed out (SQLite: SQLITE_BUSY after busy_timeout)
  "P1010", // access denied
  "P1011", // TLS error
  "P1017", // server closed the connection
  "P2024", // timed out fetching a connection from the pool
  "P2028", // transaction API error (e.g. unable to start a transaction in time)
  "P2034", // write conflict / deadlock: retryable
  "P2037", // too many connections
]);

const UNAVAILABLE_DRIVER_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "EPIPE",
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_CANTOPEN",
  "SQLITE_IOERR",
  "SQLITE_FULL",
  "SQLITE_READONLY",
  "55P03", // lock_not_available (lock_timeout)
  "57014", // query_canceled (statement_timeout)
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
  "53100", // disk_full
  "08000", // connection_exception
  "08001",
  "08003",
  "08004",
  "08006",
  "40001", // serialization_failure
  "40P01", // deadlock_detected
]);

function stringProp(value: unknown, key: string): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === "string" ? v : undefined;
}

function objectProp(value: unknown, key: string): unknown {
  if (typeof value !== "object" || value === null) return undefined;
  return (value as Record<string, unknown>)[key];
}

function driverCodeIsUnavailable(code: string | undefined): boolean {
  if (!code) return false;
  if (UNAVAILABLE_DRIVER_CODES.has(code)) return true;
  // Extended SQLite codes: SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_WRITE, ...
  return /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR)_/.test(code);
}

/**
 * Messages of driver errors that carry no code: pg-pool's wait for a connection, pg's client-side
 * query timeout, a connection cut by the server or the network, SQLite's lock.
 */
const UNAVAILABLE_MESSAGE =
  /database is locked|SQLITE_BUSY|Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Connection ended unexpectedly/i;

/**
 * True when `e` says the database is unreachable, overloaded or busy (route handlers answer 503 with
 * Retry-After), false for everything else (validation, constraint violations, bugs).
 */
export function isDatabaseUnavailableError(e: unknown, depth = 0): boolean {
  if (depth > 5 || typeof e !== "object" || e === null) return false;
  if (e instanceof Prisma.PrismaClientInitializationError) return true;
  if (e instanceof Prisma.PrismaClientRustPanicError) return false;

  const code = stringProp(e, "code");
  if (code && UNAVAILABLE_PRISMA_CODES.has(code)) return true;
  if (driverCodeIsUnavailable(code)) return true;

  // Raw-query and generic database errors (P2010, P2039) carry the driver's error.
  const adapterError = objectProp(objectProp(e, "meta"), "driverAdapterError");
  const cause = objectProp(adapterError ?? e, "cause");
  const kind = stringProp(cause, "kind");
  if (
    kind === "SocketTimeout" ||
    kind === "DatabaseNotReachable" ||
    kind === "ConnectionClosed" ||
    kind === "TooManyConnections" ||
    kind === "TransactionWriteConflict"
  ) {
    return true;
  }
  if (driverCodeIsUnavailable(stringProp(cause, "originalCode"))) return true;

  const message = stringProp(e, "message") ?? "";
  if (UNAVAILABLE_MESSAGE.test(message)) return true;

  if (cause !== undefined && cause !== e && isDatabaseUnavailableError(cause, depth + 1)) return true;
  return false;
}
