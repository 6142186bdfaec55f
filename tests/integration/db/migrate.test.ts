import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { defaultMigrationsDir, migrate, MigrationError, readAppliedMigrations } from "@/lib/db/migrate";
import { introspect } from "@/tests/support/schema-drift";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/tests/support/test-db";

for (const provider of PROVIDERS) {
  describe(`db:migrate [${provider}]`, () => {
    let t: TestDatabase | undefined;
    let dir = "";

    beforeEach(async () => {
      // A private copy of the migrations that the tests may edit.
      dir = mkdtempSync(path.join(tmpdir(), "smp-migrations-"));
      cpSync(defaultMigrationsDir(provider), dir, { recursive: true });
      t = await createTestDatabase(provider, { migrate: false });
    });
    afterEach(async () => {
      await t?.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });
    const db = (): TestDatabase => {
      if (!t) throw new Error("no test database");
      return t;
    };

    it("applies pending migrations once; running again changes nothing", async () => {
      const first = await migrate(db().url, { migrationsDir: dir });
      expect(first.applied.length).toBeGreaterThan(0);
      const rowsAfterFirst = await readAppliedMigrations(db().url);

      const second = await migrate(db().url, { migrationsDir: dir });
      expect(second.applied).toEqual([]);
      expect(second.alreadyApplied).toEqual(first.applied);
      expect(await readAppliedMigrations(db().url)).toEqual(rowsAfterFirst);
    });

    it("applies a new migration added later, in order", async () => {
      await migrate(db().url, { migrationsDir: dir });
      mkdirSync(path.join(dir, "29991231000000_add_probe"));
      writeFileSync(path.join(dir, "29991231000000_add_probe", "migration.sql"), `CREATE TABLE "Probe" ("id" TEXT NOT NULL);\n`);
      const result = await migrate(db().url, { migrationsDir: dir });
      expect(result.applied).toEqual(["29991231000000_add_probe"]);
      expect((await introspect(provider, db().url)).has("Probe")).toBe(true);
      expect((await readAppliedMigrations(db().url)).at(-1)?.migrationName).toBe("29991231000000_add_probe");
    });

    it("refuses to run when an applied migration's file changed", async () => {
      const { applied } = await migrate(db().url, { migrationsDir: dir });
      const name = applied[0];
      if (!name) throw new Error("nothing applied");
      writeFileSync(path.join(dir, name, "migration.sql"), "-- edited after it ran\nSELECT 1;\n");
      mkdirSync(path.join(dir, "29991231000000_add_probe"));
      writeFileSync(path.join(dir, "29991231000000_add_probe", "migration.sql"), `CREATE TABLE "Probe" ("id" TEXT NOT NULL);\n`);

      await expect(migrate(db().url, { migrationsDir: dir })).rejects.toThrow(MigrationError);
      await expect(migrate(db().url, { migrationsDir: dir })).rejects.toThrow(/modified after they ran: 2\d+_init/);
      // Nothing after the refusal was applied.
      expect((await introspect(provider, db().url)).has("Probe")).toBe(false);
    });

    it("rolls a failing migration back completely and records nothing", async () => {
      await migrate(db().url, { migrationsDir: dir });
      const before = await readAppliedMigrations(db().url);
      mkdirSync(path.join(dir, "29991231000000_broken"));
      writeFileSync(
        path.join(dir, "29991231000000_broken", "migration.sql"),
        `CREATE TABLE "HalfDone" ("id" TEXT NOT NULL);\nTHIS IS NOT SQL;\n`,
      );
      await expect(migrate(db().url, { migrationsDir: dir })).rejects.toThrow(/29991231000000_broken failed/);
      expect(await readAppliedMigrations(db().url)).toEqual(before);
      expect((await introspect(provider, db().url)).has("HalfDone")).toBe(false);
    });
  });
}
