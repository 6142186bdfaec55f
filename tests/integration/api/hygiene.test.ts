/**
 * The error hygiene of the contract (docs/api-v1.md, "Additions", "Error hygiene"), in-process with
 * real Requests against real SQLite and PostgreSQL: it is implemented once in the route wrapper
 * (lib/http/route.ts), so these tests go through the app's own route files.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

import * as unknownPath from "@/app/api/v1/[[...path]]/route";
import { GET as getLead, PATCH as patchLead } from "@/app/api/v1/leads/[id]/route";
import { GET as listConsultations } from "@/app/api/v1/consultations/route";
import { GET as exportCsv } from "@/app/api/v1/leads/export.csv/route";
import { GET as listLeads, POST as postLead } from "@/app/api/v1/leads/route";
import { POST as postQuote } from "@/app/api/v1/quote/route";
import { closeDb } from "@/lib/db/client";
import { MAX_ERROR_BODY_BYTES, MAX_ERROR_FIELDS } from "@/lib/http/errors";
import { HTTP_METHODS } from "@/lib/http/route";
import { CONTROL_CHARACTER_MESSAGE, LINE_BREAK_MESSAGE } from "@/lib/validation/text";
import { buildAnswers } from "@/tests/support/candidacy-builders";
import { buildLeadBody } from "@/tests/support/lead-builders";
import { createSignedInStaff, type SignedInStaff } from "@/tests/support/staff-auth";
import { BASE_URL, ctx, staffRequest, storeLead } from "@/tests/support/staff-leads";
import { forEachProvider } from "@/tests/support/test-db";

interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

type Handler = (request: Request, context?: { params?: Promise<Record<string, string | string[] | undefined>> }) => Promise<Response>;

const API_DIR = path.resolve("app/api/v1");

/** Every route file under app/api/v1, as its URL pattern relative to /api/v1 ("leads/[id]"). */
function routeFiles(dir = API_DIR): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...routeFiles(full));
    else if (name === "route.ts") out.push(path.relative(API_DIR, dir));
  }
  return out.sort();
}

let ip = 0;
function publicPost(handler: Handler, url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  ip++;
  return handler(
    new Request(`${BASE_URL}${url}`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${ip % 250}`, ...headers }, body }),
  );
}

async function errorOf(response: Response): Promise<{ status: number; body: ErrorBody; text: string; bytes: number }> {
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as ErrorBody, text, bytes: Buffer.byteLength(text) };
}

function expectNoStore(response: Response): void {
  expect(response.headers.get("cache-control")).toBe("no-store");
}

forEachProvider("API error hygiene", (t) => {
  let admin: SignedInStaff;
  let leadId: string;

  beforeAll(async () => {
    process.env.DATABASE_URL = t.url;
    admin = await createSignedInStaff(t.db, "admin");
    leadId = await storeLead(t.db);
  });
  afterAll(async () => {
    await closeDb();
  });

  describe("JSON for every /api/v1 path and method", () => {
    it("an unknown path is a 404 with the error body, for every method, never cached", async () => {
      for (const method of [...HTTP_METHODS, "OPTIONS"] as const) {
        const handler = unknownPath[method] as Handler;
        const response = await handler(new Request(`${BASE_URL}/api/v1/no/such/thing`, { method }), ctx("x") as never);
        const { status, body } = await errorOf(response.clone());
        expect(status).toBe(404);
        expect(body.error.code).toBe("NOT_FOUND");
        expect(response.headers.get("content-type")).toContain("application/json");
        expectNoStore(response);
      }
    });

    it("a wrong method on every route file is a 405 with the error body and Allow", async () => {
      const files = routeFiles().filter((file) => file !== "[[...path]]");
      expect(files.length).toBeGreaterThanOrEqual(5);
      for (const file of files) {
        const mod = (await import(path.join(API_DIR, file, "route.ts"))) as Record<string, Handler>;
        const url = `${BASE_URL}/api/v1/${file.replace("[id]", leadId)}`;
        const options = await (mod.OPTIONS as Handler)(new Request(url, { method: "OPTIONS" }), ctx(leadId));
        expect(options.status, file).toBe(204);
        const allow = options.headers.get("allow") ?? "";
        const allowed = allow.split(", ");
        expect(allowed, file).toContain("OPTIONS");
        const wrong = HTTP_METHODS.filter((method) => !allowed.includes(method));
        expect(wrong.length, file).toBeGreaterThan(0);
        for (const method of wrong) {
          const response = await (mod[method] as Handler)(new Request(url, { method }), ctx(leadId));
          const { status, body } = await errorOf(response.clone());
          expect(status, `${method} ${file}`).toBe(405);
          expect(body.error.code).toBe("METHOD_NOT_ALLOWED");
          expect(response.headers.get("allow")).toBe(allow);
          expectNoStore(response);
        }
      }
    });
  });

  describe("?locale= on every route", () => {
    it("routes with a strict query schema take ?locale= (not an unknown key) and answer their errors in it", async () => {
      const list = await listLeads(staffRequest("/api/v1/leads?locale=es&status=new", admin.headers));
      expect(list.status).toBe(200);
      const csv = await exportCsv(staffRequest("/api/v1/leads/export.csv?locale=es", admin.headers));
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toContain("text/csv");
      await csv.body?.cancel();
      const agenda = await listConsultations(staffRequest("/api/v1/consultations?locale=es&from=2026-12-01&to=2026-12-07", admin.headers));
      expect(agenda.status).toBe(200);

      // The same bad filter, in English and in Spanish: the key is the one at fault, not locale.
      const en = await errorOf(await listLeads(staffRequest("/api/v1/leads?status=nonsense", admin.headers)));
      const es = await errorOf(await listLeads(staffRequest("/api/v1/leads?status=nonsense&locale=es", admin.headers)));
      expect([en.status, es.status]).toEqual([400, 400]);
      expect(Object.keys(es.body.error.fields ?? {})).toEqual(["status"]);
      expect(es.body.error.message).not.toBe(en.body.error.message);
    });

    it("a locale the API does not speak is a 400 that names locale, on routes with and without a query schema", async () => {
      for (const response of [
        await listLeads(staffRequest("/api/v1/leads?locale=fr", admin.headers)),
        await listConsultations(staffRequest("/api/v1/consultations?locale=fr&from=2026-12-01&to=2026-12-07", admin.headers)),
      ]) {
        const { status, body } = await errorOf(response.clone());
        expect(status).toBe(400);
        expect(body.error.code).toBe("VALIDATION_FAILED");
        expect(Object.keys(body.error.fields ?? {})).toEqual(["locale"]);
        expectNoStore(response);
      }
    });
  });

  describe("error.fields", () => {
    it("names unknown keys as given, __proto__ and constructor included, at the top and nested", async () => {
      const answers = JSON.stringify(buildAnswers()).slice(1, -1);
      const response = await publicPost(postQuote, "/api/v1/quote", `{${answers},"__proto__":{"x":1},"constructor":"c","prototype":1}`);
      const { status, body, text } = await errorOf(response.clone());
      expect(status).toBe(400);
      expect(text).toContain('"__proto__":');
      expect(Object.keys(body.error.fields ?? {})).toEqual(expect.arrayContaining(["__proto__", "constructor", "prototype"]));
      expectNoStore(response);

      const lead = JSON.stringify(buildLeadBody());
      const nested = lead.replace('"contact":{', '"contact":{"__proto__":"p","constructor":"c",');
      const { status: leadStatus, body: leadBody } = await errorOf(await publicPost(postLead, "/api/v1/leads", nested));
      expect(leadStatus).toBe(400);
      expect(Object.keys(leadBody.error.fields ?? {})).toEqual(expect.arrayContaining(["contact.__proto__", "contact.constructor"]));
    });

    it("a 32 KiB body of repeated bad items: at most 20 fields and 8 KiB", async () => {
      const item = '"bogus-scar-type",';
      const scars = item.repeat(Math.floor((32 * 1024 - 400) / item.length)).slice(0, -1);
      const body = JSON.stringify(buildAnswers()).replace(/"scars":\[[^\]]*\]/, `"scars":[${scars}]`);
      expect(Buffer.byteLength(body)).toBeGreaterThan(31 * 1024);
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(32 * 1024);
      const result = await errorOf(await publicPost(postQuote, "/api/v1/quote", body));
      expect(result.status).toBe(400);
      expect(Object.keys(result.body.error.fields ?? {}).length).toBe(MAX_ERROR_FIELDS);
      expect(result.body.error.fields?.["scars.0"]).toEqual(expect.any(String));
      expect(result.bytes).toBeLessThanOrEqual(MAX_ERROR_BODY_BYTES);
    });

    it("long and escaped unknown keys still fit in 8 KiB", async () => {
      const keys = Array.from({ length: 40 }, (_, i) => `"${"\\u0001".repeat(120)}${i}":1`).join(",");
      const body = `{${keys}}`;
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(32 * 1024);
      const result = await errorOf(await publicPost(postQuote, "/api/v1/quote", body));
      expect(result.status).toBe(400);
      expect(Object.keys(result.body.error.fields ?? {}).length).toBeGreaterThan(0);
      expect(Object.keys(result.body.error.fields ?? {}).length).toBeLessThanOrEqual(MAX_ERROR_FIELDS);
      expect(result.bytes).toBeLessThanOrEqual(MAX_ERROR_BODY_BYTES);
    });
  });

  describe("control characters: a 400 naming the field, never a 500", () => {
    it("U+0000 in a patient's text fields, nothing stored", async () => {
      const before = await t.db.lead.count();
      for (const [field, patch] of [
        ["contact.firstName", { contact: { firstName: "Ana\u0000" } }],
        ["contact.notes", { contact: { notes: "call after 5\u0000pm" } }],
        ["source.utmSource", { source: { utmSource: "news\u0000letter" } }],
        ["consent.textVersion", { consent: { textVersion: "v\u0000" } }],
      ] as const) {
        const base = buildLeadBody();
        const merged = { ...base, ...Object.fromEntries(Object.entries(patch).map(([key, value]) => [key, { ...(base as unknown as Record<string, object>)[key], ...value }])) };
        const response = await publicPost(postLead, "/api/v1/leads", JSON.stringify(merged));
        const { status, body } = await errorOf(response.clone());
        expect(status, field).toBe(400);
        expect(body.error.code).toBe("VALIDATION_FAILED");
        expect(body.error.fields?.[field], field).toBe(CONTROL_CHARACTER_MESSAGE);
        expectNoStore(response);
      }
      expect(await t.db.lead.count()).toBe(before);
    });

    it("other C0 characters too; tab, CR and LF only where text may span lines", async () => {
      const base = buildLeadBody();
      const bell = await errorOf(await publicPost(postLead, "/api/v1/leads", JSON.stringify({ ...base, contact: { ...base.contact, lastName: "Lopez\u0007" } })));
      expect(bell.body.error.fields?.["contact.lastName"]).toBe(CONTROL_CHARACTER_MESSAGE);
      const newline = await errorOf(await publicPost(postLead, "/api/v1/leads", JSON.stringify({ ...base, contact: { ...base.contact, lastName: "Lopez\nDrop" } })));
      expect(newline.status).toBe(400);
      expect(newline.body.error.fields?.["contact.lastName"]).toBe(LINE_BREAK_MESSAGE);
      const notes = "Best time:\r\n\tafter 5pm\nthanks";
      const ok = await publicPost(postLead, "/api/v1/leads", JSON.stringify({ ...base, contact: { ...base.contact, notes } }));
      expect(ok.status).toBe(201);
      const { id } = (await ok.json()) as { id: string };
      expect((await t.db.lead.findUniqueOrThrow({ where: { id } })).patientNotes).toBe(notes);
    });

    it("in query strings (q=), path segments and staff bodies", async () => {
      const list = await listLeads(staffRequest("/api/v1/leads?q=ana%00lopez", admin.headers));
      const listed = await errorOf(list.clone());
      expect(listed.status).toBe(400);
      expect(listed.body.error.fields?.q).toBe(CONTROL_CHARACTER_MESSAGE);
      expectNoStore(list);
      const tabbed = await errorOf(await listLeads(staffRequest("/api/v1/leads?q=ana%09lopez", admin.headers)));
      expect(tabbed.body.error.fields?.q).toBe(LINE_BREAK_MESSAGE);

      const byId = await errorOf(await getLead(staffRequest("/api/v1/leads/x%00", admin.headers), ctx("x\u0000")));
      expect(byId.status).toBe(400);
      expect(byId.body.error.fields?.id).toBe(CONTROL_CHARACTER_MESSAGE);

      const note = await errorOf(
        await patchLead(staffRequest(`/api/v1/leads/${leadId}`, admin.headers, { method: "PATCH", body: JSON.stringify({ note: "called\u0000" }) }), ctx(leadId)),
      );
      expect(note.status).toBe(400);
      expect(note.body.error.fields?.note).toBe(CONTROL_CHARACTER_MESSAGE);
      expect(await t.db.leadNote.count({ where: { leadId } })).toBe(0);
    });
  });

  describe("foreign Origin on state-changing staff requests", () => {
    const patch = (origin: string | null, note: string) => {
      const headers = new Headers(admin.headers);
      if (origin !== null) headers.set("origin", origin);
      return patchLead(staffRequest(`/api/v1/leads/${leadId}`, headers, { method: "PATCH", body: JSON.stringify({ note }) }), ctx(leadId));
    };

    it("is a 403 that changes nothing; the app's own origin and no Origin are accepted", async () => {
      const before = await t.db.leadNote.count({ where: { leadId } });
      for (const origin of ["https://evil.example", "null", "http://localhost:3000.evil.example"]) {
        const response = await patch(origin, "from elsewhere");
        const { status, body } = await errorOf(response.clone());
        expect(status, origin).toBe(403);
        expect(body.error.code).toBe("FORBIDDEN");
        expectNoStore(response);
      }
      expect(await t.db.leadNote.count({ where: { leadId } })).toBe(before);
      expect((await patch(BASE_URL, "same site")).status).toBe(200);
      expect((await patch(null, "no origin (a script)")).status).toBe(200);
      expect(await t.db.leadNote.count({ where: { leadId } })).toBe(before + 2);
    });

    it("reading is not state-changing, and the public inquiry form may be posted from the clinic's website", async () => {
      const headers = new Headers(admin.headers);
      headers.set("origin", "https://clinic-website.example");
      const read = await getLead(staffRequest(`/api/v1/leads/${leadId}`, headers), ctx(leadId));
      expect(read.status).toBe(200);
      expectNoStore(read);
      const inquiry = await publicPost(postLead, "/api/v1/leads", JSON.stringify(buildLeadBody()), { origin: "https://clinic-website.example" });
      expect(inquiry.status).toBe(201);
      expectNoStore(inquiry);
    });
  });

  it("responses with patient or staff data are never cached", async () => {
    const list = await listLeads(staffRequest("/api/v1/leads", admin.headers));
    expect(list.status).toBe(200);
    expectNoStore(list);
    const quote = await publicPost(postQuote, "/api/v1/quote", JSON.stringify(buildAnswers()));
    expect(quote.status).toBe(200);
    expectNoStore(quote);
  });
});
