import "server-only";

import type { Database as SqliteConnection, Statement } from "better-sqlite3";

import { type Db, driverHandle, type Prisma } from "@/lib/db/client";
import type { DbProvider } from "@/lib/db/provider";
import { sqliteDate } from "@/lib/leads/lead-write-sqlite";

/**
 * Read-only statements whose rows are read as ARRAYS on the driver underneath the client, for the hot
 * reads where Prisma's row objects cost more than the query (the exports of lib/leads/lead-export.ts,
 * 100,000 rows; the window's consultations behind every slots answer, lib/booking/availability.ts):
 * dates computed by the database as epoch milliseconds (epochMs), nothing parsed per row. Prisma's
 * $queryRaw runs the same SQL when the client has no driver handle yet (tests compare the two paths).
 */

/**
 * A raw value as a driver returns it. Dates are epoch milliseconds (number; bigint through Prisma),
 * booleans 0/1 or true/false, JSON as text (or parsed, through Prisma).
 */
export type RawValue = string | number | bigint | boolean | Date | null | undefined | object;
export type RawRow = readonly RawValue[];

/** Epoch milliseconds of a timestamp column, per dialect (exact: both keep milliseconds). */
export const epochMs: Readonly<Record<DbProvider, (column: string) => string>> = {
  // julianday parses the stored ISO text in C; its double holds the milliseconds exactly enough to round back.
  sqlite: (c) => `CAST(ROUND((julianday(${c}) - 2440587.5) * 86400000) AS INTEGER)`,
  postgresql: (c) => `(EXTRACT(EPOCH FROM ${c}) * 1000)::int8`,
};

/** Prepared statements per connection, by SQL text (an export runs the same two statements per batch, the slots one). */
const statements = new WeakMap<SqliteConnection, Map<string, Statement<unknown[], RawValue[]>>>();

function sqliteStatement(connection: SqliteConnection, sql: string): Statement<unknown[], RawValue[]> {
  let cache = statements.get(connection);
  if (!cache) statements.set(connection, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size >= 64) cache.clear();
    statement = connection.prepare<unknown[], RawValue[]>(sql).raw(true);
    cache.set(sql, statement);
  }
  return statement;
}

function sqliteParam(value: unknown): unknown {
  if (value instanceof Date) return sqliteDate(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/** A timestamp(3) parameter: UTC ISO text (the column has no zone; the "Z" is ignored, the instant kept). */
function pgParam(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

const PG_NUMERIC_TYPES: ReadonlySet<number> = new Set([20, 21, 23, 700, 701, 1700]); // int8, int2, int4, float4, float8, numeric
/**
 * pg's text-format values, read without its default parsers (which build Dates in the process's
 * local zone): numbers as numbers, booleans as booleans, everything else (text, JSON) as the text.
 */
const PG_RAW_TYPES = {
  getTypeParser: (oid: number) => (PG_NUMERIC_TYPES.has(oid) ? Number : oid === 16 ? (text: string) => text === "t" : (text: string) => text),
};

export type ArrayReadPath = "driver" | "prisma";

/**
 * The rows of a read-only statement as arrays of column values. By default on the driver
 * underneath the client: SQLite's better-sqlite3 connection (one synchronous statement, parameters
 * in the adapter's formats) or PostgreSQL's pg pool (rowMode "array", one pooled connection per
 * statement, given back between batches). `prisma` (or no handle yet): Prisma's $queryRaw, objects
 * turned into arrays in column order (same SQL, same cells; tests compare the two).
 */
export async function queryArrays(db: Db, query: Prisma.Sql, path: ArrayReadPath = "driver"): Promise<RawRow[]> {
  const handle = path === "driver" ? driverHandle(db) : undefined;
  if (handle?.provider === "sqlite") return sqliteStatement(handle.connection, query.sql).all(...query.values.map(sqliteParam));
  if (handle?.provider === "postgresql") {
    const result = await handle.pool.query<RawValue[]>({ text: query.text, values: query.values.map(pgParam), rowMode: "array", types: PG_RAW_TYPES });
    // Taken out of the result: pg's query objects can outlive the query in the old generation (its
    // read-timeout timer's closure), and rows still reachable from there would be promoted with them
    // at every minor GC, growing the heap by the whole export between major GCs.
    const rows = result.rows;
    result.rows = [];
    return rows;
  }
  const rows = await db.$queryRaw<Record<string, RawValue>[]>(query);
  return rows.map((row) => Object.values(row));
}