/**
 * The price page's actions on both databases: publish with the safety net (the schema's messages,
 * what was typed kept, a stale base version refused), restore of an old version as a NEW version
 * (audited), the role checks, and version pinning: an inquiry keeps the price and version it was
 * quoted from across publishes and restores, while new quotes use the restored figures.
 */
import { POST as quoteRoute } from "@/app/api/v1/quote/route";
import { publishPriceTableAction, restorePriceTableAction } from "@/app/staff/prices/actions";
import { candidacyResultSchema } from "@/lib/candidacy";
import { DEFAULT_PRICE_TABLE, PRICE_ROW_KEYS, type PriceTable } from "@/lib/pricing/price-table";
import { getActivePriceTableVersion, listPriceTableVersions, STALE_PRICE_TABLE_MESSAGE } from "@/lib/pricing/price-table-store";
import { IDLE, type ActionState } from "@/lib/workspace/action-state";
import { loadPricesPage } from "@/lib/workspace/page-loaders";
import { buildAnswers } from "@/tests/support/candidacy-builders";
import { staffFixture } from "@/tests/support/staff-fixture";
import { storeLead } from "@/tests/support/staff-leads";
import { as, form, outcome } from "@/tests/support/staff-request";
import { forEachProvider } from "@/tests/support/test-db";

vi.mock("next/headers", async () => (await import("@/tests/support/staff-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/staff-request")).nextCacheMock);

/** The publish form's fields for these rows (what the page's inputs send). */
function priceForm(rows: PriceTable["rows"], extra: Record<string, string> = {}): FormData {
  const values: Record<string, string> = {};
  for (const key of PRICE_ROW_KEYS) {
    values[`${key}.minUsd`] = String(rows[key].minUsd);
    values[`${key}.maxUsd`] = String(rows[key].maxUsd);
    values[`${key}.label`] = rows[key].label;
    values[`${key}.labelEs`] = rows[key].labelEs;
  }
  return form({ ...values, ...extra });
}

const withNw6 = (usd: number): PriceTable["rows"] => ({ ...DEFAULT_PRICE_TABLE.rows, standard_nw6: { ...DEFAULT_PRICE_TABLE.rows.standard_nw6, minUsd: usd, maxUsd: usd } });

async function quoteNw6(locale?: "en" | "es") {
  const response = await quoteRoute(
    new Request(`http://localhost/api/v1/quote${locale ? `?locale=${locale}` : ""}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(buildAnswers()) }),
    undefined,
  );
  return candidacyResultSchema.parse(await response.json()).price;
}

forEachProvider("price page: publish, restore, version pinning", (t) => {
  const fixture = staffFixture(t);
  const activeVersion = async () => (await getActivePriceTableVersion(t.db)).version;

  it("front desk gets 403 on the page and on both actions, anonymous is sent to sign-in; nothing is written", async () => {
    const before = await t.db.priceTableVersion.count();
    const version = await activeVersion();
    const runs: (() => Promise<unknown>)[] = [
      () => loadPricesPage(),
      () => publishPriceTableAction(IDLE, priceForm(withNw6(9000))),
      () => restorePriceTableAction(IDLE, form({ version: String(version) })),
    ];
    for (const run of runs) {
      as(fixture.front);
      expect(await outcome(run)).toEqual({ kind: "forbidden" });
      as(null);
      const anonymous = await outcome(run);
      expect(anonymous.kind === "redirect" && anonymous.to.startsWith("/staff/sign-in")).toBe(true);
    }
    expect(await t.db.priceTableVersion.count()).toBe(before);
  });

  it("a bad minimum is refused with the field's message, what was typed comes back, nothing is published", async () => {
    as(fixture.admin);
    const before = await t.db.priceTableVersion.count();
    const bad = { ...DEFAULT_PRICE_TABLE.rows, standard_nw6: { minUsd: 50, maxUsd: 5500, label: "Standard procedure (typed)", labelEs: "Procedimiento (escrito)" } };
    const state = await publishPriceTableAction(IDLE, priceForm(bad, { note: "my note", baseVersion: String(await activeVersion()) }));
    expect(state.status).toBe("error");
    expect(state.message).toBe("Some prices need another look. Nothing was published.");
    expect(state.fields).toEqual({ "standard_nw6.minUsd": "The lowest price must be at least $100." });
    expect(state.values).toMatchObject({ "standard_nw6.minUsd": "50", "standard_nw6.label": "Standard procedure (typed)", note: "my note" });

    const cents = await publishPriceTableAction(IDLE, priceForm({ ...DEFAULT_PRICE_TABLE.rows, scar_only: { minUsd: 1500.5, maxUsd: 1000, label: "x", labelEs: "x" } }));
    expect(cents.fields?.["scar_only.minUsd"]).toBe("Please enter a price in whole US dollars.");
    const inverted = await publishPriceTableAction(IDLE, priceForm({ ...DEFAULT_PRICE_TABLE.rows, scar_only: { minUsd: 3000, maxUsd: 1000, label: "x", labelEs: "x" } }));
    expect(inverted.fields).toEqual({ "scar_only.maxUsd": "The highest price must be at least the lowest price." });
    expect(await t.db.priceTableVersion.count()).toBe(before);
  });

  it("publishing against a version that is no longer active is refused (the confirmation compared the wrong table)", async () => {
    as(fixture.admin);
    const base = await activeVersion();
    expect((await publishPriceTableAction(IDLE, priceForm(withNw6(5600), { baseVersion: String(base) }))).status).toBe("ok");
    const stale: ActionState = await publishPriceTableAction(IDLE, priceForm(withNw6(5700), { baseVersion: String(base) }));
    expect(stale).toMatchObject({ status: "conflict", message: STALE_PRICE_TABLE_MESSAGE });
    expect((await getActivePriceTableVersion(t.db)).table.rows.standard_nw6.minUsd).toBe(5600);
  });

  it("restore publishes an old version's rows as a NEW version, audited; leads keep theirs; new quotes use the restored figures", async () => {
    as(fixture.admin);
    // Start from the default figures as the active version.
    await publishPriceTableAction(IDLE, priceForm(DEFAULT_PRICE_TABLE.rows));
    const original = await activeVersion();
    const pinnedOld = await storeLead(t.db);

    const published = await publishPriceTableAction(IDLE, priceForm(withNw6(6000), { baseVersion: String(original), note: "winter prices" }));
    expect(published.status).toBe("ok");
    const raised = await activeVersion();
    expect(raised).toBe(original + 1);
    const pinnedNew = await storeLead(t.db);
    expect(await quoteNw6()).toMatchObject({ minUsd: 6000, maxUsd: 6000, tableVersion: raised });

    const snapshot = async (id: string) =>
      t.db.lead.findUniqueOrThrow({ where: { id }, select: { priceMinUsd: true, priceMaxUsd: true, priceBasis: true, priceTableVersion: true, result: true } });
    const [oldBefore, newBefore] = [await snapshot(pinnedOld), await snapshot(pinnedNew)];
    expect(oldBefore).toMatchObject({ priceMinUsd: 5500, priceTableVersion: original });
    expect(newBefore).toMatchObject({ priceMinUsd: 6000, priceTableVersion: raised });

    // Restoring the active version, an unknown one or from a stale base: refused, nothing written.
    expect(await restorePriceTableAction(IDLE, form({ version: String(raised) }))).toMatchObject({ status: "conflict" });
    expect(await restorePriceTableAction(IDLE, form({ version: "9999" }))).toMatchObject({ status: "error", message: "There is no price table version 9999." });
    expect(await restorePriceTableAction(IDLE, form({ version: String(original), baseVersion: String(original) }))).toMatchObject({ status: "conflict", message: STALE_PRICE_TABLE_MESSAGE });
    expect(await restorePriceTableAction(IDLE, form({ version: "two" }))).toMatchObject({ status: "error", fields: { version: "The version must be a whole number." } });
    expect(await activeVersion()).toBe(raised);

    const restored = await restorePriceTableAction(IDLE, form({ version: String(original), baseVersion: String(raised) }));
    expect(restored).toEqual({ status: "ok", message: `Version ${original} is restored as version ${raised + 1}, now the active price table. Saved inquiries keep the version they were quoted from.` });
    const active = await getActivePriceTableVersion(t.db);
    expect(active).toMatchObject({ version: raised + 1, note: `Restored from version ${original}`, createdById: fixture.admin.id });
    expect(active.table.rows).toEqual(DEFAULT_PRICE_TABLE.rows);
    // History is never rewritten: the raised version is still there, inactive.
    const history = await listPriceTableVersions(t.db);
    expect(history.find((v) => v.version === raised)).toMatchObject({ active: false, note: "winter prices" });
    expect(history.filter((v) => v.active).map((v) => v.version)).toEqual([raised + 1]);
    const audit = await t.db.leadEvent.findFirst({ where: { type: "price_table_restored" }, orderBy: { createdAt: "desc" } });
    expect(audit).toMatchObject({ actorId: fixture.admin.id, leadId: null, data: { version: raised + 1, restoredFrom: original } });

    // Pinned: both inquiries are exactly as they were quoted.
    expect(await snapshot(pinnedOld)).toEqual(oldBefore);
    expect(await snapshot(pinnedNew)).toEqual(newBefore);
    // New quotes and new inquiries use the restored numbers and the new version.
    expect(await quoteNw6()).toMatchObject({ minUsd: 5500, maxUsd: 5500, basis: "standard_nw6", tableVersion: raised + 1 });
    expect(await snapshot(await storeLead(t.db))).toMatchObject({ priceMinUsd: 5500, priceMaxUsd: 5500, priceTableVersion: raised + 1 });

    // The page lists who published each version.
    const page = await loadPricesPage();
    expect(page.versions[0]).toMatchObject({ version: raised + 1, createdByName: "Test admin" });
  });

  it("Spanish labels: edited beside the English ones, refused when blank (what was typed kept), published with the version, quoted with ?locale=es, brought back by a restore", async () => {
    as(fixture.admin);
    await publishPriceTableAction(IDLE, priceForm(DEFAULT_PRICE_TABLE.rows));
    const original = await activeVersion();
    expect(await quoteNw6("es")).toMatchObject({ label: "Procedimiento estándar (precio de referencia Norwood 6)", tableVersion: original });

    const relabelled = (labelEs: string, label = "Full shaved look (Norwood 6)"): PriceTable["rows"] => ({
      ...DEFAULT_PRICE_TABLE.rows,
      standard_nw6: { ...DEFAULT_PRICE_TABLE.rows.standard_nw6, label, labelEs },
    });
    const before = await t.db.priceTableVersion.count();
    const blank = await publishPriceTableAction(IDLE, priceForm(relabelled("   ", "Full shaved look (typed)"), { baseVersion: String(original) }));
    expect(blank).toMatchObject({ status: "error", fields: { "standard_nw6.labelEs": "Please enter the Spanish label." } });
    expect(blank.values).toMatchObject({ "standard_nw6.label": "Full shaved look (typed)", "standard_nw6.labelEs": "   " });
    const long = await publishPriceTableAction(IDLE, priceForm(relabelled("a".repeat(121)), { baseVersion: String(original) }));
    expect(long.fields).toEqual({ "standard_nw6.labelEs": "Please keep the label under 120 characters." });
    const control = await publishPriceTableAction(IDLE, priceForm(relabelled("Rapado\u0007 completo"), { baseVersion: String(original) }));
    expect(control.status).toBe("error");
    expect(Object.keys(control.fields ?? {})).toEqual(["standard_nw6.labelEs"]);
    expect(await t.db.priceTableVersion.count()).toBe(before);

    const published = await publishPriceTableAction(IDLE, priceForm(relabelled("  Aspecto rapado completo (Norwood 6) <b>"), { baseVersion: String(original) }));
    expect(published.status).toBe("ok");
    const relabelledVersion = await getActivePriceTableVersion(t.db);
    expect(relabelledVersion.version).toBe(original + 1);
    // Stored with the version, trimmed, as typed otherwise (escaped where shown, never stripped).
    expect(relabelledVersion.table.rows.standard_nw6).toEqual({
      minUsd: 5500,
      maxUsd: 5500,
      label: "Full shaved look (Norwood 6)",
      labelEs: "Aspecto rapado completo (Norwood 6) <b>",
    });
    const stored = await t.db.priceTableVersion.findUniqueOrThrow({ where: { version: original + 1 } });
    expect(stored.rows).toMatchObject({ standard_nw6: { labelEs: "Aspecto rapado completo (Norwood 6) <b>" }, scar_only: { labelEs: "Solo tratamiento de cicatrices" } });
    expect(await quoteNw6("es")).toMatchObject({ label: "Aspecto rapado completo (Norwood 6) <b>", tableVersion: original + 1 });
    expect(await quoteNw6("en")).toMatchObject({ label: "Full shaved look (Norwood 6)", tableVersion: original + 1 });
    expect(await quoteNw6()).toMatchObject({ label: "Full shaved look (Norwood 6)" });

    // Restore copies both labels of the old version back, as a new version.
    expect(await restorePriceTableAction(IDLE, form({ version: String(original), baseVersion: String(original + 1) }))).toMatchObject({ status: "ok" });
    const restored = await getActivePriceTableVersion(t.db);
    expect(restored.version).toBe(original + 2);
    expect(restored.table.rows).toEqual(DEFAULT_PRICE_TABLE.rows);
    expect(await quoteNw6("es")).toMatchObject({ label: "Procedimiento estándar (precio de referencia Norwood 6)", tableVersion: original + 2 });
    // And the relabelled version can itself be restored with its Spanish words.
    await restorePriceTableAction(IDLE, form({ version: String(original + 1), baseVersion: String(original + 2) }));
    expect(await quoteNw6("es")).toMatchObject({ label: "Aspecto rapado completo (Norwood 6) <b>", tableVersion: original + 3 });
  });
});
