/**
 * Migration 20261201152500_price_row_spanish_labels on both databases: a database with price-table
 * versions stored before the Spanish labels were the admin's gets, for every version, the very words
 * patients saw until then (the old fixed translation); a row that already has its own Spanish label
 * keeps it; the figures and English labels are untouched; the versions then read, quote and
 * restore like any other.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { defaultMigrationsDir, migrate } from "@/lib/db/migrate";
import { DEFAULT_PRICE_TABLE, PRICE_ROW_KEYS } from "@/lib/pricing/price-table";
import { getPriceTableVersion, restorePriceTableVersion } from "@/lib/pricing/price-table-store";
import { quotePrice } from "@/lib/pricing/quote-price";
import { buildAnswers } from "@/tests/support/candidacy-builders";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/tests/support/test-db";

const MIGRATION = "20261201152500_price_row_spanish_labels";

/** The Spanish labels the app showed for every version before this migration (lib/candidacy/messages.ts, until 2026-12). */
const FIXED_SPANISH = {
  scar_only: "Solo tratamiento de cicatrices",
  norwood_2_3: "Norwood 2-3, línea frontal o coronilla",
  standard_nw6: "Procedimiento estándar (precio de referencia Norwood 6)",
  standard_with_scars: "Procedimiento estándar con cicatrices",
} as const;

/** Rows as they were stored before the migration: figures and the English label only. */
const oldRows = (bump: number, nw6Label = "Standard procedure (Norwood 6 benchmark)") =>
  Object.fromEntries(
    PRICE_ROW_KEYS.map((key) => {
      const row = DEFAULT_PRICE_TABLE.rows[key];
      return [key, { minUsd: row.minUsd + bump, maxUsd: row.maxUsd + bump, label: key === "standard_nw6" ? nw6Label : row.label }];
    }),
  );

for (const provider of PROVIDERS) {
  describe(`price-table Spanish labels migration [${provider}]`, () => {
    let t: TestDatabase | undefined;
    let before = "";

    beforeAll(async () => {
      // Every migration up to (not including) this one.
      before = mkdtempSync(path.join(tmpdir(), "smp-migrations-before-"));
      cpSync(defaultMigrationsDir(provider), before, { recursive: true });
      rmSync(path.join(before, MIGRATION), { recursive: true, force: true });
      t = await createTestDatabase(provider, { migrateOptions: { migrationsDir: before } });
    });
    afterAll(async () => {
      await t?.cleanup();
      rmSync(before, { recursive: true, force: true });
    });

    it("gives every stored version today's Spanish words, keeps a row's own, leaves figures and English alone", async () => {
      if (!t) throw new Error("no test database");
      const db = t.db;
      expect((await migrate(t.url, { migrationsDir: before })).applied).toEqual([]);
      await db.priceTableVersion.create({ data: { version: 1, rows: oldRows(0), active: false, note: "seed" } });
      await db.priceTableVersion.create({ data: { version: 2, rows: oldRows(500, "Full shaved look (Norwood 6)"), active: true, note: "winter" } });
      // Written by a newer process during a rolling deploy: its own Spanish label must survive.
      const own = { ...oldRows(0), scar_only: { ...DEFAULT_PRICE_TABLE.rows.scar_only, labelEs: "Cicatrices (propio)" } };
      await db.priceTableVersion.create({ data: { version: 3, rows: own, active: false } });
      // Before the migration the stored rows do not pass today's schema.
      await expect(getPriceTableVersion(db, 1)).rejects.toThrow(/version 1 in the database is invalid/);

      const result = await migrate(t.url);
      expect(result.applied).toEqual([MIGRATION]);

      const v1 = await getPriceTableVersion(db, 1);
      expect(v1?.table.rows).toEqual(DEFAULT_PRICE_TABLE.rows);
      const v2 = await getPriceTableVersion(db, 2);
      for (const key of PRICE_ROW_KEYS) {
        expect(v2?.table.rows[key]).toEqual({ ...oldRows(500)[key], ...(key === "standard_nw6" ? { label: "Full shaved look (Norwood 6)" } : {}), labelEs: FIXED_SPANISH[key] });
      }
      const v3 = await getPriceTableVersion(db, 3);
      expect(v3?.table.rows.scar_only.labelEs).toBe("Cicatrices (propio)");
      expect(v3?.table.rows.norwood_2_3.labelEs).toBe(FIXED_SPANISH.norwood_2_3);
      expect(await db.priceTableVersion.count()).toBe(3);
      expect((await db.priceTableVersion.findFirstOrThrow({ where: { active: true } })).version).toBe(2);

      // Spanish patients see exactly what they saw before; English ones too.
      if (!v2) throw new Error("version 2 is gone");
      expect(quotePrice(buildAnswers(), v2.table, "es").price).toMatchObject({ label: FIXED_SPANISH.standard_nw6, minUsd: 6000 });
      expect(quotePrice(buildAnswers(), v2.table, "en").price).toMatchObject({ label: "Full shaved look (Norwood 6)" });

      // A restore of a migrated version carries its Spanish labels into the new version.
      const restored = await restorePriceTableVersion(db, 1, null);
      expect(restored).toMatchObject({ version: 4, active: true });
      expect(restored.table.rows).toEqual(DEFAULT_PRICE_TABLE.rows);

      // Running it again changes nothing.
      expect((await migrate(t.url)).applied).toEqual([]);
    });
  });
}
