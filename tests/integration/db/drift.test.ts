import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

import { defaultMigrationsDir, readAppliedMigrations, readMigrations } from "@/lib/db/migrate";
import { findDrift, introspect, readDmmfSnapshot } from "@/tests/support/schema-drift";
import { forEachProvider } from "@/tests/support/test-db";

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
});
