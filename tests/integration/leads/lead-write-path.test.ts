/**
 * The lead write path (docs/decisions/008-lead-write-path.md): plain SQL on the client's own driver
 * connection, with the Prisma nested create as fallback. Both must store the same rows; the SQL path
 * must actually be in use; the price table cache must never make a lead disagree with its record.
 */
import { randomUUID } from "node:crypto";

import { closeDb, driverHandle, type DbTransaction } from "@/lib/db/client";
import { createLead, type CreateLeadOptions } from "@/lib/leads/create-lead";
import { createLeadSchema } from "@/lib/leads/lead-input";
import { DEFAULT_PRICE_TABLE } from "@/lib/pricing/price-table";
import {
  getActivePriceTableCached,
  invalidateActivePriceTableCache,
  publishPriceTable,
} from "@/lib/pricing/price-table-store";
import { buildLeadBody } from "@/tests/support/lead-builders";
import { forEachProvider, type ProviderContext } from "@/tests/support/test-db";

import { postLead, useDatabaseUrl } from "./route-helpers";

const OPTIONS: CreateLeadOptions = { ip: "198.51.100.7", channels: ["webhook", "email"] };

afterAll(async () => {
  await closeDb();
});

async function storedRows(t: ProviderContext, id: string) {
  const lead = await t.db.lead.findUniqueOrThrow({ where: { id } });
  const events = await t.db.leadEvent.findMany({ where: { leadId: id }, orderBy: { type: "asc" } });
  const outbox = await t.db.outboxMessage.findMany({ where: { leadId: id }, orderBy: { channel: "asc" } });
  return { lead, events, outbox };
}

/** A row without the columns that differ between two submissions of the same answers by design. */
function comparable<T extends Record<string, unknown>>(row: T, drop: readonly string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...row };
  for (const key of drop) delete copy[key];
  return copy;
}

forEachProvider("lead write path", (t) => {
  beforeAll(() => {
    useDatabaseUrl(t.url, { LEAD_WEBHOOK_URL: "http://127.0.0.1:9/unused", LEAD_WEBHOOK_SECRET: "test-secret-0123456789" });
  });

  it("uses the driver connection once the client is connected", async () => {
    await t.db.$connect();
    await t.db.lead.count();
    const handle = driverHandle(t.db);
    expect(handle?.provider).toBe(t.provider);
  });

  it("the SQL path and the Prisma path store identical rows", async () => {
    const now = new Date(Date.now() - 60_000);
    const body = buildLeadBody({
      answers: { age: 33, norwoodStage: "4", scars: ["strip"] },
      contact: { email: `same-${randomUUID()}@example.com`, notes: "Evenings" },
      source: { utmSource: "google", utmMedium: "", referrer: "https://example.com/" },
      locale: "es",
    });
    // An earlier inquiry from the same email, so both leads are linked repeat inquiries.
    const earlier = await createLead(t.db, createLeadSchema.parse({ ...body, idempotencyKey: randomUUID() }), {
      ...OPTIONS,
      now: new Date(now.getTime() - 86_400_000),
    });
    const viaSql = await createLead(t.db, createLeadSchema.parse({ ...body, idempotencyKey: randomUUID() }), { ...OPTIONS, now });
    const viaPrisma = await createLead(t.db, createLeadSchema.parse({ ...body, idempotencyKey: randomUUID() }), {
      ...OPTIONS,
      now,
      writePath: "prisma",
    });
    expect(viaSql).toMatchObject({ created: true, stored: true, relatedLeadId: earlier.id });
    // The most recent earlier inquiry from that email is now the SQL-path lead.
    expect(viaPrisma).toMatchObject({ created: true, stored: true, relatedLeadId: viaSql.id });
    expect(viaSql.id).toMatch(/^c[0-9a-z]{24}$/);

    const a = await storedRows(t, viaSql.id);
    const b = await storedRows(t, viaPrisma.id);
    expect(a.lead.createdAt).toEqual(now);
    expect(a.lead.consentAt).toEqual(now);
    expect(a.lead.status).toBe("new");
    expect(a.lead.version).toBe(1);
    expect(a.lead.utmMedium).toBeNull();
    // Each lead draws its own reference, which is also searchable: compared apart.
    const leadDrop = ["id", "idempotencyKey", "updatedAt", "relatedLeadId", "reference", "searchText"] as const;
    expect(comparable(a.lead, leadDrop)).toEqual(comparable(b.lead, leadDrop));
    expect(a.lead.reference).toBe(viaSql.reference);
    expect(b.lead.reference).toBe(viaPrisma.reference);
    expect(a.lead.searchText.replace(` ${a.lead.reference?.toLowerCase()}`, "")).toBe(b.lead.searchText.replace(` ${b.lead.reference?.toLowerCase()}`, ""));
    expect(a.events).toHaveLength(1);
    const event = (e: (typeof a.events)[number]) => ({ ...comparable(e, ["id", "leadId"]), data: { ...(e.data as object), relatedLeadId: "-" } });
    expect(a.events.map(event)).toEqual(b.events.map(event));
    expect(b.events[0]?.data).toMatchObject({ relatedLeadId: viaSql.id });
    expect(a.events[0]?.data).toMatchObject({ relatedLeadId: earlier.id, notifications: ["webhook", "email"] });
    expect(a.outbox).toHaveLength(2);
    expect(a.outbox.map((o) => comparable(o, ["id", "leadId"]))).toEqual(b.outbox.map((o) => comparable(o, ["id", "leadId"])));
    expect(a.outbox[0]).toMatchObject({ attempts: 0, deliveredAt: null, lastError: null, nextAttemptAt: now, createdAt: now });
    expect(a.outbox[0]?.payload).toEqual({ eligibility: a.lead.eligibility, createdAt: now.toISOString(), repeatInquiry: true });

    // Repeat-inquiry lookups and date filters see rows of both paths alike.
    expect(await t.db.lead.count({ where: { createdAt: { gte: now, lte: now } } })).toBeGreaterThanOrEqual(2);
  });

  it("writes no outbox row without channels", async () => {
    const outcome = await createLead(t.db, createLeadSchema.parse(buildLeadBody()), { ...OPTIONS, channels: [] });
    expect(await t.db.outboxMessage.count({ where: { leadId: outcome.id } })).toBe(0);
    expect(await t.db.leadEvent.count({ where: { leadId: outcome.id } })).toBe(1);
  });

  it("50 concurrent submissions: 50 leads, 50 events, 100 outbox rows", async () => {
    const inputs = Array.from({ length: 50 }, () => createLeadSchema.parse(buildLeadBody()));
    const outcomes = await Promise.all(inputs.map((input) => createLead(t.db, input, OPTIONS)));
    const ids = outcomes.map((o) => o.id);
    expect(new Set(ids).size).toBe(50);
    expect(await t.db.lead.count({ where: { id: { in: ids } } })).toBe(50);
    expect(await t.db.leadEvent.count({ where: { leadId: { in: ids } } })).toBe(50);
    expect(await t.db.outboxMessage.count({ where: { leadId: { in: ids } } })).toBe(100);
  });

  it("a submission while a Prisma transaction is open on the same client waits for it (no interleaving)", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const marker = `tx-${randomUUID()}`;
    const transaction = t.db.$transaction(async (tx: DbTransaction) => {
      await tx.leadEvent.create({ data: { type: marker } });
      entered();
      await held;
      throw new Error("rolled back on purpose");
    });
    await inside;
    const pending = createLead(t.db, createLeadSchema.parse(buildLeadBody()), OPTIONS);
    await new Promise((r) => setTimeout(r, 50));
    release();
    await expect(transaction).rejects.toThrow("rolled back on purpose");
    const outcome = await pending;
    // The lead is stored; the rolled-back transaction left nothing, and took nothing of the lead with it.
    expect(await t.db.lead.count({ where: { id: outcome.id } })).toBe(1);
    expect(await t.db.leadEvent.count({ where: { leadId: outcome.id } })).toBe(1);
    expect(await t.db.leadEvent.count({ where: { type: marker } })).toBe(0);
  });

  describe("active price table cache", () => {
    afterEach(async () => {
      await publishPriceTable(t.db, DEFAULT_PRICE_TABLE.rows, null, "restore");
    });

    it("a publish in this process invalidates at once", async () => {
      await getActivePriceTableCached(t.db);
      const published = await publishPriceTable(
        t.db,
        { ...DEFAULT_PRICE_TABLE.rows, scar_only: { ...DEFAULT_PRICE_TABLE.rows.scar_only, minUsd: 1111 } },
        null,
        "cache test",
      );
      const cached = await getActivePriceTableCached(t.db);
      expect(cached.version).toBe(published.version);
      expect(cached.rows.scar_only.minUsd).toBe(1111);
    });

    it("a publish by another process is seen after the window; a lead stores the version it was priced with", async () => {
      const before = await getActivePriceTableCached(t.db, 60_000);
      // Another process publishes (simulated with plain SQL: this process is not told).
      const next = before.version + 1;
      const rows = JSON.stringify({ ...DEFAULT_PRICE_TABLE.rows, standard_nw6: { ...DEFAULT_PRICE_TABLE.rows.standard_nw6, minUsd: 7777, maxUsd: 7777 } });
      await t.db.$executeRawUnsafe(`UPDATE "PriceTableVersion" SET "active" = false WHERE "active" = true`);
      await t.db.$executeRawUnsafe(
        t.provider === "sqlite"
          ? `INSERT INTO "PriceTableVersion" ("id", "version", "rows", "active", "createdAt") VALUES ('${randomUUID()}', ${next}, '${rows}', true, '${new Date().toISOString().replace("Z", "+00:00")}')`
          : `INSERT INTO "PriceTableVersion" ("id", "version", "rows", "active", "createdAt") VALUES ('${randomUUID()}', ${next}, '${rows}'::jsonb, true, now())`,
      );

      // Within the window the cached version is used, and recorded as such.
      expect((await getActivePriceTableCached(t.db, 60_000)).version).toBe(before.version);
      const stale = await createLead(t.db, createLeadSchema.parse(buildLeadBody({ answers: { norwoodStage: "6", goal: "full_shaved_look", scars: [] } })), OPTIONS);
      const staleRow = await t.db.lead.findUniqueOrThrow({ where: { id: stale.id } });
      expect(staleRow.priceTableVersion).toBe(stale.result.price.tableVersion);
      expect(staleRow.priceTableVersion).toBe(before.version);
      expect(staleRow.priceMinUsd).toBe(stale.result.price.minUsd);

      // After the window (here: a zero window) the new version is read.
      expect((await getActivePriceTableCached(t.db, 0)).version).toBe(next);
      invalidateActivePriceTableCache();
      const fresh = await createLead(t.db, createLeadSchema.parse(buildLeadBody({ answers: { norwoodStage: "6", goal: "full_shaved_look", scars: [] } })), OPTIONS);
      const freshRow = await t.db.lead.findUniqueOrThrow({ where: { id: fresh.id } });
      expect(freshRow.priceTableVersion).toBe(next);
      expect(fresh.result.price.tableVersion).toBe(next);
    });

    it("the route prices with a version published a moment before", async () => {
      await postLead(buildLeadBody()); // warms the route's cache
      const published = await publishPriceTable(t.db, DEFAULT_PRICE_TABLE.rows, null, "route test");
      const res = await postLead(buildLeadBody());
      expect(res.status).toBe(201);
      const { id, result } = (await res.json()) as { id: string; result: { price: { tableVersion: number } } };
      expect(result.price.tableVersion).toBe(published.version);
      expect((await t.db.lead.findUniqueOrThrow({ where: { id } })).priceTableVersion).toBe(published.version);
    });
  });
});
