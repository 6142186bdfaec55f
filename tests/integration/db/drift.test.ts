import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

import { defaultMigrationsDir, readAppliedMigrations, readMigrations } from "@/lib/db/migrate";
import type { DbProvider } from "@/lib/db/provider";
import { SQLITE_SEARCH_TABLES } from "@/lib/leads/inbox-search-sqlite";
import {
  type DbKeys,
  type DmmfIndex,
  type DmmfSnapshot,
  findDrift,
  findKeyDrift,
  findProviderKeyDrift,
  type IntendedDifference,
  introspect,
  introspectKeys,
  readDmmfSnapshot,
} from "@/tests/support/schema-drift";
import { createTestDatabase, forEachProvider, PROVIDERS, type TestDatabase } from "@/tests/support/test-db";

/**
 * What only one provider's migrations build, on purpose. Everything else (tables, primary keys,
 * indexes with their columns, uniqueness, partial predicate and method, foreign keys with ON DELETE,
 * triggers) must be the same on both; an entry that no longer matches anything fails the test too.
 */
const INTENDED_DIFFERENCES: readonly IntendedDifference[] = [
  {
    only: "sqlite",
    kind: "table",
    names: SQLITE_SEARCH_TABLES,
    reason:
      "The inbox search on SQLite (migration 20261201161000_sqlite_inbox_search_index): the FTS5 virtual tables " +
      "LeadSearch and LeadFlagSearch with their shadow tables, and LeadSearchRow (a stable integer key per listed " +
      "inquiry). PostgreSQL searches through trigram indexes instead.",
  },
  {
    only: "sqlite",
    kind: "trigger",
    names: ["Lead_search_after_insert", "Lead_search_after_update", "Lead_search_after_delete"],
    reason: "They keep those FTS5 tables in step with every write of \"Lead\" (same migration).",
  },
  {
    only: "postgresql",
    kind: "index",
    names: ["Lead_searchText_trgm_idx", "Lead_flagCodes_trgm_idx"],
    optional: true,
    reason:
      "GIN trigram indexes for the inbox's substring search and flag filter (migration " +
      "20261201123406_lead_search_trigram_index), built only where the pg_trgm extension can be created; SQLite " +
      "has its FTS5 tables for the same.",
  },
  {
    only: "postgresql",
    kind: "index",
    names: ["Lead_live_flagCodes_idx"],
    reason:
      "The inbox's flag count on PostgreSQL (migration 20261201162000_pg_inbox_flag_count_index); SQLite counts a " +
      "flag from its FTS5 table LeadFlagSearch.",
  },
  {
    only: "postgresql",
    kind: "index",
    names: ["Consultation_no_overlap"],
    reason:
      "The overlap guard of consultations on PostgreSQL (migration 20261207224500_consultations, decision 022): " +
      "the GiST index of the EXCLUDE constraint over (calendarKey, tsrange(blockedStart, blockedEnd)). SQLite " +
      "refuses the same rows with its triggers Consultation_no_overlap_insert/update.",
  },
  {
    only: "sqlite",
    kind: "trigger",
    names: ["Consultation_no_overlap_insert", "Consultation_no_overlap_update"],
    reason:
      "The overlap guard of consultations on SQLite (same migration): SQLite has no exclusion constraint, and " +
      "its one writer at a time makes the check inside the writing transaction race-free.",
  },
];

function dmmfIndexes(dmmf: DmmfSnapshot): DmmfIndex[] {
  if (!dmmf.indexes) throw new Error("the DMMF snapshot has no indexes (written by an older generator): run `npm run db:generate`");
  return dmmf.indexes;
}

const schemaSha256 = createHash("sha256")
  .update(readFileSync(path.join(process.cwd(), "prisma", "schema.prisma")))
  .digest("hex");

forEachProvider("schema vs migrations (drift)", (t) => {
  it("the generated client was generated from the current prisma/schema.prisma", () => {
    const dmmf = readDmmfSnapshot(t.provider);
    expect(dmmf.provider).toBe(t.provider);
    expect(dmmf.sourceSha256, "generated client is stale: run `npm run db:generate`").toBe(schemaSha256);
  });

  it("every model and scalar field of the client exists as table and column with the same nullability", async () => {
    const dmmf = readDmmfSnapshot(t.provider);
    expect(dmmf.models.length).toBeGreaterThanOrEqual(10);
    const problems = findDrift(t.provider, dmmf.models, await introspect(t.provider, t.url));
    expect(problems, `schema and ${t.provider} migrations disagree; add a migration:\n${problems.join("\n")}`).toEqual([]);
  });

  it("records every migration in _prisma_migrations with Prisma's sha256 checksum", async () => {
    const local = readMigrations(defaultMigrationsDir(t.provider));
    const applied = await readAppliedMigrations(t.url);
    expect(applied.map((m) => m.migrationName)).toEqual(local.map((m) => m.name));
    for (const m of local) {
      const row = applied.find((a) => a.migrationName === m.name);
      const fileHash = createHash("sha256")
        .update(readFileSync(path.join(defaultMigrationsDir(t.provider), m.name, "migration.sql")))
        .digest("hex");
      expect(row?.checksum).toBe(fileHash);
      expect(row?.finishedAt).toBeInstanceOf(Date);
      expect(row?.rolledBackAt).toBeNull();
      expect(row?.appliedStepsCount).toBe(1);
      expect(row?.id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("the check itself catches a field added to the schema without a migration", async () => {
    const dmmf = readDmmfSnapshot(t.provider);
    const lead = dmmf.models.find((m) => m.name === "Lead");
    if (!lead) throw new Error("no Lead model");
    const withNewField = dmmf.models.map((m) =>
      m === lead
        ? {
            ...m,
            fields: [
              ...m.fields,
              { name: "favouriteColour", dbName: null, kind: "scalar", type: "String", isRequired: true, isList: false },
            ],
          }
        : m,
    );
    const problems = findDrift(t.provider, withNewField, await introspect(t.provider, t.url));
    expect(problems).toEqual([`Lead.favouriteColour: column "Lead"."favouriteColour" is missing`]);
  });

  it("every @id, @unique, @@index and relation of the client exists as primary key, index and foreign key, and every full B-tree index and foreign key is in the schema", async () => {
    const dmmf = readDmmfSnapshot(t.provider);
    const indexes = dmmfIndexes(dmmf);
    expect(indexes.filter((i) => i.type === "normal").length).toBeGreaterThanOrEqual(10);
    const keys = await introspectKeys(t.provider, t.url);
    expect(keys.foreignKeys.length).toBeGreaterThanOrEqual(10);
    const problems = findKeyDrift(dmmf.models, indexes, keys);
    expect(problems, `schema and ${t.provider} migrations disagree on keys:\n${problems.join("\n")}`).toEqual([]);
  });

  it("the key check itself catches a missing index, a changed ON DELETE and an index the schema does not state", async () => {
    const dmmf = readDmmfSnapshot(t.provider);
    const keys = await introspectKeys(t.provider, t.url);
    const withNewIndex: DmmfIndex[] = [...dmmfIndexes(dmmf), { model: "Lead", type: "normal", dbName: null, fields: ["email", "phone"] }];
    const cascadingNotes = dmmf.models.map((m) =>
      m.name === "LeadNote"
        ? { ...m, fields: m.fields.map((f) => (f.name === "author" ? { ...f, relationOnDelete: "Cascade" } : f)) }
        : m,
    );
    const withoutPhoneIndex = dmmfIndexes(dmmf).filter((i) => !(i.model === "Lead" && i.fields.join() === "phone"));
    expect(findKeyDrift(dmmf.models, withNewIndex, keys)).toEqual([
      `Lead @@index(email, phone): index "Lead_email_phone_idx" on "Lead" (email, phone) is missing`,
    ]);
    expect(findKeyDrift(cascadingNotes, dmmfIndexes(dmmf), keys)).toEqual([
      `LeadNote.author: expected foreign key "LeadNote" (authorId) -> "user" (id) ON DELETE CASCADE, ` +
        `found foreign key "LeadNote" (authorId) -> "user" (id) ON DELETE RESTRICT`,
    ]);
    expect(findKeyDrift(dmmf.models, withoutPhoneIndex, keys)).toEqual([
      `index "Lead_phone_idx" on "Lead" (phone) is not in the schema (add @@index/@unique, or make it partial if it cannot be)`,
    ]);
  });
});

describe("SQLite vs PostgreSQL migrations (keys)", () => {
  const databases: TestDatabase[] = [];
  let keys: Promise<Record<DbProvider, DbKeys>> | undefined;
  /** Both migrated databases' keys, read once for the tests below (a failure fails each of them). */
  const bothKeys = () =>
    (keys ??= (async () => {
      const out: Partial<Record<DbProvider, DbKeys>> = {};
      for (const provider of PROVIDERS) {
        const t = await createTestDatabase(provider);
        databases.push(t);
        out[provider] = await introspectKeys(provider, t.url);
      }
      const { sqlite, postgresql } = out;
      if (!sqlite || !postgresql) throw new Error("no keys");
      return { sqlite, postgresql };
    })());
  afterAll(async () => {
    for (const t of databases) await t.cleanup();
  });

  it("build the same tables, primary keys, indexes (columns, unique, partial, method), foreign keys and triggers, except the intended differences listed here", async () => {
    const { sqlite, postgresql } = await bothKeys();
    expect(sqlite.indexes.length).toBeGreaterThanOrEqual(20);
    const problems = findProviderKeyDrift(sqlite, postgresql, INTENDED_DIFFERENCES);
    expect(problems, `the SQLite and PostgreSQL migrations disagree; fix one of them, or list an intended difference with its reason:\n${problems.join("\n")}`).toEqual([]);
  });

  it("the provider check itself catches an index, a partial predicate, a foreign key and a trigger on one side only, and a stale allowance", async () => {
    const { sqlite, postgresql } = await bothKeys();
    const pgChanged: DbKeys = {
      ...postgresql,
      indexes: postgresql.indexes
        .filter((ix) => ix.name !== "Lead_email_idx")
        .map((ix) => (ix.name === "Lead_phone_idx" ? { ...ix, partial: true } : ix)),
      foreignKeys: postgresql.foreignKeys.map((fk) =>
        fk.table === "session" ? { ...fk, onDelete: "SET NULL" as const } : fk,
      ),
      triggers: [...postgresql.triggers, { table: "Lead", name: "Lead_touch" }],
    };
    const withStale: IntendedDifference[] = [
      ...INTENDED_DIFFERENCES,
      { only: "postgresql", kind: "index", names: ["Lead_gone_idx"], reason: "dropped long ago" },
    ];
    expect(findProviderKeyDrift(sqlite, pgChanged, withStale).sort()).toEqual(
      [
        `only on sqlite: index "Lead_email_idx" on "Lead" (email)`,
        `only on sqlite: index "Lead_phone_idx" on "Lead" (phone)`,
        `only on postgresql: index "Lead_phone_idx" on "Lead" (phone) partial (WHERE ...)`,
        `only on sqlite: foreign key "session" (userId) -> "user" (id) ON DELETE CASCADE`,
        `only on postgresql: foreign key "session" (userId) -> "user" (id) ON DELETE SET NULL`,
        `only on postgresql: trigger "Lead_touch" on "Lead"`,
        `listed as postgresql-only but missing there too: index "Lead_gone_idx"`,
      ].sort(),
    );
  });
});
