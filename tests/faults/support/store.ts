/** Reads what a fault left in the database, straight from the driver (no app code). */
import Database from "better-sqlite3";
import pg from "pg";

import { providerOf, sqliteFilePath } from "@/lib/db/provider";

export interface StoredLeads {
  /** idempotencyKey -> number of Lead rows with it (the unique index makes > 1 impossible, checked anyway). */
  byKey: Map<string, number>;
  /** Leads without their "created" event or without one outbox row per configured channel. */
  halfWritten: number;
  total: number;
}

const SQL = `SELECT l."idempotencyKey" AS key,
  (SELECT COUNT(*) FROM "LeadEvent" e WHERE e."leadId" = l."id" AND e."type" = 'created') AS events,
  (SELECT COUNT(*) FROM "OutboxMessage" o WHERE o."leadId" = l."id") AS outbox
  FROM "Lead" l`;

export async function storedLeads(databaseUrl: string, outboxPerLead: number): Promise<StoredLeads> {
  let rows: { key: string; events: number | string; outbox: number | string }[];
  if (providerOf(databaseUrl) === "sqlite") {
    const db = new Database(sqliteFilePath(databaseUrl), { readonly: true, fileMustExist: true, timeout: 5000 });
    try {
      rows = db.prepare(SQL).all() as typeof rows;
    } finally {
      db.close();
    }
  } else {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      rows = (await client.query(SQL)).rows;
    } finally {
      await client.end();
    }
  }
  const byKey = new Map<string, number>();
  let halfWritten = 0;
  for (const r of rows) {
    byKey.set(r.key, (byKey.get(r.key) ?? 0) + 1);
    if (Number(r.events) !== 1 || Number(r.outbox) !== outboxPerLead) halfWritten++;
  }
  return { byKey, halfWritten, total: rows.length };
}

export async function pgAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
