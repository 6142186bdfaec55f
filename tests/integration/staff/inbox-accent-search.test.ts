/**
 * Accent- and case-insensitive staff search (issue 22, lib/leads/search-text.ts) on both databases:
 * Spanish names found both ways ("Hernandez" finds "Hernández", "hernández" finds "Hernandez",
 * "Rodriguez" finds "José Rodríguez"), through every path of the inbox (page, count, the API's list,
 * a short term, a rare term SQLite's FTS5 table drives, a term combined with a filter); and
 * migration 20261208010749_search_text_fold folds the searchText of inquiries stored before it.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { defaultMigrationsDir, migrate } from "@/lib/db/migrate";
import type { LeadListQuery } from "@/lib/leads/lead-filters";
import { replyClock } from "@/lib/leads/reply-clock";
import { countLeads, listLeads, listLeadsCounted, type ListContext } from "@/lib/leads/staff-inbox";
import { storeLead } from "@/tests/support/staff-leads";
import { createTestDatabase, forEachProvider, PROVIDERS, type TestDatabase } from "@/tests/support/test-db";

const MIGRATION = "20261208010749_search_text_fold";

forEachProvider("accent-insensitive inbox search", (t) => {
  let context: ListContext;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ids.joseRodriguez = await storeLead(t.db, { contact: { firstName: "José", lastName: "Rodríguez", email: "jrod@example.com", phone: "+17145550301" } });
    ids.anaHernandezAccent = await storeLead(t.db, { contact: { firstName: "Ana", lastName: "Hernández", email: "ana.h@example.com", phone: "+17145550302" } });
    ids.luisHernandezPlain = await storeLead(t.db, { contact: { firstName: "Luis", lastName: "Hernandez", email: "luis.h@example.com", phone: "+17145550303" } });
    ids.nunezPena = await storeLead(t.db, { contact: { firstName: "Íñigo", lastName: "Núñez Peña", email: "inigo@example.com", phone: "+17145550304" } });
    ids.other = await storeLead(t.db, { contact: { firstName: "Sarah", lastName: "Smith", email: "sarah@example.com", phone: "+17145550305" } });
    context = { clock: await replyClock(t.db) };
  });

  const found = async (query: Partial<LeadListQuery>) => {
    const page = await listLeadsCounted(t.db, { ...query, limit: 25 }, context);
    const listed = await listLeads(t.db, { ...query, limit: 25 }, context);
    expect(listed.items.map((i) => i.id)).toEqual(page.items.map((i) => i.id));
    expect(await countLeads(t.db, query, context)).toBe(page.matching);
    expect(page.matching).toBe(page.items.length);
    return new Set(page.items.map((i) => i.id));
  };

  it("stores searchText folded: no accent, lower case, the reference too", async () => {
    const row = await t.db.lead.findUniqueOrThrow({ where: { id: ids.joseRodriguez }, select: { searchText: true, reference: true, firstName: true, lastName: true } });
    expect(row.searchText).toBe(`jose rodriguez jrod@example.com +17145550301 ${row.reference?.toLowerCase()}`);
    // The name itself is kept as the patient wrote it.
    expect([row.firstName, row.lastName]).toEqual(["José", "Rodríguez"]);
  });

  it.each([
    ["Hernandez", ["anaHernandezAccent", "luisHernandezPlain"]],
    ["hernández", ["anaHernandezAccent", "luisHernandezPlain"]],
    ["HERNÁNDEZ", ["anaHernandezAccent", "luisHernandezPlain"]],
    ["Rodriguez", ["joseRodriguez"]],
    ["rodríguez", ["joseRodriguez"]],
    ["José Rodriguez", ["joseRodriguez"]],
    ["jose rodríguez", ["joseRodriguez"]],
    ["nunez pena", ["nunezPena"]],
    ["Núñez", ["nunezPena"]],
    ["iñigo", ["nunezPena"]],
    ["ána h", ["anaHernandezAccent"]],
    // Two characters: no trigram on either database (PostgreSQL's short-term walk, SQLite's covering index).
    ["ÍÑ", ["nunezPena"]],
  ])("q=%s finds %j", async (q, names) => {
    expect(await found({ q })).toEqual(new Set(names.map((n) => ids[n])));
  });

  it("a folded term combined with another filter, and a term nothing matches", async () => {
    expect(await found({ q: "Hernández", status: "new" })).toEqual(new Set([ids.anaHernandezAccent, ids.luisHernandezPlain]));
    expect(await found({ q: "Hernández", status: "contacted" })).toEqual(new Set());
    expect(await found({ q: "hernándezz" })).toEqual(new Set());
  });
});

for (const provider of PROVIDERS) {
  describe(`migration ${MIGRATION} folds stored searchText [${provider}]`, () => {
    let t: TestDatabase | undefined;
    let before = "";

    beforeAll(async () => {
      // Every migration but this one (the schema the client expects, with searchText as it was written before).
      before = mkdtempSync(path.join(tmpdir(), "smp-migrations-before-"));
      cpSync(defaultMigrationsDir(provider), before, { recursive: true });
      rmSync(path.join(before, MIGRATION), { recursive: true, force: true });
      t = await createTestDatabase(provider, { migrateOptions: { migrationsDir: before } });
    });
    afterAll(async () => {
      await t?.cleanup();
      rmSync(before, { recursive: true, force: true });
    });

    it("folds every stored inquiry's searchText, leaves text without accents alone, and search finds the old rows", async () => {
      if (!t) throw new Error("no test database");
      const db = t.db;
      const old = await storeLead(db, { contact: { firstName: "José", lastName: "Rodríguez", email: "old.jose@example.com", phone: "+17145550401" } });
      const plain = await storeLead(db, { contact: { firstName: "Sarah", lastName: "Smith", email: "old.sarah@example.com", phone: "+17145550402" } });
      // What the app stored before the fold: lower-cased only.
      const { reference } = await db.lead.findUniqueOrThrow({ where: { id: old }, select: { reference: true } });
      const unfolded = `josé rodríguez old.jose@example.com +17145550401 ${reference?.toLowerCase()} đặng`;
      await db.lead.update({ where: { id: old }, data: { searchText: unfolded } });
      const plainBefore = (await db.lead.findUniqueOrThrow({ where: { id: plain }, select: { searchText: true } })).searchText;
      const context = { clock: await replyClock(db) };
      expect((await listLeads(db, { q: "Rodriguez", limit: 25 }, context)).items).toEqual([]);

      const result = await migrate(t.url);
      expect(result.applied).toEqual([MIGRATION]);

      expect((await db.lead.findUniqueOrThrow({ where: { id: old }, select: { searchText: true } })).searchText).toBe(
        `jose rodriguez old.jose@example.com +17145550401 ${reference?.toLowerCase()} dang`,
      );
      expect((await db.lead.findUniqueOrThrow({ where: { id: plain }, select: { searchText: true } })).searchText).toBe(plainBefore);
      // The search index (SQLite's FTS5 table through its trigger, PostgreSQL's trigram GIN) follows the new text.
      expect((await listLeads(db, { q: "Rodriguez", limit: 25 }, context)).items.map((i) => i.id)).toEqual([old]);
      expect((await listLeads(db, { q: "rodríguez", limit: 25 }, context)).items.map((i) => i.id)).toEqual([old]);
      expect((await listLeads(db, { q: "josé", limit: 25 }, context)).items.map((i) => i.id)).toEqual([old]);
    });
  });
}
