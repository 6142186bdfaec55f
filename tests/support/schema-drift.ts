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
  /** Relation fields (kind "object") on the side that holds the foreign key. */
  relationFromFields?: string[];
  relationToFields?: string[];
  /** "Cascade", "SetNull", "Restrict", "NoAction", "SetDefault"; absent: Prisma's default. */
  relationOnDelete?: string | null;
}
export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
/** @id/@@id ("id"), @unique/@@unique ("unique"), @@index ("normal"). */
export interface DmmfIndex {
  model: string;
  type: string;
  /** The `map:` name; null: Prisma's default name. */
  dbName: string | null;
  /** Field names, in key order. */
  fields: string[];
}
export interface DmmfSnapshot {
  provider: string | null;
  sourceSha256: string;
  models: DmmfModel[];
  /** Absent in snapshots written before the drift test compared keys (regenerate). */
  indexes?: DmmfIndex[];
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

// --- keys: primary keys, indexes, unique keys, foreign keys, triggers ----------------------------

export interface DbIndex {
  table: string;
  name: string;
  /** Column names in index order ("<expression>" for an expression). */
  columns: string[];
  unique: boolean;
  /** Has a WHERE predicate. */
  partial: boolean;
  /** Access method: "btree" (every SQLite index), "gin", ... */
  method: string;
}
export type OnDelete = "CASCADE" | "SET NULL" | "RESTRICT" | "NO ACTION" | "SET DEFAULT";
export interface DbForeignKey {
  table: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: OnDelete;
}
export interface DbKeys {
  tables: string[];
  /** table -> primary key columns in key order (tables without one are absent). */
  primaryKeys: Map<string, string[]>;
  /** Every index except the one backing a primary key. */
  indexes: DbIndex[];
  foreignKeys: DbForeignKey[];
  triggers: { table: string; name: string }[];
}

const EXPRESSION = "<expression>";
const PG_ON_DELETE: Record<string, OnDelete> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };

export async function introspectKeys(provider: DbProvider, url: string): Promise<DbKeys> {
  const keys: DbKeys = { tables: [], primaryKeys: new Map(), indexes: [], foreignKeys: [], triggers: [] };
  if (provider === "sqlite") {
    const db = new Database(sqliteFilePath(url), { readonly: true, fileMustExist: true });
    try {
      const tables = db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
        .all() as { name: string }[];
      keys.tables = tables.map((t) => t.name);
      for (const { name: table } of tables) {
        const pk = (db.prepare(`SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`).all(table) as {
          name: string;
        }[]).map((c) => c.name);
        if (pk.length > 0) keys.primaryKeys.set(table, pk);
        const indexes = db
          .prepare(`SELECT name, "unique" AS uq, origin, partial FROM pragma_index_list(?) ORDER BY name`)
          .all(table) as { name: string; uq: number; origin: string; partial: number }[];
        for (const ix of indexes) {
          if (ix.origin === "pk") continue;
          const columns = (db.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(ix.name) as {
            name: string | null;
          }[]).map((c) => c.name ?? EXPRESSION);
          keys.indexes.push({ table, name: ix.name, columns, unique: ix.uq === 1, partial: ix.partial === 1, method: "btree" });
        }
        const fks = db
          .prepare(`SELECT id, "table" AS ref, "from" AS col, "to" AS refCol, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq`)
          .all(table) as { id: number; ref: string; col: string; refCol: string | null; on_delete: string }[];
        for (const id of [...new Set(fks.map((f) => f.id))]) {
          const parts = fks.filter((f) => f.id === id);
          const first = parts[0];
          if (!first) continue;
          // "REFERENCES t" without columns means t's primary key.
          const refPk = (db.prepare(`SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`).all(first.ref) as {
            name: string;
          }[]).map((c) => c.name);
          keys.foreignKeys.push({
            table,
            columns: parts.map((p) => p.col),
            refTable: first.ref,
            refColumns: parts.map((p, i) => p.refCol ?? refPk[i] ?? "?"),
            onDelete: first.on_delete.toUpperCase() as OnDelete,
          });
        }
      }
      keys.triggers = (db.prepare(`SELECT tbl_name AS "table", name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all() as {
        table: string;
        name: string;
      }[]).map((t) => ({ table: t.table, name: t.name }));
    } finally {
      db.close();
    }
    return keys;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() ORDER BY c.relname`,
    );
    keys.tables = tables.rows.map((r) => r.name);
    const indexes = await client.query<{
      table: string;
      name: string;
      columns: string[];
      is_unique: boolean;
      is_primary: boolean;
      partial: boolean;
      method: string;
    }>(
      `SELECT t.relname AS "table", i.relname AS name, ix.indisunique AS is_unique, ix.indisprimary AS is_primary,
              ix.indpred IS NOT NULL AS partial, am.amname AS method,
              ARRAY(SELECT COALESCE(a.attname::text, '${EXPRESSION}')
                      FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                      LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum <> 0
                     WHERE k.ord <= ix.indnkeyatts
                     ORDER BY k.ord) AS columns
         FROM pg_index ix
         JOIN pg_class i ON i.oid = ix.indexrelid
         JOIN pg_class t ON t.oid = ix.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         JOIN pg_am am ON am.oid = i.relam
        WHERE n.nspname = current_schema()
        ORDER BY t.relname, i.relname`,
    );
    for (const r of indexes.rows) {
      if (r.is_primary) keys.primaryKeys.set(r.table, r.columns);
      else keys.indexes.push({ table: r.table, name: r.name, columns: r.columns, unique: r.is_unique, partial: r.partial, method: r.method });
    }
    const fks = await client.query<{ table: string; ref_table: string; columns: string[]; ref_columns: string[]; del: string }>(
      `SELECT t.relname AS "table", rt.relname AS ref_table, c.confdeltype AS del,
              ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
              ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
                      JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns
         FROM pg_constraint c
         JOIN pg_class t ON t.oid = c.conrelid
         JOIN pg_class rt ON rt.oid = c.confrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE c.contype = 'f' AND n.nspname = current_schema()
        ORDER BY t.relname, c.conname`,
    );
    keys.foreignKeys = fks.rows.map((r) => ({
      table: r.table,
      columns: r.columns,
      refTable: r.ref_table,
      refColumns: r.ref_columns,
      onDelete: PG_ON_DELETE[r.del] ?? (`? ${r.del}` as OnDelete),
    }));
    const triggers = await client.query<{ table: string; name: string }>(
      `SELECT c.relname AS "table", tg.tgname AS name
         FROM pg_trigger tg
         JOIN pg_class c ON c.oid = tg.tgrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE NOT tg.tgisinternal AND n.nspname = current_schema()
        ORDER BY tg.tgname`,
    );
    keys.triggers = triggers.rows;
  } finally {
    await client.end();
  }
  return keys;
}

/** One schema object, as a readable line; `table` and `name` say which allowance may cover it. */
interface KeyObject {
  kind: "table" | "primary key" | "index" | "foreign key" | "trigger";
  table: string;
  name: string;
  line: string;
}

const cols = (columns: readonly string[]) => `(${columns.join(", ")})`;

export function describeIndex(ix: DbIndex): string {
  return (
    `index "${ix.name}" on "${ix.table}" ${cols(ix.columns)}` +
    (ix.unique ? " UNIQUE" : "") +
    (ix.partial ? " partial (WHERE ...)" : "") +
    (ix.method === "btree" ? "" : ` USING ${ix.method}`)
  );
}

export function describeForeignKey(fk: DbForeignKey): string {
  return `foreign key "${fk.table}" ${cols(fk.columns)} -> "${fk.refTable}" ${cols(fk.refColumns)} ON DELETE ${fk.onDelete}`;
}

function keyObjects(keys: DbKeys): KeyObject[] {
  return [
    ...keys.tables.map((t): KeyObject => ({ kind: "table", table: t, name: t, line: `table "${t}"` })),
    ...[...keys.primaryKeys].map(([t, c]): KeyObject => ({ kind: "primary key", table: t, name: t, line: `primary key of "${t}" ${cols(c)}` })),
    ...keys.indexes.map((ix): KeyObject => ({ kind: "index", table: ix.table, name: ix.name, line: describeIndex(ix) })),
    ...keys.foreignKeys.map((fk): KeyObject => ({ kind: "foreign key", table: fk.table, name: fk.columns.join(","), line: describeForeignKey(fk) })),
    ...keys.triggers.map((tr): KeyObject => ({ kind: "trigger", table: tr.table, name: tr.name, line: `trigger "${tr.name}" on "${tr.table}"` })),
  ];
}

/** Something only one provider's migrations build, on purpose. */
export interface IntendedDifference {
  /** The provider that has it. */
  only: DbProvider;
  /** "table": the tables named and everything on them; "index" / "trigger": the objects named. */
  kind: "table" | "index" | "trigger";
  names: readonly string[];
  reason: string;
  /** It may be missing on `only` too (e.g. built only where a PostgreSQL extension is available). */
  optional?: boolean;
}

/**
 * Every difference between the tables, primary keys, indexes (name, columns, unique, partial,
 * method), foreign keys (columns, target, ON DELETE) and triggers of the migrated SQLite and
 * PostgreSQL databases that `intended` does not list, and every listed difference that is not there
 * (a stale allowance hides the next real difference).
 */
export function findProviderKeyDrift(sqlite: DbKeys, postgresql: DbKeys, intended: readonly IntendedDifference[]): string[] {
  const objects: Record<DbProvider, KeyObject[]> = { sqlite: keyObjects(sqlite), postgresql: keyObjects(postgresql) };
  const lines: Record<DbProvider, Set<string>> = {
    sqlite: new Set(objects.sqlite.map((o) => o.line)),
    postgresql: new Set(objects.postgresql.map((o) => o.line)),
  };
  const allowed = (provider: DbProvider, o: KeyObject) =>
    intended.some(
      (d) =>
        d.only === provider &&
        (d.kind === "table" ? d.names.includes(o.table) : d.kind === o.kind && d.names.includes(o.name)),
    );
  const problems: string[] = [];
  for (const [provider, other] of [["sqlite", "postgresql"], ["postgresql", "sqlite"]] as const) {
    for (const o of objects[provider]) {
      if (!lines[other].has(o.line) && !allowed(provider, o)) problems.push(`only on ${provider}: ${o.line}`);
    }
  }
  for (const d of intended) {
    const other = d.only === "sqlite" ? "postgresql" : "sqlite";
    const matches = (o: KeyObject) => (d.kind === "table" ? o.kind === "table" : o.kind === d.kind) && d.names.includes(o.kind === "table" ? o.table : o.name);
    for (const name of d.names) {
      const here = objects[d.only].some((o) => matches(o) && (o.kind === "table" ? o.table : o.name) === name);
      const there = objects[other].some((o) => matches(o) && (o.kind === "table" ? o.table : o.name) === name);
      if (there) problems.push(`listed as ${d.only}-only but ${other} has it too: ${d.kind} "${name}"`);
      else if (!here && !d.optional) problems.push(`listed as ${d.only}-only but missing there too: ${d.kind} "${name}"`);
    }
  }
  return problems;
}

const ON_DELETE: Record<string, OnDelete> = {
  Cascade: "CASCADE",
  SetNull: "SET NULL",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetDefault: "SET DEFAULT",
};

/**
 * Every difference between the keys the schema states and a migrated database:
 * - @id/@@id: the table's primary key;
 * - @unique/@@unique and @@index: an index of that name (`map:` or Prisma's default
 *   <table>_<columns>_key / _idx) on the same columns in order, unique or not as stated, not
 *   partial, B-tree;
 * - every relation with `fields:`: a foreign key on those columns to the referenced table's columns,
 *   ON DELETE as stated (Prisma's default when not: SetNull if optional, Restrict if required);
 * and the other way round, on the models' tables: every foreign key, and every full B-tree index
 * (what the schema can state), must be in the schema. Partial and non-B-tree indexes cannot be
 * stated in the schema; findProviderKeyDrift compares them between the providers.
 */
export function findKeyDrift(models: DmmfModel[], indexes: DmmfIndex[], keys: DbKeys): string[] {
  const problems: string[] = [];
  const tableOf = new Map(models.map((m) => [m.name, m.dbName ?? m.name]));
  const columnOf = (model: DmmfModel, field: string) => {
    const f = model.fields.find((x) => x.name === field);
    return f?.dbName ?? field;
  };
  const modelByName = new Map(models.map((m) => [m.name, m]));
  const stated = new Set<string>(); // "<table>.<index name>"
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

  for (const ix of indexes) {
    const model = modelByName.get(ix.model);
    if (!model) continue;
    const table = tableOf.get(model.name) ?? model.name;
    const columns = ix.fields.map((f) => columnOf(model, f));
    const what = `${model.name} ${ix.type === "id" ? "@id" : ix.type === "unique" ? "@unique" : "@@index"}${cols(ix.fields)}`;
    if (ix.type === "id") {
      const pk = keys.primaryKeys.get(table);
      if (!pk) problems.push(`${what}: table "${table}" has no primary key`);
      else if (!same(pk, columns)) problems.push(`${what}: primary key of "${table}" is ${cols(pk)}, expected ${cols(columns)}`);
      continue;
    }
    if (ix.type !== "unique" && ix.type !== "normal") {
      problems.push(`${what}: index type "${ix.type}" is not compared (extend tests/support/schema-drift.ts)`);
      continue;
    }
    const unique = ix.type === "unique";
    const name = ix.dbName ?? `${table}_${columns.join("_")}_${unique ? "key" : "idx"}`;
    stated.add(`${table}.${name}`);
    const found = keys.indexes.find((x) => x.table === table && x.name === name);
    if (!found) {
      problems.push(`${what}: index "${name}" on "${table}" ${cols(columns)}${unique ? " UNIQUE" : ""} is missing`);
      continue;
    }
    const expected: DbIndex = { table, name, columns, unique, partial: false, method: "btree" };
    if (describeIndex(found) !== describeIndex(expected)) {
      problems.push(`${what}: expected ${describeIndex(expected)}, found ${describeIndex(found)}`);
    }
  }

  const expectedFks: DbForeignKey[] = [];
  for (const model of models) {
    const table = tableOf.get(model.name) ?? model.name;
    for (const f of model.fields) {
      if (f.kind !== "object" || !f.relationFromFields?.length) continue;
      const target = modelByName.get(f.type);
      if (!target) continue;
      const columns = f.relationFromFields.map((x) => columnOf(model, x));
      const required = f.relationFromFields.every((x) => model.fields.find((y) => y.name === x)?.isRequired);
      const onDelete = f.relationOnDelete ? (ON_DELETE[f.relationOnDelete] ?? (`? ${f.relationOnDelete}` as OnDelete)) : required ? "RESTRICT" : "SET NULL";
      const fk: DbForeignKey = {
        table,
        columns,
        refTable: tableOf.get(target.name) ?? target.name,
        refColumns: (f.relationToFields ?? []).map((x) => columnOf(target, x)),
        onDelete,
      };
      expectedFks.push(fk);
      const found = keys.foreignKeys.find((x) => x.table === table && same(x.columns, columns));
      if (!found) problems.push(`${model.name}.${f.name}: ${describeForeignKey(fk)} is missing`);
      else if (describeForeignKey(found) !== describeForeignKey(fk)) {
        problems.push(`${model.name}.${f.name}: expected ${describeForeignKey(fk)}, found ${describeForeignKey(found)}`);
      }
    }
  }

  const modelTables = new Set(tableOf.values());
  for (const fk of keys.foreignKeys) {
    if (modelTables.has(fk.table) && !expectedFks.some((e) => e.table === fk.table && same(e.columns, fk.columns))) {
      problems.push(`${describeForeignKey(fk)} has no relation in the schema`);
    }
  }
  for (const ix of keys.indexes) {
    if (modelTables.has(ix.table) && !ix.partial && ix.method === "btree" && !stated.has(`${ix.table}.${ix.name}`)) {
      problems.push(`${describeIndex(ix)} is not in the schema (add @@index/@unique, or make it partial if it cannot be)`);
    }
  }
  return problems;
}
