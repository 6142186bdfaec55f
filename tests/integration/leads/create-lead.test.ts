/**
 * POST /api/v1/leads end to end (route handler in-process, real SQLite and PostgreSQL).
 */
import { randomUUID } from "node:crypto";

import pg from "pg";

import { candidacyResultSchema, evaluateCandidacy, type CandidacyResult } from "@/lib/candidacy";
import { closeDb } from "@/lib/db/client";
import { createLead, REPEAT_INQUIRY_WINDOW_MS } from "@/lib/leads/create-lead";
import { LEAD_MESSAGES_ES } from "@/lib/i18n/api-messages";
import { leadListQuerySchema } from "@/lib/leads/lead-filters";
import { REFERENCE_PATTERN } from "@/lib/leads/reference";
import { replyClock } from "@/lib/leads/reply-clock";
import { listLeads } from "@/lib/leads/staff-inbox";
import { createLeadSchema, LEAD_MESSAGES } from "@/lib/leads/lead-input";
import { DEFAULT_PRICE_TABLE } from "@/lib/pricing/price-table";
import { publishPriceTable } from "@/lib/pricing/price-table-store";
import { buildLeadBody, CONSENT_TEXT_VERSION } from "@/tests/support/lead-builders";
import { forEachProvider, type ProviderContext } from "@/tests/support/test-db";

import { type ErrorBody, nextIp, postLead, useDatabaseUrl } from "./route-helpers";

const WEBHOOK_ENV = { LEAD_WEBHOOK_URL: "http://127.0.0.1:9/unused", LEAD_WEBHOOK_SECRET: "test-secret-0123456789", SMTP_URL: undefined, NOTIFY_EMAIL_FROM: undefined, NOTIFY_EMAIL_TO: undefined };

interface Created {
  id: string;
  reference: string | null;
  result: CandidacyResult;
}

async function counts(t: ProviderContext) {
  const [leads, events, outbox] = await Promise.all([
    t.db.lead.count(),
    t.db.leadEvent.count({ where: { type: "created" } }),
    t.db.outboxMessage.count(),
  ]);
  return { leads, events, outbox };
}

afterAll(async () => {
  await closeDb();
});

forEachProvider("POST /api/v1/leads", (t) => {
  beforeAll(() => {
    useDatabaseUrl(t.url, { ...WEBHOOK_ENV, LEADS_RATE_LIMIT_PER_MINUTE: "10" });
  });

  it("stores the inquiry with the server's result, filters, contact, consent and source (201)", async () => {
    const before = Date.now();
    const body = buildLeadBody({
      answers: { age: 29, norwoodStage: "3", goal: "hairline_or_crown", scars: ["strip"] },
      contact: { firstName: "  Maria ", lastName: " López ", email: "  Maria.Lopez@Example.COM ", phone: "(714) 555-0142", preferredContact: "sms", notes: "Evenings are best." },
      source: { utmSource: "google", utmMedium: "cpc", utmCampaign: "smp-fall", referrer: "https://www.google.com/" },
      locale: "es",
    });
    const res = await postLead(body);
    expect(res.status).toBe(201);
    const json = (await res.json()) as Created;
    expect(candidacyResultSchema.safeParse(json.result).success).toBe(true);
    expect(json.result).toEqual(evaluateCandidacy(createLeadSchema.parse(body).answers, DEFAULT_PRICE_TABLE, { locale: "es" }));

    const lead = await t.db.lead.findUniqueOrThrow({ where: { id: json.id }, include: { events: true, outbox: true } });
    expect(lead.answers).toEqual(body.answers);
    expect(lead.result).toEqual(json.result);
    expect(lead.eligibility).toBe(json.result.status);
    expect(lead.flagCodes).toBe(`,${json.result.flags.map((f) => f.code).join(",")},`);
    expect(lead.flagCodes).toContain(",SCAR_REDUCED_RESPONSE,");
    expect(lead.flagCodes).toContain(",AGE_APPROPRIATE_HAIRLINE,");
    expect(lead).toMatchObject({
      sex: "male",
      age: 29,
      lossPattern: "norwood",
      norwoodStage: "3",
      ludwigStage: null,
      goal: "hairline_or_crown",
      priceMinUsd: json.result.price.minUsd,
      priceMaxUsd: json.result.price.maxUsd,
      priceBasis: json.result.price.basis,
      priceEstimate: json.result.price.estimate,
      priceTableVersion: 1,
      rulesVersion: json.result.rulesVersion,
      firstName: "Maria",
      lastName: "López",
      email: "maria.lopez@example.com",
      phone: "+17145550142",
      preferredContact: "sms",
      patientNotes: "Evenings are best.",
      locale: "es",
      consentContactAccepted: true,
      consentPrivacyAccepted: true,
      consentTextVersion: CONSENT_TEXT_VERSION,
      utmSource: "google",
      utmMedium: "cpc",
      utmCampaign: "smp-fall",
      referrer: "https://www.google.com/",
      idempotencyKey: body.idempotencyKey,
      relatedLeadId: null,
      status: "new",
    });
    expect(json.reference).toMatch(REFERENCE_PATTERN);
    expect(lead.reference).toBe(json.reference);
    expect(lead.searchText).toBe(`maria lopez maria.lopez@example.com +17145550142 ${json.reference?.toLowerCase()}`);
    expect(lead.consentAt.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(lead.consentAt.getTime()).toBeLessThanOrEqual(Date.now() + 5);
    expect(lead.events.map((e) => e.type)).toEqual(["created"]);
    expect(JSON.stringify(lead.events[0]?.data)).not.toContain("203.0.113"); // only a hash of the IP
    expect(lead.outbox).toHaveLength(1);
    expect(lead.outbox[0]).toMatchObject({ kind: "lead_created", channel: "webhook", attempts: 0, deliveredAt: null });
    // The outbox payload carries no contact details or answers.
    const payload = JSON.stringify(lead.outbox[0]?.payload);
    for (const secret of ["maria", "López", "714", "strip", "norwood"]) expect(payload.toLowerCase()).not.toContain(secret.toLowerCase());
  });

  it("prices with the ACTIVE table and records its version", async () => {
    const table = await publishPriceTable(
      t.db,
      { ...DEFAULT_PRICE_TABLE.rows, standard_nw6: { ...DEFAULT_PRICE_TABLE.rows.standard_nw6, minUsd: 6000, maxUsd: 6000 } },
      null,
      "test",
    );
    try {
      const res = await postLead(buildLeadBody());
      expect(res.status).toBe(201);
      const json = (await res.json()) as Created;
      expect(json.result.price).toMatchObject({ minUsd: 6000, maxUsd: 6000, tableVersion: table.version });
      const lead = await t.db.lead.findUniqueOrThrow({ where: { id: json.id } });
      expect(lead).toMatchObject({ priceTableVersion: table.version, priceMinUsd: 6000, priceMaxUsd: 6000 });
    } finally {
      await publishPriceTable(t.db, DEFAULT_PRICE_TABLE.rows, null, "restore");
    }
  });

  describe("invalid bodies: 400 (or 413) with field errors, nothing stored", () => {
    const cases: Array<[string, () => unknown, string]> = [
      ["contact consent not given", () => buildLeadBody({ consent: { contactAccepted: false as unknown as true } }), "consent.contactAccepted"],
      ["privacy not accepted", () => buildLeadBody({ consent: { privacyAccepted: false as unknown as true } }), "consent.privacyAccepted"],
      ["empty consent text version", () => buildLeadBody({ consent: { textVersion: " " } }), "consent.textVersion"],
      ["bad email", () => buildLeadBody({ contact: { email: "maria@" } }), "contact.email"],
      ["bad phone", () => buildLeadBody({ contact: { phone: "555-01" } }), "contact.phone"],
      ["missing first name", () => buildLeadBody({ contact: { firstName: "   " } }), "contact.firstName"],
      ["notes over 2000 characters", () => buildLeadBody({ contact: { notes: "x".repeat(2001) } }), "contact.notes"],
      ["under 18", () => buildLeadBody({ answers: { age: 17 } }), "answers.age"],
      ["norwood stage missing", () => buildLeadBody({ answers: { norwoodStage: undefined } }), "answers.norwoodStage"],
      ["idempotency key not a uuid", () => buildLeadBody({ idempotencyKey: "abc" }), "idempotencyKey"],
      ["unknown top-level field", () => ({ ...buildLeadBody(), extra: 1 }), "extra"],
      ["forged client result", () => ({ ...buildLeadBody(), result: { status: "eligible" } }), "result"],
      ["unknown contact field", () => { const b = buildLeadBody(); return { ...b, contact: { ...b.contact, ssn: "1" } }; }, "contact.ssn"],
      ["unknown answers field", () => { const b = buildLeadBody(); return { ...b, answers: { ...b.answers, price: 1 } }; }, "answers.price"],
      ["missing contact", () => { const { contact: _c, ...rest } = buildLeadBody(); return rest; }, "contact"],
      ["not an object", () => [1, 2], "_root"],
    ];

    it.each(cases)("%s", async (_name, body, field) => {
      const before = await counts(t);
      const res = await postLead(body());
      expect(res.status).toBe(400);
      const json = (await res.json()) as ErrorBody;
      expect(json.error.code).toBe("VALIDATION_FAILED");
      expect(json.error.fields?.[field]).toEqual(expect.any(String));
      expect(await counts(t)).toEqual(before);
    });

    it("says clearly why contact consent is needed and why under-18s are refused", async () => {
      const res = await postLead(buildLeadBody({ consent: { contactAccepted: false as unknown as true }, answers: { age: 16 } }));
      const json = (await res.json()) as ErrorBody;
      expect(json.error.fields?.["consent.contactAccepted"]).toBe(LEAD_MESSAGES.contactConsentRequired);
      expect(json.error.fields?.["answers.age"]).toMatch(/adults/);
    });

    it("answers in Spanish with Accept-Language: es, every field message translated", async () => {
      const res = await postLead(buildLeadBody({ consent: { contactAccepted: false as unknown as true }, answers: { age: 16 } }), {
        headers: { "accept-language": "es-MX,es;q=0.9" },
      });
      const json = (await res.json()) as ErrorBody;
      expect(res.status).toBe(400);
      expect(json.error.message).toBe("Algunas respuestas necesitan otra revisión.");
      expect(json.error.fields?.["consent.contactAccepted"]).toBe(LEAD_MESSAGES_ES.contactConsentRequired);
      expect(json.error.fields?.["answers.age"]).toMatch(/^La evaluación en línea es para adultos/);
    });

    it("malformed JSON: 400", async () => {
      const before = await counts(t);
      const res = await postLead(null, { raw: '{"answers": {' });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.code).toBe("MALFORMED_JSON");
      expect(await counts(t)).toEqual(before);
    });

    it("body over 32 KiB: 413", async () => {
      const before = await counts(t);
      const body = buildLeadBody({ contact: { notes: "x".repeat(40 * 1024) } });
      const res = await postLead(body);
      expect(res.status).toBe(413);
      expect(((await res.json()) as ErrorBody).error.code).toBe("PAYLOAD_TOO_LARGE");
      expect(await counts(t)).toEqual(before);
    });

    it("a form-encoded body (not JSON): 400", async () => {
      const before = await counts(t);
      const res = await postLead(null, { raw: "a=b", headers: { "content-type": "application/x-www-form-urlencoded" } });
      expect(res.status).toBe(400);
      expect(await counts(t)).toEqual(before);
    });
  });

  describe("idempotency", () => {
    it("the same key again returns the first lead (200) and stores nothing new", async () => {
      const body = buildLeadBody();
      const first = await postLead(body);
      expect(first.status).toBe(201);
      const firstJson = (await first.json()) as Created;
      const before = await counts(t);

      // Even with different answers the first lead wins: the key identifies the submission.
      const again = await postLead({ ...body, answers: { ...body.answers, age: 70 } });
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual(firstJson);
      expect(await counts(t)).toEqual(before);
    });

    it("20 concurrent submissions with one key store exactly one lead, event and outbox row", async () => {
      const body = buildLeadBody();
      const responses = await Promise.all(Array.from({ length: 20 }, () => postLead(body)));
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 200)).toHaveLength(19);
      const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as Created).id)));
      expect(ids.size).toBe(1);
      expect(await t.db.lead.count({ where: { idempotencyKey: body.idempotencyKey } })).toBe(1);
      const [id] = [...ids];
      expect(await t.db.leadEvent.count({ where: { leadId: id } })).toBe(1);
      expect(await t.db.outboxMessage.count({ where: { leadId: id } })).toBe(1);
    });
  });

  describe("reference", () => {
    it("a taken reference is drawn again: the lead gets the next one, nothing else changes", async () => {
      const first = await createLead(t.db, createLeadSchema.parse(buildLeadBody()), { ip: nextIp(), channels: [] });
      expect(first.reference).toMatch(REFERENCE_PATTERN);
      const draws = [first.reference as string, first.reference as string, "SMP-XYQ4-07"];
      const second = await createLead(t.db, createLeadSchema.parse(buildLeadBody()), {
        ip: nextIp(),
        channels: [],
        newReference: () => draws.shift() ?? "SMP-XYQ4-08",
      });
      expect(second).toMatchObject({ created: true, stored: true, reference: "SMP-XYQ4-07" });
      expect(draws).toEqual([]);
      expect(await t.db.lead.count({ where: { reference: first.reference } })).toBe(1);
      const stored = await t.db.lead.findUniqueOrThrow({ where: { id: second.id } });
      expect(stored.reference).toBe("SMP-XYQ4-07");
      expect(stored.searchText.endsWith(" smp-xyq4-07")).toBe(true);
      expect(await t.db.leadEvent.count({ where: { leadId: second.id } })).toBe(1);
    });

    it("the database refuses a duplicate reference (unique index)", async () => {
      const lead = await createLead(t.db, createLeadSchema.parse(buildLeadBody()), { ip: nextIp(), channels: [] });
      const other = await createLead(t.db, createLeadSchema.parse(buildLeadBody()), { ip: nextIp(), channels: [] });
      await expect(t.db.lead.update({ where: { id: other.id }, data: { reference: lead.reference } })).rejects.toThrow();
    });

    it("staff find the inquiry by its reference in the inbox search, in any case", async () => {
      const res = await postLead(buildLeadBody());
      const { id, reference } = (await res.json()) as Created;
      const page = await listLeads(t.db, leadListQuerySchema.parse({ q: reference?.toLowerCase() }), { clock: await replyClock(t.db) });
      expect(page.items.map((item) => item.id)).toEqual([id]);
    });

    it("an idempotent replay answers the first lead's reference", async () => {
      const body = buildLeadBody();
      const first = (await (await postLead(body)).json()) as Created;
      const again = (await (await postLead(body)).json()) as Created;
      expect(again.reference).toBe(first.reference);
    });
  });

  describe("repeat inquiries", () => {
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);

    async function earlierLead(email: string, phone: string, at: Date): Promise<string> {
      const input = createLeadSchema.parse(buildLeadBody({ contact: { email, phone } }));
      const outcome = await createLead(t.db, input, { ip: "local", now: at, channels: [] });
      return outcome.id;
    }

    it("links a repeat from the same email within 30 days to the most recent earlier lead", async () => {
      const email = `repeat-${randomUUID()}@example.com`;
      await earlierLead(email, "(949) 555-7001", daysAgo(20));
      const recent = await earlierLead(email, "(949) 555-7002", daysAgo(3));
      const res = await postLead(buildLeadBody({ contact: { email: email.toUpperCase(), phone: "(949) 555-7003" } }));
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as Created;
      const lead = await t.db.lead.findUniqueOrThrow({ where: { id } });
      expect(lead.relatedLeadId).toBe(recent);
      const outbox = await t.db.outboxMessage.findFirstOrThrow({ where: { leadId: id } });
      expect(outbox.payload).toMatchObject({ repeatInquiry: true });
    });

    it("links a repeat from the same phone (any formatting) within 30 days", async () => {
      const earlier = await earlierLead(`p1-${randomUUID()}@example.com`, "+1 949 555 7101", daysAgo(29));
      const res = await postLead(buildLeadBody({ contact: { email: `p2-${randomUUID()}@example.com`, phone: "949.555.7101" } }));
      const { id } = (await res.json()) as Created;
      expect((await t.db.lead.findUniqueOrThrow({ where: { id } })).relatedLeadId).toBe(earlier);
    });

    it("does not link after 30 days, but still stores the inquiry", async () => {
      const email = `old-${randomUUID()}@example.com`;
      await earlierLead(email, "(949) 555-7201", new Date(Date.now() - REPEAT_INQUIRY_WINDOW_MS - 60_000));
      const res = await postLead(buildLeadBody({ contact: { email, phone: "(949) 555-7201" } }));
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as Created;
      expect((await t.db.lead.findUniqueOrThrow({ where: { id } })).relatedLeadId).toBeNull();
      expect(await t.db.lead.count({ where: { email } })).toBe(2);
    });
  });

  it("honeypot filled: answers like a success but stores nothing", async () => {
    const before = await counts(t);
    const res = await postLead(buildLeadBody({ website: "http://cheap-pills.example" }));
    expect(res.status).toBe(201);
    const json = (await res.json()) as Created;
    expect(json.id).toMatch(/^c[0-9a-z]{24}$/);
    expect(candidacyResultSchema.safeParse(json.result).success).toBe(true);
    expect(await counts(t)).toEqual(before);
    expect(await t.db.lead.findUnique({ where: { id: json.id } })).toBeNull();
  });

  it("an empty honeypot is a normal submission", async () => {
    const res = await postLead(buildLeadBody({ website: "" }));
    expect(res.status).toBe(201);
  });

  it("rate limit: the 11th submission from one IP within a minute gets 429 with Retry-After", async () => {
    const ip = nextIp();
    for (let i = 0; i < 10; i++) expect((await postLead(buildLeadBody(), { ip })).status).toBe(201);
    const before = await counts(t);
    const res = await postLead(buildLeadBody(), { ip });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(((await res.json()) as ErrorBody).error.code).toBe("RATE_LIMITED");
    expect(await counts(t)).toEqual(before);
    // Another client is not affected.
    expect((await postLead(buildLeadBody())).status).toBe(201);
  });

  it("all or nothing: when the outbox write fails, no lead or event is stored (500, no internals)", async () => {
    // A trigger that makes every outbox insert fail, as a stand-in for any failure mid-transaction.
    if (t.provider === "sqlite") {
      await t.db.$executeRawUnsafe(
        `CREATE TRIGGER fail_outbox BEFORE INSERT ON "OutboxMessage" BEGIN SELECT RAISE(ABORT, 'outbox broken'); END`,
      );
    } else {
      await t.db.$executeRawUnsafe(
        `CREATE FUNCTION fail_outbox() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'outbox broken'; END $$ LANGUAGE plpgsql`,
      );
      await t.db.$executeRawUnsafe(
        `CREATE TRIGGER fail_outbox BEFORE INSERT ON "OutboxMessage" FOR EACH ROW EXECUTE FUNCTION fail_outbox()`,
      );
    }
    try {
      const before = await counts(t);
      const body = buildLeadBody();
      const res = await postLead(body);
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toMatch(/outbox broken|OutboxMessage|prisma/i);
      expect(await counts(t)).toEqual(before);
      expect(await t.db.lead.count({ where: { idempotencyKey: body.idempotencyKey } })).toBe(0);
    } finally {
      await t.db.$executeRawUnsafe(`DROP TRIGGER fail_outbox${t.provider === "postgresql" ? ` ON "OutboxMessage"` : ""}`);
      if (t.provider === "postgresql") await t.db.$executeRawUnsafe(`DROP FUNCTION fail_outbox()`);
    }
  });

  it("without a configured channel no outbox row is written", async () => {
    useDatabaseUrl(t.url, { LEAD_WEBHOOK_URL: undefined, LEAD_WEBHOOK_SECRET: undefined });
    try {
      const res = await postLead(buildLeadBody());
      const { id } = (await res.json()) as Created;
      expect(await t.db.outboxMessage.count({ where: { leadId: id } })).toBe(0);
      expect(await t.db.lead.count({ where: { id } })).toBe(1);
    } finally {
      useDatabaseUrl(t.url, WEBHOOK_ENV);
    }
  });

  it("the database unavailable mid-transaction: 503 with Retry-After, nothing half-stored", async () => {
    const before = await counts(t);
    const body = buildLeadBody();
    if (t.provider === "postgresql") {
      // Hold a lock the outbox insert needs, then kill the app's connection while it waits:
      // the lead row is already inserted in the open transaction at that moment.
      const locker = new pg.Client({ connectionString: t.url });
      await locker.connect();
      try {
        await locker.query("BEGIN");
        await locker.query(`LOCK TABLE "OutboxMessage" IN ACCESS EXCLUSIVE MODE`);
        const pending = postLead(body);
        let killed = 0;
        for (let i = 0; i < 200 && killed === 0; i++) {
          await new Promise((r) => setTimeout(r, 25));
          const r = await locker.query(
            `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
              WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
          );
          killed = r.rowCount ?? 0;
        }
        expect(killed).toBeGreaterThan(0);
        const res = await pending;
        expect(res.status).toBe(503);
        expect(res.headers.get("retry-after")).toBeTruthy();
        expect(((await res.json()) as ErrorBody).error.code).toBe("SERVICE_UNAVAILABLE");
      } finally {
        await locker.query("ROLLBACK").catch(() => undefined);
        await locker.end();
      }
    } else {
      // Another process holds SQLite's write lock longer than the busy timeout (5 s).
      const Database = (await import("better-sqlite3")).default;
      const file = t.url.replace(/^file:/, "");
      const other = new Database(file);
      try {
        other.exec("BEGIN EXCLUSIVE");
        const res = await postLead(body);
        expect(res.status).toBe(503);
        expect(res.headers.get("retry-after")).toBeTruthy();
        expect(((await res.json()) as ErrorBody).error.code).toBe("SERVICE_UNAVAILABLE");
      } finally {
        if (other.inTransaction) other.exec("ROLLBACK");
        other.close();
      }
    }
    expect(await counts(t)).toEqual(before);
    expect(await t.db.lead.count({ where: { idempotencyKey: body.idempotencyKey } })).toBe(0);
    // The same submission goes through once the database is back (the client retries with its key).
    const retry = await postLead(body);
    expect(retry.status).toBe(201);
  });
});

describe("POST /api/v1/leads with an unreachable database", () => {
  afterAll(async () => {
    await closeDb();
  });

  it("answers 503 with Retry-After (PostgreSQL server not listening)", async () => {
    useDatabaseUrl("postgresql://postgres@127.0.0.1:1/smp_unreachable");
    const res = await postLead(buildLeadBody());
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const json = (await res.json()) as ErrorBody;
    expect(json.error.code).toBe("SERVICE_UNAVAILABLE");
    expect(JSON.stringify(json)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|postgres/i);
  });
});
