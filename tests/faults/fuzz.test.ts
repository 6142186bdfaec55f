/**
 * fast-check fuzz of malformed, oversized and hostile bodies, query strings and ids against every
 * public and staff endpoint of the production server, on SQLite and PostgreSQL: never a 5xx, every
 * /api/v1 error in the contract's shape, and no row stored except for a request answered 201.
 */
import fc from "fast-check";
import type { ExpectStatic } from "vitest";

import { runSeed } from "@/prisma/seed";
import { createStaffUser } from "@/lib/staff/users";
import { buildAnswers } from "@/tests/support/candidacy-builders";
import { buildLeadBody } from "@/tests/support/lead-builders";
import type { DbProvider } from "@/lib/db/provider";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/tests/support/test-db";

import { type AppServer, startApp } from "./support/app-server";
import { type Answer, isContractError, send } from "./support/http";

/**
 * Runs per database (FUZZ_RUNS to change): quote/health RUNS runs of 2 requests, leads 3 x RUNS
 * runs, staff RUNS / 2 runs of 4 (each staff request costs about ten times a public one), sign-in
 * RUNS / 2 runs of 2: 8 x RUNS requests a database, 2,400 hostile inputs in all at 150.
 */
const RUNS = Number(process.env.FUZZ_RUNS) || 150;
/** A fixed seed: the same inputs on every run (FUZZ_SEED to explore others); a failure prints its counterexample. */
const SEED = Number(process.env.FUZZ_SEED) || 20261201;
const ADMIN = { email: "admin@fuzz.test", password: "fuzz-tests-password-0123" };

// --- generators -------------------------------------------------------------------------------

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\u0007\u001b[31m",
    "<script>alert(1)</script>",
    "\"'><img src=x onerror=alert(1)>",
    "' OR 1=1 --",
    "%00",
    "%",
    "_",
    "\\",
    "\uD800",
    "../../etc/passwd",
    "${jndi:ldap://127.0.0.1/x}",
    "__proto__",
    "constructor",
    "😀".repeat(50),
    "ß".repeat(3000),
  ),
  fc.integer({ min: 300, max: 9000 }).map((n) => "x".repeat(n)),
);
const hostileKey = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "prototype", "toString", "", "a.b", "0"));
const { value: hostileValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    hostileText,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie("value"), { maxKeys: 4 }),
  ),
}));

/** Sets `value` at a dotted path of a copy of `base` (a field replaced, or a new unknown one). */
function mutate(base: unknown, pathParts: string[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const part of pathParts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== "object" || next === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  const last = pathParts[pathParts.length - 1]!;
  Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

const LEAD_PATHS = [
  "answers", "answers.sex", "answers.age", "answers.lossPattern", "answers.norwoodStage", "answers.scars", "answers.goal",
  "answers.healthScreen", "contact", "contact.email", "contact.phone", "contact.firstName", "contact.notes",
  "consent.contactAccepted", "consent.textVersion", "idempotencyKey", "locale", "source.referrer", "website", "extra",
].map((p) => p.split("."));
const QUOTE_PATHS = ["sex", "age", "lossPattern", "norwoodStage", "ludwigStage", "scars", "skinConditions", "goal", "chemotherapy", "dermatologyClearance", "healthScreen", "unknown"].map((p) => [p]);
const PATCH_PATHS = ["status", "closedReason", "assigneeId", "note", "version", "followUpAt", "unknown"].map((p) => [p]);

function bodyFor(valid: () => unknown, paths: string[][]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...paths), hostileValue).map(([p, v]) => JSON.stringify(mutate(valid(), p, v))) },
    { weight: 2, arbitrary: hostileValue.map((v) => JSON.stringify(v) ?? "null") },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "",
        "{",
        "[]",
        "null",
        "1e999",
        '{"__proto__":{"polluted":true}}',
        '{"constructor":{"prototype":{"polluted":true}}}',
        "[".repeat(5000),
        `{"a":"${"x".repeat(40 * 1024)}"}`,
        JSON.stringify(valid()).slice(0, -3),
      ),
    },
  );
}

/**
 * Percent-encoding that never throws: a lone surrogate (binary strings have them) cannot be UTF-8,
 * so it is sent as the bytes a careless client would send for it (ED A0 80 for U+D800).
 */
function encodeQuery(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join("");
    } else {
      out += encodeURIComponent(char);
    }
  }
  return out;
}

const queryString = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom("q", "status", "eligibility", "flag", "page", "pageSize", "limit", "cursor", "from", "to", "sort", "due", "assignee", "locale", "format"), fc.string({ maxLength: 10 })),
      fc.oneof(hostileText, fc.integer().map(String), fc.constantFrom("-1", "1e9", "NaN", "true", "2026-13-45", "%ZZ")),
    ),
    { maxLength: 5 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${encodeQuery(k)}=${encodeQuery(v)}`).join("&"));

const leadId = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("..", "%2e%2e", "c" + "0".repeat(24), "'; DROP TABLE \"Lead\"; --", "\u0000", "x".repeat(3000)));

/** The body as the server reads it fills the honeypot field (a non-blank `website`). */
function filledHoneypot(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { website?: unknown } | null;
    return typeof parsed === "object" && parsed !== null && typeof parsed.website === "string" && parsed.website.trim() !== "";
  } catch {
    return false;
  }
}

// --- the suite ---------------------------------------------------------------------------------

type Expect = ExpectStatic;
const PROPERTIES = ["quote and health", "leads", "staff", "sign-in"] as const;

/** One database and its production server, with the properties to run against it. */
function fuzzTarget(provider: DbProvider) {
  let t: TestDatabase;
  let app: AppServer;
  let cookie = "";
  let realLeadId = "";
  let notesAdded = 0;

  async function rowCounts(): Promise<{ leads: number; notes: number; users: number }> {
    return { leads: await t.db.lead.count(), notes: await t.db.leadNote.count(), users: await t.db.user.count() };
  }

  /** Every answer: no 5xx; an /api/v1 error carries the contract's error body. */
  async function answer(path: string, init: RequestInit, opts: { contract?: boolean } = {}): Promise<Answer> {
    const res = await send(`${app.baseUrl}${path}`, { ...init, timeoutMs: 15_000 });
    if (res.status === 0 || res.status >= 500) throw new Error(`${init.method ?? "GET"} ${path.slice(0, 200)} -> ${res.status} ${res.error ?? JSON.stringify(res.body).slice(0, 300)} after ${Math.round(res.ms)} ms`);
    if ((opts.contract ?? true) && res.status >= 400 && !isContractError(res.body)) {
      throw new Error(`${init.method ?? "GET"} ${path.slice(0, 200)} -> ${res.status} without the contract's error body: ${JSON.stringify(res.body).slice(0, 300)}`);
    }
    return res;
  }
  const check = async (path: string, init: RequestInit, opts: { contract?: boolean } = {}): Promise<number> => (await answer(path, init, opts)).status;

  const post = (body: string, extra: Record<string, string> = {}): RequestInit => ({
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: app.baseUrl, ...extra },
    body,
  });

  async function setup(): Promise<void> {
    t = await createTestDatabase(provider);
    await runSeed(t.db);
    await createStaffUser(t.db, { ...ADMIN, role: "admin" });
    app = await startApp({ databaseUrl: t.url });
    const signIn = await fetch(`${app.baseUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: app.baseUrl },
      body: JSON.stringify(ADMIN),
    });
    expect(signIn.status).toBe(200);
    cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const lead = await fetch(`${app.baseUrl}/api/v1/leads`, post(JSON.stringify(buildLeadBody())));
    expect(lead.status).toBe(201);
    realLeadId = ((await lead.json()) as { id: string }).id;
  }
  async function teardown(): Promise<void> {
    await app?.stop();
    await t?.cleanup();
  }

  /** POST /api/v1/quote and /api/v1/health (public). */
  async function quoteAndHealth(): Promise<void> {
    await fc.assert(
      fc.asyncProperty(bodyFor(() => buildAnswers(), QUOTE_PATHS), queryString, async (body, qs) => {
        await check(`/api/v1/quote?${qs}`, post(body));
        await check(`/api/v1/health`, post(body));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }

  /** POST /api/v1/leads (public): no row without a 201, every 201 stored (but a filled honeypot). */
  async function leads(expect: Expect): Promise<void> {
    const before = await rowCounts();
    const idsBefore = new Set((await t.db.lead.findMany({ select: { id: true } })).map((l) => l.id));
    const stored201: string[] = [];
    const honeypot201: string[] = [];
    await fc.assert(
      fc.asyncProperty(bodyFor(() => buildLeadBody(), LEAD_PATHS), async (body) => {
        const res = await answer(`/api/v1/leads`, post(body));
        if (res.status !== 201) return;
        // A filled honeypot answers like a success and stores nothing (decision 006).
        const id = (res.body as { id: string }).id;
        if (filledHoneypot(body)) honeypot201.push(id);
        else stored201.push(id);
      }),
      { numRuns: RUNS * 3, seed: SEED },
    );
    const after = await rowCounts();
    const newIds = (await t.db.lead.findMany({ select: { id: true } })).map((l) => l.id).filter((id) => !idsBefore.has(id));
    expect(newIds.sort()).toEqual([...stored201].sort());
    for (const id of honeypot201) expect(newIds).not.toContain(id);
    expect(after.leads).toBe(before.leads + stored201.length);
    expect(after.users).toBe(before.users);
  }

  /** Staff: GET /api/v1/leads?query, export.csv?query, GET/PATCH /api/v1/leads/{id}. */
  async function staff(expect: Expect): Promise<void> {
    const before = await rowCounts();
    await fc.assert(
      fc.asyncProperty(queryString, leadId, bodyFor(() => ({ status: "contacted", version: 1 }), PATCH_PATHS), fc.boolean(), async (qs, id, body, real) => {
        const headers = { cookie };
        await check(`/api/v1/leads?${qs}`, { headers });
        await check(`/api/v1/leads/export.csv?${qs}`, { headers });
        const target = real ? realLeadId : encodeQuery(id);
        await check(`/api/v1/leads/${target}`, { headers });
        const status = await check(`/api/v1/leads/${target}`, { ...post(body), method: "PATCH" });
        if (status === 200 && body.includes('"note"')) notesAdded++;
      }),
      { numRuns: Math.ceil(RUNS / 2), seed: SEED },
    );
    const after = await rowCounts();
    expect(after.leads).toBe(before.leads);
    expect(after.notes).toBeLessThanOrEqual(before.notes + notesAdded);
  }

  /** Sign-in and anonymous staff calls: never a 5xx. */
  async function signIn(): Promise<void> {
    await fc.assert(
      fc.asyncProperty(bodyFor(() => ({ ...ADMIN, password: "wrong-password-fuzz" }), [["email"], ["password"], ["rememberMe"], ["callbackURL"]]), queryString, async (body, qs) => {
        await check(`/api/auth/sign-in/email`, post(body, { cookie: "", "x-forwarded-for": "203.0.113.1" }), { contract: false });
        await check(`/api/v1/leads?${qs}`, { headers: { cookie: `smp-staff.session_token=${encodeURIComponent(qs)}` } });
      }),
      { numRuns: Math.ceil(RUNS / 2), seed: SEED },
    );
  }

  const properties: Record<(typeof PROPERTIES)[number], (expect: Expect) => Promise<void>> = {
    "quote and health": quoteAndHealth,
    leads,
    staff,
    "sign-in": signIn,
  };
  return { provider, setup, teardown, properties };
}

const targets = PROVIDERS.map(fuzzTarget);
beforeAll(() => Promise.all(targets.map((target) => target.setup())));
afterAll(() => Promise.all(targets.map((target) => target.teardown())));

// The two databases side by side (one server each); each database's properties one after another
// (the row counts of one must not see another's writes): one suite per property, run in turn.
describe("fuzz every endpoint [production server]", () => {
  for (const name of PROPERTIES) {
    describe(name, () => {
      for (const target of targets) {
        it.concurrent(`${name} [${target.provider}]`, ({ expect }) => target.properties[name](expect));
      }
    });
  }
});
