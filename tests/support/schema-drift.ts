/**
 * Compares the data model of the generated Prisma client (its DMMF, written by
 * scripts/db/prisma-dmmf-generator.mjs during `prisma generate`) with a migrated database.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import Database from "better-sqlite3";
import pg from "pg";

import { type DbProvider, sqliteFilePath } from "@/lib/db/provider";
import { SQLITE_SEARCH_TABLES } from "@/lib/leads/inbox-search-sqlite";

export interface DmmfField {
  name: string;
  dbName: string | null;
  kind: string;
  type: string;
  isRequired: boolean;
  isList: boolean;
}
export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
export interface DmmfSnapshot {
  provider: string | null;
  sourceSha256: string;
  models: DmmfModel[];
}

export interface DbColumn {
  name: string;
  type: string;
  notNull: boolean;
}
/** table name -> columns */
export type DbTables = Map<string, DbColumn[]>;

export function readDmmfSnapshot(provider: DbProvider, root: string = process.cwd()): DmmfSnapshot {
  const file = path.join(root, "lib", "generated", `dmmf-${provider}.json`);
  try {
    return JSON.parse(readFileSync(file, "utf8")) as DmmfSnapshot;
  } catch (e) {
    throw new Error(`Cannot read ${file} (run \`npm run db:generate\`): ${String(e)}`);
  }
}

/** Column type families the migrations must use for each Prisma scalar type. */
const EXPECTED_TYPES: Record<DbProvider, Record<string, string>> = {
  sqlite: {
    String: "TEXT",
    Int: "INTEGER",
    BigInt: "BIGINT",
    Boolean: "BOOLEAN",
    DateTime: "DATETIME",
    Json: "JSONB",
    Float: "REAL",
  },
  postgresql: {
    String: "text",
    Int: "integer",
    BigInt: "bigint",
    Boolean: "boolean",
    DateTime: "timestamp without time zone",
    Json: "jsonb",
    Float: "double precision",
  },
};

const INTERNAL_TABLES: Record<DbProvider, ReadonlySet<string>> = {
  sqlite: new Set(["_prisma_migrations", ...SQLITE_SEARCH_TABLES]),
  postgresql: new Set(["_prisma_migrations"]),
};

/** Every difference between the models and the database, as readable lines (empty: no drift). */
export function findDrift(provider: DbProvider, models: DmmfModel[], tables: DbTables): string[] {
  const problems: string[] = [];
  const modelTables = new Set<string>();
  for (const model of models) {
    const table = model.dbName ?? model.name;
    modelTables.add(table);
    const columns = tables.get(table);
    if (!columns) {
      problems.push(`model ${model.name}: table "${table}" is missing`);
      continue;
    }
    const byName = new Map(columns.map((c) => [c.name, c]));
    const fieldColumns = new Set<string>();
    for (const field of model.fields) {
      if (field.kind !== "scalar" && field.kind !== "enum") continue;
      const column = field.dbName ?? field.name;
      fieldColumns.add(column);
      const c = byName.get(column);
      if (!c) {
        problems.push(`${model.name}.${field.name}: column "${table}"."${column}" is missing`);
        continue;
      }
      if (c.notNull !== field.isRequired) {
        problems.push(
          `${model.name}.${field.name}: schema says ${field.isRequired ? "required" : "optional"}, ` +
            `column "${table}"."${column}" is ${c.notNull ? "NOT NULL" : "nullable"}`,
        );
      }
      const expected = EXPECTED_TYPES[provider][field.type];
      if (field.kind === "scalar" && expected && c.type !== expected) {
        problems.push(`${model.name}.${field.name}: ${field.type} expects column type ${expected}, found ${c.type}`);
      }
    }
    for (const c of columns) {
      if (!fieldColumns.has(c.name)) problems.push(`table "${table}": column "${c.name}" has no field in model ${model.name}`);
    }
  }
  for (const table of tables.keys()) {
    if (!modelTables.has(table) && !INTERNAL_TABLES[provider].has(table)) problems.push(`table "${table}" has no model`);
  }
  return problems;
}

export async function introspect(provider: DbProvider, url: string): Promise<DbTables> {
  const tables: DbTables = new Map();
  if (provider === "sqlite") {
    const db = new Database(sqliteFilePath(url), { readonly: true, fileMustExist: true });
    try {
      const names = db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
        .all() as { name: string }[];
      for (const { name } of names) {
        const cols = db.prepare(`SELECT name, type, "notnull" AS nn, pk FROM pragma_table_info(?)`).all(name) as {
          name: string;
          type: string;
          nn: number;
          pk: number;
        }[];
        tables.set(
          name,
          cols.map((c) => ({ name: c.name, type: c.type.toUpperCase(), notNull: c.nn === 1 || c.pk > 0 })),
        );
      }
    } finally {
      db.close();
    }
    return tables;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
    );
    for (const r of res.rows) {
      const list = tables.get(r.table_name) ?? [];
      list.push({ name: r.column_name, type: r.data_type, notNull: r.is_nullable === "NO" });
      tables.set(r.table_name, list);
    }
  } finally {
    await client.end();
  }
  return tables;
}
