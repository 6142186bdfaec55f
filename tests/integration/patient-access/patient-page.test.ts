/**
 * The patient's own page over HTTP (issue 19, docs/api-v1.md "The patient's own page"), on SQLite and
 * PostgreSQL, through the real route handlers: the link in the inquiry's answer (hash only, a new one
 * on replay), the view (the stored result, audited as the patient's), equal 404s for unknown,
 * malformed, expired and erased links (same body, same database work), erasure killing links,
 * "Download my data" matching the stored row, self-erasure (404 everywhere after, one audit row, a
 * confirmation e-mail to a real local SMTP server), and "Lost your link?" (202 for every address,
 * mail only to a known one, limited per address).
 */
import { createHash } from "node:crypto";

import { DELETE as deleteMine, GET as getMine } from "@/app/api/v1/my/[token]/route";
import { GET as getExport } from "@/app/api/v1/my/[token]/export/route";
import { POST as postLink } from "@/app/api/v1/my/link/route";
import { candidacyResultSchema, type CandidacyResult } from "@/lib/candidacy/result";
import { closeDb, type Db } from "@/lib/db/client";
import { PEER_ADDRESS_HEADER } from "@/lib/http/client-ip";
import { eraseLead } from "@/lib/leads/erase-lead";
import { createLeadResponseSchema } from "@/lib/leads/lead-responses";
import { closeRateLimitStore } from "@/lib/leads/rate-limit";
import type { NotificationConfig } from "@/lib/notifications/config";
import { closeEmailTransports } from "@/lib/notifications/email";
import { deliverDueMessages } from "@/lib/notifications/queue";
import { PATIENT_LINKS } from "@/lib/notifications/kinds/patient-links";
import { PATIENT_LINK_PER_ADDRESS_PER_HOUR } from "@/lib/leads/rate-limit";
import { PATIENT_ACCESS_MESSAGES, patientViewSchema } from "@/lib/patient-access/schemas";
import { PATIENT_ACCESS_MESSAGES_ES } from "@/lib/i18n/api-messages";
import { hashAccessToken, resolveAccessToken } from "@/lib/patient-access/tokens";
import { buildLeadBody, type LeadBodyOverrides } from "@/tests/support/lead-builders";
import { startSinks, type Sinks } from "@/tests/support/mail-sinks";
import { onlyPart, parseMime } from "@/tests/support/mime";
import { forEachProvider, type ProviderContext } from "@/tests/support/test-db";

import { nextIp, postLead, useDatabaseUrl } from "../leads/route-helpers";

const APP_URL = "https://clinic.example.com";
const BASE = "http://localhost:3000";
const TOKEN_URL = new RegExp(`^${APP_URL.replace(/[.]/g, "\\.")}/my/([0-9a-f]{40})$`);

let sinks: Sinks;
beforeAll(async () => {
  sinks = await startSinks();
});
afterAll(async () => {
  closeEmailTransports();
  await sinks.close();
  await closeRateLimitStore();
  await closeDb();
});
beforeEach(() => sinks.clear());

const ctx = (token: string) => ({ params: Promise.resolve({ token }) });

function myRequest(path: string, init: RequestInit & { ip?: string } = {}): Request {
  const headers = new Headers(init.headers);
  headers.set(PEER_ADDRESS_HEADER, init.ip ?? nextIp());
  if (init.body !== undefined) headers.set("content-type", "application/json");
  return new Request(`${BASE}${path}`, { ...init, headers });
}

const view = (token: string, query = "") => getMine(myRequest(`/api/v1/my/${token}${query}`), ctx(token));
const download = (token: string) => getExport(myRequest(`/api/v1/my/${token}/export`), ctx(token));
const erase = (token: string, body: unknown) => deleteMine(myRequest(`/api/v1/my/${token}`, { method: "DELETE", body: JSON.stringify(body) }), ctx(token));
const askForLink = (body: unknown, ip?: string) => postLink(myRequest("/api/v1/my/link", { method: "POST", body: JSON.stringify(body), ip }));

function tokenOf(url: string): string {
  const match = TOKEN_URL.exec(url);
  expect(match, url).not.toBeNull();
  return match![1]!;
}

async function submit(overrides: LeadBodyOverrides = {}) {
  const body = buildLeadBody(overrides);
  const response = await postLead(body);
  expect(response.status).toBe(201);
  const created = createLeadResponseSchema.parse(await response.json());
  return { body, created, token: tokenOf(created.access.url) };
}

function config(): NotificationConfig {
  return {
    appUrl: APP_URL,
    email: { smtpUrl: sinks.smtpUrl, from: "estimator@clinic.example.com", to: ["frontdesk@clinic.example.com"] },
    maxAttempts: 3,
    baseDelayMs: 60_000,
    maxDelayMs: 600_000,
    batchSize: 50,
    pollIntervalMs: 50,
  };
}

/** Delivers only the "Lost your link?" e-mails (everything else queued so far is settled unsent). */
async function deliverLinkEmails(db: Db) {
  await db.outboxMessage.updateMany({ where: { kind: { not: PATIENT_LINKS }, deliveredAt: null }, data: { deliveredAt: new Date() } });
  return deliverDueMessages(db, config());
}

/** The database operations a call makes (model.operation, in order), through a counting client. */
async function operationsOf(db: Db, fn: (db: Db) => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const counting = db.$extends({
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          seen.push(`${model}.${operation}`);
          return query(args);
        },
      },
    },
  }) as unknown as Db;
  await fn(counting);
  return seen;
}

forEachProvider("the patient's own page", (t: ProviderContext) => {
  beforeAll(() => {
    useDatabaseUrl(t.url, {
      APP_URL,
      SMTP_URL: sinks.smtpUrl,
      NOTIFY_EMAIL_FROM: "estimator@clinic.example.com",
      NOTIFY_EMAIL_TO: "frontdesk@clinic.example.com",
      LEAD_WEBHOOK_URL: undefined,
      LEAD_WEBHOOK_SECRET: undefined,
      LEADS_RATE_LIMIT_PER_MINUTE: "1000",
    });
  });

  it("the inquiry's answer carries a link whose token is stored only as its SHA-256; a replay answers the same link and stores nothing", async () => {
    const { body, created, token } = await submit();
    const rows = await t.db.patientAccessToken.findMany({ where: { leadId: created.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tokenHash: createHash("sha256").update(token).digest("hex"), issuedFor: "created" });
    // The token is nowhere in the database: not in the token row, not in the lead, not in the outbox or history.
    const everything = JSON.stringify([
      rows,
      await t.db.lead.findUnique({ where: { id: created.id } }),
      await t.db.outboxMessage.findMany({ where: { leadId: created.id } }),
      await t.db.leadEvent.findMany({ where: { leadId: created.id } }),
    ]);
    expect(everything).not.toContain(token);

    const replay = await postLead(body);
    expect(replay.status).toBe(200);
    const again = createLeadResponseSchema.parse(await replay.json());
    expect(again.id).toBe(created.id);
    expect(again.access.url).toBe(created.access.url);
    expect(await t.db.patientAccessToken.count({ where: { leadId: created.id } })).toBe(1);
    expect((await view(token)).status).toBe(200);

    // The row gone (the first answer's write failed after the inquiry was stored): a replay re-creates it.
    await t.db.patientAccessToken.deleteMany({ where: { leadId: created.id } });
    expect((await view(token)).status).toBe(404);
    const retried = createLeadResponseSchema.parse(await (await postLead(body)).json());
    expect(retried.access.url).toBe(created.access.url);
    expect(await t.db.patientAccessToken.count({ where: { leadId: created.id, tokenHash: hashAccessToken(token), issuedFor: "replay" } })).toBe(1);
    expect((await view(token)).status).toBe(200);
  });

  it("the view is the stored result (price pinned to its table version), private headers, each view audited as the patient's", async () => {
    const { body, created, token } = await submit({ locale: "es", contact: { firstName: "Lucía" } });
    const response = await view(token);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-robots-tag")).toContain("noindex");
    const data = patientViewSchema.parse(await response.json());
    const lead = await t.db.lead.findUniqueOrThrow({ where: { id: created.id } });
    expect(data).toMatchObject({ firstName: "Lucía", reference: created.reference, locale: "es", stage: "received", receivedAt: lead.createdAt.toISOString() });
    expect(data.result).toEqual(lead.result);
    expect(data.result).toEqual(created.result);
    expect(data.result.price.tableVersion).toBe(lead.priceTableVersion);
    expect(data.clinic.replyPromise).not.toBe("");
    expect(body.contact.email).not.toBe("");
    expect(JSON.stringify(data)).not.toContain(body.contact.email);

    // The other language: the same verdict, price and codes, the words by code.
    const english = patientViewSchema.parse(await (await view(token, "?locale=en")).json());
    const stored = lead.result as unknown as CandidacyResult;
    expect(english.result.status).toBe(stored.status);
    expect(english.result.price).toEqual(stored.price);
    expect(english.result.flags.map((f) => f.code)).toEqual(stored.flags.map((f) => f.code));
    expect(english.result.expectations.map((e) => e.code)).toEqual(stored.expectations.map((e) => e.code));
    expect(english.result.expectations[0]!.patientMessage).not.toBe(stored.expectations[0]!.patientMessage);
    candidacyResultSchema.parse(english.result);

    const audits = await t.db.leadEvent.findMany({ where: { leadId: created.id, type: "patient_viewed" } });
    expect(audits).toHaveLength(2);
    for (const audit of audits) expect(audit).toMatchObject({ actorId: null, data: { by: "patient" } });
  });

  it("unknown, malformed, expired and erased links get the same 404 (same body, same database work)", async () => {
    const expired = await submit();
    await t.db.patientAccessToken.updateMany({ where: { leadId: expired.created.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const erased = await submit();
    await eraseLead(t.db, null, erased.created.id);
    const unknown = "0".repeat(40);
    const cases = { unknown, malformed: "not-a-token", expired: expired.token, erased: erased.token };

    const bodies: string[] = [];
    for (const token of Object.values(cases)) {
      for (const call of [() => view(token), () => download(token), () => erase(token, { confirm: "ERASE" })]) {
        const response = await call();
        expect(response.status).toBe(404);
        expect(response.headers.get("cache-control")).toBe("no-store");
        bodies.push(await response.text());
      }
    }
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]!)).toEqual({ error: { code: "NOT_FOUND", message: PATIENT_ACCESS_MESSAGES.notFound } });
    // In Spanish too, the same for every case.
    const spanish = await Promise.all(Object.values(cases).map(async (token) => (await view(token, "?locale=es")).text()));
    expect(new Set(spanish).size).toBe(1);
    expect(JSON.parse(spanish[0]!)).toEqual({ error: { code: "NOT_FOUND", message: PATIENT_ACCESS_MESSAGES_ES.notFound } });

    const work = await Promise.all(Object.values(cases).map((token) => operationsOf(t.db, (db) => resolveAccessToken(db, token))));
    for (const ops of work) expect(ops).toEqual(work[0]);
    expect(work[0]).toEqual(["PatientAccessToken.findFirst"]);
    // The expired inquiry itself is still there: only its link expired.
    expect(await t.db.lead.count({ where: { id: expired.created.id } })).toBe(1);
  });

  it("erasure (the admin's or retention's) kills every link of the inquiry", async () => {
    const { created, token } = await submit();
    await t.db.patientAccessToken.create({ data: { leadId: created.id, tokenHash: hashAccessToken("another"), issuedFor: "link_email", expiresAt: new Date(Date.now() + 60_000) } });
    expect(await t.db.patientAccessToken.count({ where: { leadId: created.id } })).toBe(2);
    await eraseLead(t.db, null, created.id);
    expect(await t.db.patientAccessToken.count({ where: { leadId: created.id } })).toBe(0);
    expect((await view(token)).status).toBe(404);
  });

  it("Download my data matches the stored row and is audited as the patient's", async () => {
    const { created, token } = await submit({ contact: { notes: "Mornings are best." }, source: { utmSource: "newsletter", referrer: "https://example.org/" } });
    const response = await download(token);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="my-inquiry-[A-Z0-9-]+\.json"$/);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const data = (await response.json()) as { inquiry: Record<string, unknown>; links: unknown[]; history: { type: string }[] };
    const lead = await t.db.lead.findUniqueOrThrow({ where: { id: created.id } });
    expect(data.inquiry).toMatchObject({
      id: lead.id,
      reference: lead.reference,
      receivedAt: lead.createdAt.toISOString(),
      language: lead.locale,
      status: lead.status,
      contact: { firstName: lead.firstName, lastName: lead.lastName, email: lead.email, phone: lead.phone, preferredContact: lead.preferredContact },
      noteToClinic: "Mornings are best.",
      consent: { contactAccepted: lead.consentContactAccepted, privacyAccepted: lead.consentPrivacyAccepted, textVersion: lead.consentTextVersion, at: lead.consentAt.toISOString() },
      source: { utmSource: "newsletter", utmMedium: null, utmCampaign: null, referrer: "https://example.org/" },
      summary: { eligibility: lead.eligibility, price: { minUsd: lead.priceMinUsd, maxUsd: lead.priceMaxUsd, tableVersion: lead.priceTableVersion }, rulesVersion: lead.rulesVersion },
    });
    expect(data.inquiry.answers).toEqual(lead.answers);
    expect(data.inquiry.result).toEqual(lead.result);
    expect(data.links).toHaveLength(1);
    expect(JSON.stringify(data)).not.toContain(token);
    expect(JSON.stringify(data)).not.toContain(hashAccessToken(token));
    expect(await t.db.leadEvent.count({ where: { leadId: created.id, type: "patient_exported", actorId: null } })).toBe(1);
  });

  it("Erase my inquiry: typed confirmation, then 404 everywhere, one audit row by the patient, a confirmation e-mail", async () => {
    const { created, token, body } = await submit({ contact: { firstName: "Dana" } });
    const refused = await erase(token, { confirm: "erase" });
    expect(refused.status).toBe(400);
    expect(await t.db.lead.count({ where: { id: created.id } })).toBe(1);

    const done = await erase(token, { confirm: "ERASE" });
    expect(done.status).toBe(204);
    expect(await t.db.lead.count({ where: { id: created.id } })).toBe(0);
    expect(await t.db.patientAccessToken.count({ where: { leadId: created.id } })).toBe(0);
    expect(await t.db.outboxMessage.count({ where: { leadId: created.id } })).toBe(0);
    for (const response of [await view(token), await download(token), await erase(token, { confirm: "ERASE" })]) expect(response.status).toBe(404);

    const stubs = (await t.db.leadEvent.findMany({ where: { type: "erased" } })).filter((e) => (e.data as { leadId?: string }).leadId === created.id);
    expect(stubs).toHaveLength(1);
    expect(stubs[0]).toMatchObject({ actorId: null, leadId: null, data: { leadId: created.id, reason: "request", by: "patient" } });

    expect(sinks.mails).toHaveLength(1);
    expect(sinks.mails[0]!.to).toEqual([body.contact.email]);
    const text = onlyPart(parseMime(sinks.mails[0]!.raw), "text/plain").body;
    expect(text).toContain("Hello Dana,");
    expect(text).toContain(`erased your request ${created.reference}`);
    expect(text).not.toContain("/my/");
  });

  it("the confirmation e-mail (to a real SMTP server) carries a link of its own that opens the same result; the outbox never holds it", async () => {
    const { created, body } = await submit({ contact: { firstName: "Sam", preferredContact: "email" } });
    await t.db.outboxMessage.updateMany({ where: { NOT: { leadId: created.id, kind: "patient_confirmation" }, deliveredAt: null }, data: { deliveredAt: new Date() } });
    expect(await deliverDueMessages(t.db, config())).toMatchObject({ delivered: 1, gaveUp: 0 });
    expect(sinks.mails).toHaveLength(1);
    expect(sinks.mails[0]!.to).toEqual([body.contact.email]);
    const text = onlyPart(parseMime(sinks.mails[0]!.raw), "text/plain").body;
    const urls = [...text.matchAll(/https:\/\/clinic\.example\.com\/my\/[0-9a-f]{40}/g)].map((m) => m[0]);
    expect(urls).toHaveLength(1);
    expect(urls[0]).not.toBe(created.access.url);
    const mailed = tokenOf(urls[0]!);
    const opened = patientViewSchema.parse(await (await view(mailed)).json());
    expect(opened).toMatchObject({ firstName: "Sam", reference: created.reference });
    expect(opened.result).toEqual(created.result);
    const outbox = JSON.stringify(await t.db.outboxMessage.findMany({ where: { leadId: created.id } }));
    expect(outbox).not.toContain(mailed);
    expect(await t.db.patientAccessToken.count({ where: { leadId: created.id, issuedFor: "confirmation_email", tokenHash: hashAccessToken(mailed) } })).toBe(1);
  });

  it("Lost your link? answers every address alike and mails fresh, working links only to a known address", async () => {
    const first = await submit({ locale: "es" });
    const email = first.body.contact.email;
    const second = await submit({ contact: { email } });
    await deliverLinkEmails(t.db);
    sinks.clear();

    const known = await askForLink({ email: email.toUpperCase() });
    const unknown = await askForLink({ email: `nobody.${Date.now()}@example.net` });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.text()).toBe(await unknown.text());
    expect(known.headers.get("cache-control")).toBe("no-store");

    expect(await deliverLinkEmails(t.db)).toMatchObject({ delivered: 1, gaveUp: 0 });
    expect(sinks.mails).toHaveLength(1);
    expect(sinks.mails[0]!.to).toEqual([email]);
    const text = onlyPart(parseMime(sinks.mails[0]!.raw), "text/plain").body;
    // Newest inquiry's language (the second was sent in English); both inquiries, newest first.
    expect(text).toContain(`Request ${second.created.reference}`);
    expect(text).toContain(`Request ${first.created.reference}`);
    const urls = [...text.matchAll(/https:\/\/clinic\.example\.com\/my\/[0-9a-f]{40}/g)].map((m) => m[0]);
    expect(urls).toHaveLength(2);
    const opened = await Promise.all(urls.map(async (url) => patientViewSchema.parse(await (await view(tokenOf(url))).json()).reference));
    expect(opened.sort()).toEqual([first.created.reference, second.created.reference].sort());
  });

  it("Lost your link? is limited per address (still 202, nothing more sent) and per client (429)", async () => {
    const { body } = await submit();
    await deliverLinkEmails(t.db);
    for (let i = 0; i < PATIENT_LINK_PER_ADDRESS_PER_HOUR + 2; i++) {
      const response = await askForLink({ email: body.contact.email });
      expect(response.status).toBe(202);
      await deliverLinkEmails(t.db);
    }
    expect(sinks.mails.filter((m) => m.to.includes(body.contact.email))).toHaveLength(PATIENT_LINK_PER_ADDRESS_PER_HOUR);

    const ip = nextIp();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await askForLink({ email: `someone.${i}@example.net` }, ip)).status);
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
