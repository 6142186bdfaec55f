import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { closeDb, createDb, getDb, isDatabaseUnavailableError } from "@/lib/db/client";
import { forEachProvider } from "@/tests/support/test-db";

function leadData(n: number, flags: string[]) {
  return {
    eligibility: "eligible_with_conditions",
    flagCodes: `,${flags.join(",")},`,
    lossPattern: "norwood",
    norwoodStage: "3",
    sex: "male",
    age: 30 + n,
    goal: "hairline_or_crown",
    priceMinUsd: 2000,
    priceMaxUsd: 3500,
    priceBasis: "norwood_2_3",
    priceEstimate: false,
    priceTableVersion: 1,
    rulesVersion: "2026-12-1",
    answers: { sex: "male", age: 30 + n, scars: ["strip"] },
    result: { status: "eligible_with_conditions", flags: flags.map((code) => ({ code })) },
    firstName: "Ana",
    lastName: `Pérez ${n}`,
    email: `ana${n}@example.com`,
    phone: `+1714555010${n}`,
    preferredContact: "phone",
    searchText: `ana pérez ${n} ana${n}@example.com +1714555010${n}`,
    consentContactAccepted: true,
    consentPrivacyAccepted: true,
    consentTextVersion: "2026-11",
    consentAt: new Date("2026-11-20T10:00:00Z"),
    idempotencyKey: `key-${n}-${Math.random()}`,
  };
}

forEachProvider("database client", (t) => {
  it("stores and reads leads with JSON, flag filters, relations and optimistic versions", async () => {
    const first = await t.db.lead.create({ data: leadData(1, ["SCAR_REDUCED_RESPONSE"]) });
    const second = await t.db.lead.create({
      data: { ...leadData(2, ["DERM_CLEARANCE_REQUIRED", "SCAR_REDUCED_RESPONSE"]), relatedLeadId: first.id },
    });
    expect(second.status).toBe("new");
    expect(second.version).toBe(1);
    expect(second.locale).toBe("en");
    expect(second.answers).toEqual({ sex: "male", age: 32, scars: ["strip"] });

    const withDerm = await t.db.lead.findMany({ where: { flagCodes: { contains: ",DERM_CLEARANCE_REQUIRED," } } });
    expect(withDerm.map((l) => l.id)).toEqual([second.id]);
    const bySearch = await t.db.lead.findMany({ where: { searchText: { contains: "pérez 1" } } });
    expect(bySearch.map((l) => l.id)).toEqual([first.id]);

    const related = await t.db.lead.findUnique({ where: { id: first.id }, include: { laterLeads: true } });
    expect(related?.laterLeads.map((l) => l.id)).toEqual([second.id]);

    // Optimistic concurrency: the second writer with the stale version updates nothing.
    const ok = await t.db.lead.updateMany({
      where: { id: second.id, version: 1 },
      data: { status: "contacted", version: { increment: 1 } },
    });
    const stale = await t.db.lead.updateMany({ where: { id: second.id, version: 1 }, data: { status: "not_proceeding" } });
    expect([ok.count, stale.count]).toEqual([1, 0]);

    await expect(t.db.lead.create({ data: { ...leadData(3, []), idempotencyKey: first.idempotencyKey } })).rejects.toMatchObject({
      code: "P2002",
    });
  });

  it("enforces foreign keys and cascades notes and outbox with their lead", async () => {
    const user = await t.db.user.create({ data: { id: "user_fk", name: "Front Desk", email: "fd@example.com" } });
    expect(user.role).toBe("front_desk");
    const lead = await t.db.lead.create({ data: { ...leadData(4, []), assigneeId: user.id } });
    await t.db.leadNote.create({ data: { leadId: lead.id, authorId: user.id, body: "Called, left a message" } });
    await t.db.outboxMessage.create({
      data: { kind: "lead_created", leadId: lead.id, channel: "email", payload: { leadId: lead.id }, nextAttemptAt: new Date() },
    });
    await expect(
      t.db.leadNote.create({ data: { leadId: "missing", authorId: user.id, body: "x" } }),
    ).rejects.toMatchObject({ code: "P2003" });

    await t.db.lead.delete({ where: { id: lead.id } });
    expect(await t.db.leadNote.count({ where: { leadId: lead.id } })).toBe(0);
    expect(await t.db.outboxMessage.count({ where: { leadId: lead.id } })).toBe(0);
  });

  it("stores Better Auth's rate limit BigInt", async () => {
    const now = BigInt(Date.now());
    await t.db.rateLimit.create({ data: { id: "rl1", key: "127.0.0.1/sign-in", count: 1, lastRequest: now } });
    expect((await t.db.rateLimit.findUnique({ where: { key: "127.0.0.1/sign-in" } }))?.lastRequest).toBe(now);
  });

  it("does not call a constraint violation 'unavailable'", async () => {
    const err = await t.db.rateLimit
      .create({ data: { id: "rl1", key: "dup", count: 1, lastRequest: 1n } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "P2002" });
    expect(isDatabaseUnavailableError(err)).toBe(false);
  });
});

describe("SQLite connection settings", () => {
  it("uses WAL, busy_timeout 0 (lock waits are asynchronous: lib/db/sqlite-busy.ts) and foreign keys, creating the folder", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "smp-client-"));
    const db = createDb(`file:${path.join(dir, "nested", "x.db")}`);
    try {
      const [mode] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
      const [busy] = await db.$queryRawUnsafe<{ timeout: number }[]>("PRAGMA busy_timeout");
      const [fk] = await db.$queryRawUnsafe<{ foreign_keys: number }[]>("PRAGMA foreign_keys");
      expect(mode?.journal_mode).toBe("wal");
      expect(Number(busy?.timeout)).toBe(0);
      expect(Number(fk?.foreign_keys)).toBe(1);
    } finally {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("getDb", () => {
  const saved = process.env.DATABASE_URL;
  afterEach(async () => {
    await closeDb();
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  });

  it("returns one client per DATABASE_URL and replaces it when the URL changes", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "smp-getdb-"));
    try {
      process.env.DATABASE_URL = `file:${path.join(dir, "a.db")}`;
      const a = getDb();
      expect(getDb()).toBe(a);
      process.env.DATABASE_URL = `file:${path.join(dir, "b.db")}`;
      expect(getDb()).not.toBe(a);
    } finally {
      await closeDb();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("isDatabaseUnavailableError", () => {
  it("is true when PostgreSQL cannot be reached", async () => {
    const db = createDb("postgresql://postgres@127.0.0.1:1/none");
    try {
      const err = await db.$queryRawUnsafe("SELECT 1").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(isDatabaseUnavailableError(err)).toBe(true);
    } finally {
      await db.$disconnect();
    }
  });

  it("is true for driver-level busy/connection codes and false for other errors", () => {
    expect(isDatabaseUnavailableError(Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }))).toBe(true);
    expect(isDatabaseUnavailableError(Object.assign(new Error("x"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailableError(Object.assign(new Error("x"), { code: "P2024" }))).toBe(true);
    expect(isDatabaseUnavailableError(new Error("Invalid input"))).toBe(false);
    expect(isDatabaseUnavailableError(Object.assign(new Error("x"), { code: "P2025" }))).toBe(false);
    expect(isDatabaseUnavailableError("nope")).toBe(false);
  });
});
