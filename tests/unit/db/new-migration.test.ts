import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { createMigration, migrationTimestamp } from "@/scripts/db/new-migration.mjs";

describe("npm run db:new-migration", () => {
  let root = "";
  const migrations = (provider: string) => path.join(root, "prisma", "migrations", provider);
  const folders = (provider: string) => readdirSync(migrations(provider)).filter((f) => f !== "migration_lock.toml").sort();

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "smp-new-migration-"));
    for (const provider of ["sqlite", "postgresql"]) {
      mkdirSync(path.join(migrations(provider), "20261123000000_init"), { recursive: true });
      writeFileSync(path.join(migrations(provider), "20261123000000_init", "migration.sql"), "SELECT 1;\n");
      writeFileSync(path.join(migrations(provider), "migration_lock.toml"), `provider = "${provider}"\n`);
    }
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("creates both providers' folders with one UTC timestamp and a header naming the twin", () => {
    const now = new Date("2026-12-07T23:04:05.678Z");
    expect(migrationTimestamp(now)).toBe("20261207230405");
    const { folder, files } = createMigration("lead_consent_column", { root, now });
    expect(folder).toBe("20261207230405_lead_consent_column");
    expect(files).toEqual([
      path.join(migrations("sqlite"), folder, "migration.sql"),
      path.join(migrations("postgresql"), folder, "migration.sql"),
    ]);
    expect(folders("sqlite")).toEqual(["20261123000000_init", folder]);
    expect(folders("postgresql")).toEqual(["20261123000000_init", folder]);
    const sqlite = readFileSync(files[0] ?? "", "utf8");
    const pg = readFileSync(files[1] ?? "", "utf8");
    expect(sqlite).toMatch(/^-- 20261207230405_lead_consent_column \(sqlite\): /);
    expect(sqlite).toContain(`prisma/migrations/postgresql/${folder}/migration.sql`);
    expect(pg).toMatch(/^-- 20261207230405_lead_consent_column \(postgresql\): /);
    expect(pg).toContain(`prisma/migrations/sqlite/${folder}/migration.sql`);
    // Comments only: nothing runs until the SQL is written.
    for (const text of [sqlite, pg]) expect(text.split("\n").filter((l) => l !== "" && !l.startsWith("--"))).toEqual([]);
  });

  it.each(["", "Lead_consent", "lead-consent", "1st_step", "lead__consent", "lead_consent_", "../escape", "x".repeat(61)])(
    "refuses the name %j and creates nothing",
    (name) => {
      expect(() => createMigration(name, { root, now: new Date("2026-12-07T23:04:05Z") })).toThrow(/lower_snake_case/);
      expect(folders("sqlite")).toEqual(["20261123000000_init"]);
      expect(folders("postgresql")).toEqual(["20261123000000_init"]);
    },
  );

  it("refuses an existing folder or a name already used, in either provider, and creates nothing", () => {
    const now = new Date("2026-12-07T23:04:05Z");
    mkdirSync(path.join(migrations("postgresql"), "20261207230405_probe"));
    expect(() => createMigration("probe", { root, now })).toThrow(/"probe" already exists: .*postgresql.*20261207230405_probe/);
    expect(() => createMigration("init", { root, now })).toThrow(/"init" already exists: .*sqlite.*20261123000000_init/);
    expect(folders("sqlite")).toEqual(["20261123000000_init"]);
    expect(existsSync(path.join(migrations("postgresql"), "20261207230405_init"))).toBe(false);
  });

  it("refuses a timestamp not later than the newest migration's (a slow clock, the same second), creating nothing", () => {
    expect(() => createMigration("late", { root, now: new Date("2026-11-23T00:00:00Z") })).toThrow(
      /20261123000000_late would not come after the newest migration 20261123000000_init/,
    );
    expect(folders("sqlite")).toEqual(["20261123000000_init"]);
    expect(folders("postgresql")).toEqual(["20261123000000_init"]);
  });
});
