// `npm run bench -- booking`: consultation bookings under load against the production build, on
// SQLite and on PostgreSQL (issue 20): BENCH_BOOKINGS patients (default 1,000), each with their own
// link (a real inquiry POSTed first, its token from access.url), book at once through
// POST /api/v1/my/<token>/consultation, each asking for a free time picked at random from the
// slots the clinic offered (GET /api/v1/booking/slots, 60 days: about 700 on the default calendar,
// so half the requests race for a time another got and are answered 409 SLOT_TAKEN with fresh
// slots, as a busy clinic's patients would be). Compared with the trivial route (POST
// /api/v1/health) on the same server in the same run.
//
// Goals: bookings answered per second >= 0.5 x the trivial route's (both 201 and 409 are answers;
// anything else counts as an error and is printed), and 0 overlaps: after the load, the database
// is read for two consultations of one calendar, not cancelled, whose blocked ranges overlap, and
// the stored consultations must equal the 201 answers. Asserts nothing.
//
// Env: BENCH_BOOKINGS (default 1000), BENCH_SECONDS (the trivial route's load, default 10),
// BENCH_CONNECTIONS (default 50), BENCH_PROVIDERS (default "sqlite,postgresql"), TEST_POSTGRES_URL.
import autocannon from "autocannon";
import Database from "better-sqlite3";
import pg from "pg";

import { serveBuild } from "../test/serve-build.mjs";
import { figure } from "./figures.mjs";
import { freshDatabase } from "./fresh-db.mjs";
import { patientLeadBody, patientPagePath } from "./patient-link.mjs";

const BOOKINGS = Number(process.env.BENCH_BOOKINGS) || 1000;
const SECONDS = Number(process.env.BENCH_SECONDS) || 10;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS) || 50;
const PROVIDERS = (process.env.BENCH_PROVIDERS ?? "sqlite,postgresql").split(",").map((s) => s.trim()).filter(Boolean);
const GOAL_THROUGHPUT = 0.5;

const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));
/** A distinct client address per request (the bench plays the proxy of many patients; TRUSTED_PROXIES=1). */
const clientAddress = (i) => `10.${(i >> 16) % 250}.${(i >> 8) % 250}.${(i % 250) + 1}`;

/** `n` patients' tokens: real inquiries POSTed to the server, 10 at a time. */
async function patientTokens(baseUrl, n) {
  const tokens = [];
  let next = 0;
  async function worker() {
    while (next < n) {
      const i = next++;
      const body = { ...patientLeadBody(), contact: { ...patientLeadBody().contact, email: `patient.${i}@bench.example.com` } };
      const response = await fetch(`${baseUrl}/api/v1/leads`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": clientAddress(1_000_000 + i) },
        body: JSON.stringify(body),
      });
      const answer = await response.json().catch(() => null);
      tokens.push(patientPagePath(response.status, answer, baseUrl).slice("/my/".length));
    }
  }
  await Promise.all(Array.from({ length: 10 }, worker));
  return tokens;
}

function load(opts) {
  const statuses = new Map();
  return new Promise((resolve, reject) => {
    const instance = autocannon({ connections: CONNECTIONS, timeout: 60, ...opts }, (err, result) => (err ? reject(err) : resolve({ result, statuses })));
    instance.on("response", (_client, statusCode) => statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1));
  });
}

const trivialOpts = (baseUrl, extra = {}) => ({
  url: `${baseUrl}/api/v1/health`,
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ ping: true }),
  duration: SECONDS,
  ...extra,
});

/** Every request a different patient (token), each asking for a random offered time; `answered` collects the tokens answered. */
function bookingOpts(baseUrl, tokens, starts, answered) {
  let i = 0;
  return {
    url: baseUrl,
    amount: tokens.length,
    requests: [
      {
        method: "POST",
        setupRequest: (req, context) => {
          const k = i++;
          const token = tokens[k % tokens.length];
          context.token = token;
          const start = starts[Math.floor(Math.random() * starts.length)];
          return {
            ...req,
            path: `/api/v1/my/${token}/consultation`,
            headers: { "content-type": "application/json", "x-forwarded-for": clientAddress(k) },
            body: JSON.stringify({ type: "in_person", start }),
          };
        },
        onResponse: (status, _body, context) => {
          answered.set(context.token, status);
        },
      },
    ],
  };
}

/**
 * The patients whose request got no answer before autocannon gave up (its timeout): the server may
 * still have booked them. Their page says so (stage consultation_booked: the booking moved the new
 * inquiry there). Returns how many were booked after all.
 */
async function bookedUnanswered(baseUrl, tokens, answered) {
  await new Promise((r) => setTimeout(r, 2000));
  let booked = 0;
  let k = 0;
  for (const token of tokens.filter((tk) => !answered.has(tk))) {
    const view = await fetch(`${baseUrl}/api/v1/my/${token}`, { headers: { "x-forwarded-for": clientAddress(2_000_000 + k++) } }).then((r) => r.json());
    if (view?.stage === "consultation_booked") booked++;
  }
  return booked;
}

/** Overlapping pairs (one calendar, neither cancelled, blocked ranges overlap) and the stored consultations. */
const OVERLAPS_SQL = `SELECT COUNT(*) AS n FROM "Consultation" a JOIN "Consultation" b
  ON a."calendarKey" = b."calendarKey" AND a."id" < b."id"
  AND a."blockedStart" < b."blockedEnd" AND b."blockedStart" < a."blockedEnd"
  WHERE a."status" <> 'cancelled' AND b."status" <> 'cancelled'`;
const STORED_SQL = `SELECT COUNT(*) AS n FROM "Consultation" WHERE "status" = 'booked'`;

async function readCounts(provider, url) {
  if (provider === "sqlite") {
    const db = new Database(url.replace(/^file:/, ""), { readonly: true, fileMustExist: true });
    try {
      return { overlaps: Number(db.prepare(OVERLAPS_SQL).get().n), stored: Number(db.prepare(STORED_SQL).get().n) };
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return { overlaps: Number((await client.query(OVERLAPS_SQL)).rows[0].n), stored: Number((await client.query(STORED_SQL)).rows[0].n) };
  } finally {
    await client.end();
  }
}

async function benchProvider(provider) {
  const database = await freshDatabase(provider, "smp-bench-booking-");
  let server;
  try {
    server = await serveBuild({
      databaseUrl: database.url,
      env: { LEADS_RATE_LIMIT_PER_MINUTE: "1000000000", OUTBOX_WORKER: "off", DATABASE_POOL_MAX: "10", TRUSTED_PROXIES: "1" },
    });
    const t0 = Date.now();
    const tokens = await patientTokens(server.baseUrl, BOOKINGS + 100);
    console.log(`${provider}: ${tokens.length} inquiries POSTed for their links in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const today = new Date().toISOString().slice(0, 10);
    const to = new Date(Date.now() + 61 * 86_400_000).toISOString().slice(0, 10);
    const offered = await fetch(`${server.baseUrl}/api/v1/booking/slots?type=in_person&from=${today}&to=${to}`).then((r) => r.json());
    const starts = (offered.slots ?? []).map((s) => s.start);
    if (starts.length === 0) throw new Error("the clinic offered no slots");

    // Warm-up: both routes (JIT, the query compiler, the pool), with tokens of their own.
    await load(trivialOpts(server.baseUrl, { duration: 2, connections: 10 }));
    const answered = new Map();
    const warm = await load({ ...bookingOpts(server.baseUrl, tokens.slice(0, 100), starts, answered), connections: 10 });
    const trivial = await load(trivialOpts(server.baseUrl));
    const booking = await load(bookingOpts(server.baseUrl, tokens.slice(100), starts, answered));
    const unansweredBooked = await bookedUnanswered(server.baseUrl, tokens, answered);
    const counts = await readCounts(provider, database.url);
    const created = (warm.statuses.get(201) ?? 0) + (booking.statuses.get(201) ?? 0);
    return { provider, slots: starts.length, trivial, booking, counts, created, unanswered: tokens.length - answered.size, unansweredBooked };
  } finally {
    server?.stop();
    await new Promise((r) => setTimeout(r, 500));
    await database.drop().catch((e) => console.error(`could not drop the bench database: ${e.message}`));
  }
}

function report({ provider, slots, trivial, booking, counts, created, unanswered, unansweredBooked }) {
  const t = trivial.result;
  const b = booking.result;
  const db = provider === "sqlite" ? "SQLite" : "PostgreSQL";
  const answered = (booking.statuses.get(201) ?? 0) + (booking.statuses.get(409) ?? 0);
  const others = [...booking.statuses].filter(([s]) => s !== 201 && s !== 409).map(([s, n]) => `${s}x${n}`).join(" ") || "none";
  // Requests answered 201 or 409 per second over the run (autocannon's duration is the run's wall time).
  const rate = answered / (b.duration || 1);
  const ratio = rate / t.requests.average;
  console.log(`\n== ${db}: ${CONNECTIONS} connections; ${slots} free times offered over 60 days`);
  console.log(`  trivial POST /api/v1/health        ${fmt(t.requests.average)} req/s   p50 ${fmt(t.latency.p50)} ms   p99 ${fmt(t.latency.p99)} ms   errors ${t.errors} non-2xx ${t.non2xx}`);
  console.log(
    `  POST /api/v1/my/<token>/consultation ${fmt(rate)} answered/s over ${fmt(b.duration, 1)} s   p50 ${fmt(b.latency.p50)} ms   p99 ${fmt(b.latency.p99)} ms   ` +
      `201 x${booking.statuses.get(201) ?? 0}, 409 x${booking.statuses.get(409) ?? 0}, other ${others}, errors ${b.errors} timeouts ${b.timeouts}`,
  );
  console.log(`  bookings/s vs trivial: ${fmt(ratio, 2)}x (goal >= ${GOAL_THROUGHPUT}x) ${ratio >= GOAL_THROUGHPUT ? "MET" : "NOT MET"}`);
  const expected = created + unansweredBooked;
  console.log(
    `  stored booked consultations ${counts.stored} == 201 answers ${created} + ${unansweredBooked} of the ${unanswered} requests unanswered at the client's timeout that the server booked after all: ` +
      `${counts.stored === expected ? "OK" : "MISMATCH"}; overlapping pairs stored: ${counts.overlaps}`,
  );
  figure({ name: `bookings answered (${db})`, value: rate, unit: "req/s", goal: `>= ${GOAL_THROUGHPUT}x`, baseline: t.requests.average, note: "201 booked or 409 SLOT_TAKEN; trivial route as baseline" });
  figure({ name: `booking p99 (${db})`, value: b.latency.p99, unit: "ms", baseline: t.latency.p99 });
  figure({ name: `overlapping consultations stored (${db})`, value: counts.overlaps, unit: "pairs", goal: "<= 0" });
  figure({ name: `booked rows minus 201 answers (${db})`, value: Math.abs(counts.stored - expected), unit: "rows", goal: "<= 0", note: "unanswered requests counted by the patient's page" });
  figure({ name: `booking answers other than 201 / 409 (${db})`, value: b.errors + b.timeouts + [...booking.statuses].filter(([s]) => s !== 201 && s !== 409).reduce((n, [, k]) => n + k, 0), unit: "requests", goal: "<= 0" });
}

for (const provider of PROVIDERS) {
  console.log(`\n-- ${provider}: fresh database, next start, inquiries, load...`);
  try {
    report(await benchProvider(provider));
  } catch (e) {
    console.error(`${provider}: bench failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
