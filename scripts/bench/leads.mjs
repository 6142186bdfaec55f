// `npm run bench:leads`: throughput and tail latency of POST /api/v1/leads against the production
// build, on SQLite and on PostgreSQL, compared with a trivial JSON POST (POST /api/v1/health) served
// by the same server. Prints figures and the goals; asserts nothing (exit 0 unless the bench itself
// breaks). Loopback only; about 2 x (2 x 20 s + start-up).
//
// Goals: submissions/s >= 0.6 x trivial req/s, p99 <= 1.5 x trivial p99; rows stored == 201 responses.
//
// Server CPU per request (utime + stime of the server's process group from /proc, Linux) is printed
// beside the rates: on a shared machine it moves far less than req/s, and once the server is CPU-bound
// the throughput ratio is at most trivial CPU / lead CPU.
// BENCH_CPU_PROFILE=<dir>: CPU profiles of the server during the lead phase only, written to <dir>
// (scripts/bench/cpu-profile-preload.mjs; summarise with scripts/bench/cpu-profile-summary.mjs).
//
// Env: TEST_POSTGRES_URL (server for a fresh database; default postgresql://postgres@127.0.0.1:5432/postgres),
// NEXT_DIST_DIR (build folder, default .next), BENCH_SECONDS (default 20), BENCH_CONNECTIONS (default 50), BENCH_PROVIDERS (default "sqlite,postgresql").
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

import autocannon from "autocannon";
import Database from "better-sqlite3";
import pg from "pg";

import { serveBuild } from "../test/serve-build.mjs";
import { figure } from "./figures.mjs";
import { freshDatabase } from "./fresh-db.mjs";

const SECONDS = Number(process.env.BENCH_SECONDS) || 20;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS) || 50;
const PROVIDERS = (process.env.BENCH_PROVIDERS ?? "sqlite,postgresql").split(",").map((s) => s.trim()).filter(Boolean);
const GOAL_THROUGHPUT = 0.6;
const GOAL_P99 = 1.5;

// The build (NEXT_DIST_DIR, default .next; next.config.js and serve-build.mjs use the same folder)
// must contain the routes we measure; an older build without them is rebuilt.
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";
if (existsSync(`${DIST_DIR}/BUILD_ID`) && !existsSync(`${DIST_DIR}/server/app/api/v1/leads/route.js`)) {
  console.log(`The production build in ${DIST_DIR} has no /api/v1/leads route: rebuilding (\`next build\`).`);
  const r = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) process.exit(1);
}

// --- realistic bodies ---------------------------------------------------------------------------

const ANSWER_TEMPLATES = [
  { sex: "male", age: 41, lossPattern: "norwood", norwoodStage: "6", goal: "full_shaved_look", scars: [], skinConditions: [], dermatologyClearance: false, chemotherapy: "none" },
  { sex: "male", age: 27, lossPattern: "norwood", norwoodStage: "3", goal: "hairline_or_crown", scars: [], skinConditions: [], dermatologyClearance: false, chemotherapy: "none" },
  { sex: "male", age: 52, lossPattern: "norwood", norwoodStage: "5A", goal: "full_shaved_look", scars: ["strip"], skinConditions: ["psoriasis"], dermatologyClearance: false, chemotherapy: "none", healthScreen: ["bleeding_disorder_or_anticoagulants"] },
  { sex: "female", age: 46, lossPattern: "diffuse_thinning", ludwigStage: "II", goal: "add_density", scars: [], skinConditions: [], dermatologyClearance: false, chemotherapy: "completed" },
  { sex: "male", age: 35, lossPattern: "none", goal: "scar_camouflage_only", scars: ["fue", "surgical_or_trauma"], skinConditions: [], dermatologyClearance: false, chemotherapy: "none" },
  { sex: "other", age: 30, lossPattern: "alopecia_areata", goal: "full_shaved_look", scars: [], skinConditions: ["dry_red_or_peeling"], dermatologyClearance: false, chemotherapy: "none" },
];
const FIRST = ["Maria", "James", "Luis", "Minh", "Sarah", "David", "Ana", "Kevin"];
const LAST = ["Garcia", "Nguyen", "Smith", "Lopez", "Tran", "Kim", "Martinez", "Johnson"];

let bodyCounter = 0;
function leadBody(idempotencyKey) {
  const i = bodyCounter++;
  const first = FIRST[i % FIRST.length];
  const last = LAST[(i * 7) % LAST.length];
  return JSON.stringify({
    answers: ANSWER_TEMPLATES[i % ANSWER_TEMPLATES.length],
    contact: {
      firstName: first,
      lastName: last,
      email: `${first}.${last}.${i}@Example.com`,
      phone: `(714) 555-01${String(i % 100).padStart(2, "0")}`,
      preferredContact: i % 3 === 0 ? "email" : "phone",
      ...(i % 4 === 0 ? { notes: "Please call after 5pm; I would like to know about financing and the touch-up session." } : {}),
    },
    consent: { contactAccepted: true, privacyAccepted: true, textVersion: "consent-2026-11" },
    source: { utmSource: "google", utmMedium: "cpc", utmCampaign: "smp-oc-search", referrer: "https://www.google.com/" },
    idempotencyKey,
    locale: i % 4 === 0 ? "es" : "en",
  });
}

// --- load -----------------------------------------------------------------------------------------

function run(name, opts, tracker = null) {
  const statuses = new Map();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { connections: CONNECTIONS, duration: SECONDS, timeout: 30, ...(typeof opts === "function" ? opts(tracker) : opts) },
      (err, result) => (err ? reject(err) : resolve({ name, result, statuses })),
    );
    instance.on("response", (_client, statusCode) => statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1));
  });
}

/**
 * Tracks each submission by its idempotency key: sent, answered 201, answered otherwise. autocannon
 * stops at the deadline with up to `connections` requests in flight; the server still completes
 * them, so their keys are re-sent afterwards (idempotent: 200 = it was stored, 201 = it was not
 * and is now) to account for every stored row exactly.
 */
function newTracker() {
  return { bodies: new Map(), created: new Set(), other: new Set() };
}

const trivialOpts = (baseUrl) => ({
  url: `${baseUrl}/api/v1/health`,
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ ping: true }),
});

const leadOpts = (baseUrl) => (tracker) => ({
  url: baseUrl,
  requests: [
    {
      method: "POST",
      path: "/api/v1/leads",
      headers: { "content-type": "application/json" },
      setupRequest: (req, context) => {
        const key = randomUUID();
        const body = leadBody(key);
        context.key = key;
        tracker.bodies.set(key, body);
        const client = `10.${bodyCounter % 250}.${(bodyCounter >> 8) % 250}.${(bodyCounter >> 16) % 250 + 1}`;
        return { ...req, body, headers: { ...req.headers, "x-forwarded-for": client } };
      },
      onResponse: (status, _body, context) => {
        (status === 201 ? tracker.created : tracker.other).add(context.key);
      },
    },
  ],
});

/** Re-sends the submissions that got no answer before the deadline; returns how many were already stored. */
async function settleInFlight(baseUrl, tracker) {
  await new Promise((r) => setTimeout(r, 1000));
  const unanswered = [...tracker.bodies.keys()].filter((k) => !tracker.created.has(k) && !tracker.other.has(k));
  let alreadyStored = 0;
  let storedNow = 0;
  for (const key of unanswered) {
    const res = await fetch(`${baseUrl}/api/v1/leads`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": "10.9.9.9" }, body: tracker.bodies.get(key) });
    await res.arrayBuffer();
    if (res.status === 200) alreadyStored++;
    else if (res.status === 201) storedNow++;
  }
  return { unanswered: unanswered.length, alreadyStored, storedNow };
}

async function countLeads(provider, url) {
  if (provider === "sqlite") {
    const db = new Database(url.replace(/^file:/, ""), { readonly: true, fileMustExist: true });
    try {
      return db.prepare(`SELECT COUNT(*) AS n FROM "Lead"`).get().n;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(`SELECT COUNT(*)::int AS n FROM "Lead"`)).rows[0].n);
  } finally {
    await client.end();
  }
}

/** CPU ms (user + system) used so far by the processes of a process group (Linux /proc; null elsewhere). */
function groupCpuMs(pgid) {
  let ticks = 0;
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      let stat;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      } catch {
        continue; // exited meanwhile
      }
      // Fields after "(comm)": state ppid pgrp ... utime(14) stime(15), counted from 1 over the whole line.
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(rest[2]) !== pgid) continue;
      ticks += Number(rest[11]) + Number(rest[12]);
    }
  } catch {
    return null;
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** The node processes of the server's group (signalled for BENCH_CPU_PROFILE; sh and npm wrappers are not). */
function serverNodePids(pgid) {
  const pids = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const rest = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(rest.slice(rest.lastIndexOf(")") + 2).split(" ")[2]) !== pgid) continue;
      const exe = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0")[0] ?? "";
      if (/(^|\/)node$/.test(exe) || exe.startsWith("next-server")) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

const PROFILE_DIR = process.env.BENCH_CPU_PROFILE ? path.resolve(process.env.BENCH_CPU_PROFILE) : "";
const signalProfile = (pgid) => {
  if (!PROFILE_DIR) return;
  for (const pid of serverNodePids(pgid)) process.kill(pid, "SIGUSR2");
};

const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));

async function benchProvider(provider) {
  const database = await freshDatabase(provider, "smp-bench-leads-");
  let server;
  try {
    server = await serveBuild({
      databaseUrl: database.url,
      env: {
        LEADS_RATE_LIMIT_PER_MINUTE: "1000000000",
        // A channel is configured so each lead also writes its outbox row (the real write cost);
        // the worker is off so nothing is sent during the bench.
        LEAD_WEBHOOK_URL: "http://127.0.0.1:9/bench-unused",
        LEAD_WEBHOOK_SECRET: "bench-webhook-secret-000000",
        OUTBOX_WORKER: "off",
        DATABASE_POOL_MAX: "10",
        // The bench plays the reverse proxy of many patients (one X-Forwarded-For each): the
        // per-client limit then counts in many rows, as in real traffic, not all in one.
        TRUSTED_PROXIES: "1",
        ...(PROFILE_DIR
          ? { BENCH_CPU_PROFILE: PROFILE_DIR, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${path.resolve("scripts/bench/cpu-profile-preload.mjs")}`.trim() }
          : {}),
      },
    });
    // Warm up both routes (JIT, Prisma's query compiler, connection pool) before measuring.
    const tracker = newTracker();
    await run("warm-up trivial", { ...trivialOpts(server.baseUrl), duration: 2, connections: 10 });
    await run("warm-up leads", (t) => ({ ...leadOpts(server.baseUrl)(t), duration: 2, connections: 10 }), tracker);

    const cpu0 = groupCpuMs(server.pid);
    const trivial = await run("trivial POST /api/v1/health", trivialOpts(server.baseUrl));
    const cpu1 = groupCpuMs(server.pid);
    const measured201Before = tracker.created.size;
    if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
    signalProfile(server.pid);
    const leads = await run("POST /api/v1/leads", leadOpts(server.baseUrl), tracker);
    signalProfile(server.pid);
    const cpu2 = groupCpuMs(server.pid);
    const measured201 = tracker.created.size - measured201Before;
    // Server CPU per answered request in each phase.
    const cpu =
      cpu0 === null || cpu1 === null || cpu2 === null
        ? null
        : { trivial: (cpu1 - cpu0) / trivial.result.requests.total, leads: (cpu2 - cpu1) / leads.result.requests.total };
    const settled = await settleInFlight(server.baseUrl, tracker);
    const stored = await countLeads(provider, database.url);
    if (PROFILE_DIR) await new Promise((r) => setTimeout(r, 2000)); // the profile is written
    return { provider, trivial, leads, tracker, measured201, settled, stored, cpu };
  } finally {
    server?.stop();
    await new Promise((r) => setTimeout(r, 500));
    await database.drop().catch((e) => console.error(`could not drop the bench database: ${e.message}`));
  }
}

function report({ provider, trivial, leads, tracker, measured201, settled, stored, cpu }) {
  const t = trivial.result;
  const l = leads.result;
  const other = [...leads.statuses].filter(([s]) => s !== 201).map(([s, n]) => `${s}x${n}`).join(" ") || "none";
  const throughputRatio = l.requests.average / t.requests.average;
  const p99Ratio = l.latency.p99 / t.latency.p99;
  console.log(`\n== ${provider}: ${CONNECTIONS} connections, ${SECONDS} s each`);
  console.log(`  trivial POST /api/v1/health  ${fmt(t.requests.average)} req/s   p50 ${fmt(t.latency.p50)} ms   p99 ${fmt(t.latency.p99)} ms   errors ${t.errors} timeouts ${t.timeouts} non-2xx ${t.non2xx}`);
  console.log(`  POST /api/v1/leads           ${fmt(l.requests.average)} req/s   p50 ${fmt(l.latency.p50)} ms   p99 ${fmt(l.latency.p99)} ms   errors ${l.errors} timeouts ${l.timeouts} non-201 ${other}`);
  console.log(`  submissions/s vs trivial: ${fmt(throughputRatio, 2)}x (goal >= ${GOAL_THROUGHPUT}x) ${throughputRatio >= GOAL_THROUGHPUT ? "MET" : "NOT MET"}`);
  console.log(`  p99 vs trivial:           ${fmt(p99Ratio, 2)}x (goal <= ${GOAL_P99}x) ${p99Ratio <= GOAL_P99 ? "MET" : "NOT MET"}`);
  if (cpu) console.log(`  server CPU per request: trivial ${fmt(cpu.trivial, 2)} ms, lead ${fmt(cpu.leads, 2)} ms (${fmt(cpu.leads / cpu.trivial, 2)}x; CPU-bound throughput ratio at most ${fmt(cpu.trivial / cpu.leads, 2)}x)`);
  const answered201 = tracker.created.size;
  const expected = answered201 + settled.alreadyStored + settled.storedNow;
  const db = provider === "sqlite" ? "SQLite" : "PostgreSQL";
  figure({ name: `lead submissions (${db})`, value: l.requests.average, unit: "req/s", goal: `>= ${GOAL_THROUGHPUT}x`, baseline: t.requests.average });
  figure({ name: `lead p99 (${db})`, value: l.latency.p99, unit: "ms", goal: `<= ${GOAL_P99}x`, baseline: t.latency.p99 });
  if (cpu) figure({ name: `server CPU per lead (${db})`, value: cpu.leads, unit: "ms", goal: `<= ${(1 / GOAL_THROUGHPUT).toFixed(2)}x`, baseline: cpu.trivial, note: "trivial route as baseline; = the throughput goal when CPU-bound" });
  figure({ name: `lead p50 (${db})`, value: l.latency.p50, unit: "ms", baseline: t.latency.p50 });
  figure({ name: `rows stored minus 201 answers (${db})`, value: Math.abs(stored - expected), unit: "rows", goal: "<= 0" });
  console.log(
    `  rows stored ${stored} == 201 responses ${expected}: ${stored === expected ? "OK" : "MISMATCH"} ` +
      `(${measured201} measured + ${answered201 - measured201} warm-up; ${settled.unanswered} in flight at the deadline, ` +
      `re-sent with their keys: ${settled.alreadyStored} answered 200 = stored once, ${settled.storedNow} answered 201 = stored now; ` +
      `${tracker.other.size} other answers stored nothing)`,
  );
}

const results = [];
for (const provider of PROVIDERS) {
  console.log(`\n-- ${provider}: fresh database, next start, load...`);
  try {
    results.push(await benchProvider(provider));
    report(results[results.length - 1]);
  } catch (e) {
    console.error(`${provider}: bench failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
