import { InvalidError } from "@/lib/errors";
import { DEFAULT_PRICE_TABLE, type PriceTable } from "@/lib/pricing/price-table";
import {
  getActivePriceTable,
  getActivePriceTableVersion,
  getPriceTableVersion,
  listPriceTableVersions,
  publishPriceTable,
  seedPriceTable,
} from "@/lib/pricing/price-table-store";
import { forEachProvider } from "@/tests/support/test-db";

const newRows = (bump: number): PriceTable["rows"] => ({
  scar_only: { minUsd: 1500 + bump, maxUsd: 2500 + bump, label: "Scar treatment only", labelEs: "Solo cicatrices" },
  norwood_2_3: { minUsd: 2000 + bump, maxUsd: 3500 + bump, label: "Norwood 2-3, hairline or crown", labelEs: "Norwood 2-3" },
  standard_nw6: { minUsd: 5500 + bump, maxUsd: 5500 + bump, label: "Standard procedure (Norwood 6)", labelEs: "Procedimiento estándar (Norwood 6)" },
  standard_with_scars: { minUsd: 6000 + bump, maxUsd: 7000 + bump, label: "Standard procedure with scars", labelEs: "Procedimiento con cicatrices" },
});

forEachProvider("price table store", (t) => {
  beforeEach(async () => {
    await t.db.leadEvent.deleteMany();
    await t.db.priceTableVersion.deleteMany();
  });

  it("an empty table falls back to the default as version 1, once, even when asked concurrently", async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => getActivePriceTable(t.db)));
    for (const table of results) expect(table).toEqual(DEFAULT_PRICE_TABLE);
    expect(await t.db.priceTableVersion.count()).toBe(1);
    expect(await t.db.priceTableVersion.count({ where: { active: true } })).toBe(1);
  });

  it("seedPriceTable is idempotent", async () => {
    await seedPriceTable(t.db);
    await seedPriceTable(t.db);
    expect(await t.db.priceTableVersion.count()).toBe(1);
  });

  it("publish creates version N+1 and makes it the only active one", async () => {
    const v2 = await publishPriceTable(t.db, newRows(100), null, "spring prices");
    expect(v2.version).toBe(2);
    expect(v2.active).toBe(true);
    expect(v2.note).toBe("spring prices");
    const v3 = await publishPriceTable(t.db, newRows(200), null, null);
    expect(v3.version).toBe(3);

    const active = await getActivePriceTableVersion(t.db);
    expect(active.version).toBe(3);
    expect(active.table).toEqual({ version: 3, currency: "USD", rows: newRows(200) });
    expect(await t.db.priceTableVersion.count({ where: { active: true } })).toBe(1);
    expect((await listPriceTableVersions(t.db)).map((v) => [v.version, v.active])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
    // Old versions stay readable (saved inquiries keep theirs).
    expect((await getPriceTableVersion(t.db, 2))?.table.rows).toEqual(newRows(100));
    expect(await getPriceTableVersion(t.db, 99)).toBeNull();
    // Audited.
    const events = await t.db.leadEvent.findMany({ where: { type: "price_table_published" } });
    expect(events).toHaveLength(2);
  });

  it("records the publishing admin", async () => {
    const admin = await t.db.user.create({
      data: { id: `u_${Date.now()}`, name: "Admin", email: `admin+${Date.now()}@example.com`, role: "admin" },
    });
    const v = await publishPriceTable(t.db, newRows(50), admin.id, null);
    expect(v.createdById).toBe(admin.id);
    const event = await t.db.leadEvent.findFirst({ where: { type: "price_table_published" } });
    expect(event?.actorId).toBe(admin.id);
  });

  it("rejects invalid rows and changes nothing", async () => {
    await getActivePriceTable(t.db);
    const bad = { ...newRows(0), scar_only: { minUsd: 3000, maxUsd: 1000, label: "x", labelEs: "x" } };
    const error: unknown = await publishPriceTable(t.db, bad, null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidError);
    expect((error as InvalidError).fields.get("scar_only.maxUsd")).toBe("The highest price must be at least the lowest price.");
    expect(await t.db.priceTableVersion.count()).toBe(1);
  });

  it("concurrent publishes each get their own version and leave exactly one active", async () => {
    await getActivePriceTable(t.db);
    const results = await Promise.all([1, 2, 3].map((i) => publishPriceTable(t.db, newRows(i), null)));
    expect(results.map((r) => r.version).sort()).toEqual([2, 3, 4]);
    expect(await t.db.priceTableVersion.count({ where: { active: true } })).toBe(1);
    expect((await getActivePriceTableVersion(t.db)).version).toBe(4);
  });

  it("the database itself refuses a second active version (partial unique index)", async () => {
    await getActivePriceTable(t.db);
    await expect(
      t.db.priceTableVersion.create({ data: { version: 50, rows: newRows(0), active: true } }),
    ).rejects.toMatchObject({ code: "P2002" });
  });
});
