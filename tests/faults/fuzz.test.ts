/**
 * fast-check fuzz of malformed, oversized and hostile bodies, query strings and ids against every
 * public and staff endpoint of the production server, on SQLite and PostgreSQL: never a 5xx, every
 * /api/v1 error in the contract's shape, and no row stored except for a request answered 201.
 */
import fc from "fast-check";

import { runSeed } from "@/prisma/seed";
import { createStaffUser } from "@/lib/staff/users";
import { buildAnswers } from "@/tests/support/candidacy-builders";
import { buildLeadBody } from "@/tests/support/lead-builders";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/tests/support/test-db";

import { type AppServer, startApp } from "./support/app-server";
import { isContractError, send } from "./support/http";

const RUNS = Number(process.env.FUZZ_RUNS) || 220;
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

const queryString = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom("q", "status", "eligibility", "flag", "page", "pageSize", "limit", "cursor", "from", "to", "sort", "due", "assignee", "locale", "format"), fc.string({ maxLength: 10 })),
      fc.oneof(hostileText, fc.integer().map(String), fc.constantFrom("-1", "1e9", "NaN", "true", "2026-13-45", "%ZZ")),
    ),
    { maxLength: 5 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&"));

const leadId = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("..", "%2e%2e", "c" + "0".repeat(24), "'; DROP TABLE \"Lead\"; --", "\u0000", "x".repeat(3000)));

// --- the suite ---------------------------------------------------------------------------------

for (const provider of PROVIDERS) {
  describe(`fuzz every endpoint [${provider}, production server]`, () => {
    let t: TestDatabase;
    let app: AppServer;
    let cookie = "";
    let realLeadId = "";
    let created = 0;
    let notesAdded = 0;

    async function rowCounts(): Promise<{ leads: number; notes: number; users: number }> {
      return { leads: await t.db.lead.count(), notes: await t.db.leadNote.count(), users: await t.db.user.count() };
    }

    /** Every answer: no 5xx; an /api/v1 error carries the contract's error body. */
    async function check(path: string, init: RequestInit, opts: { contract?: boolean } = {}): Promise<number> {
      const res = await send(`${app.baseUrl}${path}`, { ...init, timeoutMs: 15_000 });
      if (res.status === 0 || res.status >= 500) throw new Error(`${init.method ?? "GET"} ${path.slice(0, 200)} -> ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      if ((opts.contract ?? true) && res.status >= 400 && !isContractError(res.body)) {
        throw new Error(`${init.method ?? "GET"} ${path.slice(0, 200)} -> ${res.status} without the contract's error body: ${JSON.stringify(res.body).slice(0, 300)}`);
      }
      return res.status;
    }

    const post = (body: string, extra: Record<string, string> = {}): RequestInit => ({
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: app.baseUrl, ...extra },
      body,
    });

    beforeAll(async () => {
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
    });
    afterAll(async () => {
      await app?.stop();
      await t?.cleanup();
    });

    it("POST /api/v1/quote and /api/v1/health (public)", async () => {
      await fc.assert(
        fc.asyncProperty(bodyFor(() => buildAnswers(), QUOTE_PATHS), queryString, async (body, qs) => {
          await check(`/api/v1/quote?${qs}`, post(body));
          await check(`/api/v1/health`, post(body));
        }),
        { numRuns: RUNS },
      );
    });

    it("POST /api/v1/leads (public): no row without a 201", async () => {
      const before = await rowCounts();
      await fc.assert(
        fc.asyncProperty(bodyFor(() => buildLeadBody(), LEAD_PATHS), async (body) => {
          if ((await check(`/api/v1/leads`, post(body))) === 201) created++;
        }),
        { numRuns: RUNS * 2 },
      );
      const after = await rowCounts();
      expect(after.leads).toBe(before.leads + created);
      expect(after.users).toBe(before.users);
    });

    it("staff: GET /api/v1/leads?query, export.csv?query, GET/PATCH /api/v1/leads/{id}", async () => {
      const before = await rowCounts();
      await fc.assert(
        fc.asyncProperty(queryString, leadId, bodyFor(() => ({ status: "contacted", version: 1 }), PATCH_PATHS), fc.boolean(), async (qs, id, body, real) => {
          const headers = { cookie };
          await check(`/api/v1/leads?${qs}`, { headers });
          await check(`/api/v1/leads/export.csv?${qs}`, { headers });
          const target = real ? realLeadId : encodeURIComponent(id);
          await check(`/api/v1/leads/${target}`, { headers });
          const status = await check(`/api/v1/leads/${target}`, { ...post(body), method: "PATCH" });
          if (status === 200 && body.includes('"note"')) notesAdded++;
        }),
        { numRuns: RUNS },
      );
      const after = await rowCounts();
      expect(after.leads).toBe(before.leads);
      expect(after.notes).toBeLessThanOrEqual(before.notes + notesAdded);
    });

    it("sign-in and anonymous staff calls: never a 5xx", async () => {
      await fc.assert(
        fc.asyncProperty(bodyFor(() => ({ ...ADMIN, password: "wrong-password-fuzz" }), [["email"], ["password"], ["rememberMe"], ["callbackURL"]]), queryString, async (body, qs) => {
          await check(`/api/auth/sign-in/email`, post(body, { cookie: "", "x-forwarded-for": "203.0.113.1" }), { contract: false });
          await check(`/api/v1/leads?${qs}`, { headers: { cookie: `smp-staff.session_token=${encodeURIComponent(qs)}` } });
        }),
        { numRuns: Math.ceil(RUNS / 2) },
      );
    });
  });
}
