/**
 * Which columns of a migrated database name an inquiry (a person), and which of them no erasure
 * participant (lib/erasure/participants.ts) covers.
 *
 * A column names an inquiry when it is called `leadId`, `...LeadId` or `lead_id` (any case), or when it
 * has a foreign key to "Lead". "Lead"."id" itself is always one.
 */
import Database from "better-sqlite3";
import pg from "pg";

import type { ErasureParticipant } from "@/lib/erasure/participants";
import { type DbProvider, sqliteFilePath } from "@/lib/db/provider";

export interface PersonColumn {
  table: string;
  column: string;
}

const NAMES_A_LEAD = /lead_?id$/i;
const LEAD_TABLE = "Lead";

const key = (c: PersonColumn) => `${c.table}.${c.column}`;

export async function personColumns(provider: DbProvider, url: string): Promise<PersonColumn[]> {
  const found = new Map<string, PersonColumn>();
  const add = (table: string, column: string) => found.set(key({ table, column }), { table, column });
  add(LEAD_TABLE, "id");
  if (provider === "sqlite") {
    const db = new Database(sqliteFilePath(url), { readonly: true, fileMustExist: true });
    try {
      // Virtual tables (FTS5) have columns too; their shadow tables are plain tables and are listed as well.
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[];
      for (const { name } of tables) {
        for (const c of db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[]) {
          if (NAMES_A_LEAD.test(c.name)) add(name, c.name);
        }
        for (const fk of db.prepare(`SELECT "table" AS target, "from" AS source FROM pragma_foreign_key_list(?)`).all(name) as { target: string; source: string }[]) {
          if (fk.target === LEAD_TABLE) add(name, fk.source);
        }
      }
    } finally {
      db.close();
    }
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const columns = await client.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()`,
      );
      for (const r of columns.rows) if (NAMES_A_LEAD.test(r.column_name)) add(r.table_name, r.column_name);
      const fks = await client.query<{ table_name: string; column_name: string }>(
        `SELECT src.relname AS table_name, a.attname AS column_name
           FROM pg_constraint c
           JOIN pg_class src ON src.oid = c.conrelid
           JOIN pg_class dst ON dst.oid = c.confrelid
           JOIN pg_namespace n ON n.oid = dst.relnamespace AND n.nspname = current_schema()
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
          WHERE c.contype = 'f' AND dst.relname = $1`,
        [LEAD_TABLE],
      );
      for (const r of fks.rows) add(r.table_name, r.column_name);
    } finally {
      await client.end();
    }
  }
  return [...found.values()].sort((a, b) => key(a).localeCompare(key(b)));
}

/** Columns that name an inquiry and that no participant covers on `provider`, as "Table.column". */
export function uncoveredColumns(provider: DbProvider, columns: readonly PersonColumn[], participants: readonly ErasureParticipant[]): string[] {
  const covered = new Set(
    participants.flatMap((p) => p.covers.filter((c) => !c.providers || c.providers.includes(provider)).map((c) => key(c))),
  );
  return columns.map(key).filter((k) => !covered.has(k));
}
