// See scripts/bench/staff.mjs. Seeds BENCH_LEADS inquiries with one multi-row prepared INSERT per
// 500 rows inside a single transaction (better-sqlite3, the same column formats Prisma writes), then
// times the same lib functions the staff pages and API call.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

import Database from "better-sqlite3";

import { evaluateCandidacy, type CandidacyAnswers } from "@/lib/candidacy";
import { closeDb, createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { getLeadDetail } from "@/lib/leads/lead-detail";
import { replyClock } from "@/lib/leads/reply-clock";
import type { LeadListQuery } from "@/lib/leads/lead-filters";
import { countLeadsByStatus, listCallFirst, listLeads } from "@/lib/leads/staff-inbox";
import { DEFAULT_PRICE_TABLE } from "@/lib/pricing/price-table";

const TOTAL = Number(process.env.BENCH_LEADS) || 100_000;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS) || 60;
const GOAL_INBOX_MS = 50;
const GOAL_DETAIL_MS = 30;
const DAY = 86_400_000;

// Deterministic pseudo-random numbers so every run measures the same data.
let seed = 42;
const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

const TEMPLATES: CandidacyAnswers[] = [
  { sex: "male", age: 41, lossPattern: "norwood", norwoodStage: "6", goal: "full_shaved_look", scars: [], skinConditions: [], dermatologyClearance: false, chemotherapy: "none" },
  { sex: "male", age: 27, lossPattern: "norwood", norwoodStage: "3", goal: "hairline_or_crown", scars: [], skinConditions: [], dermatologyClearance: false, chemotherapy: "none" },
  { sex: "male", age: 38, lossPattern: "norwood", norwoodStage: "4", goal: "full_shaved_look", scars: ["strip"], skinConditions: [], dermatologyClearance: false, chemotherapy: "none" },
  { sex: "male", age: 52, lossPattern: "norwood", norwoodStage: "5A", goal: "full_shaved_look", scars: ["strip"], skinConditions: ["psoriasis"], dermatologyClearance: false, chemotherapy: "none", healthScreen: ["bleeding_disorder_or_anticoagulants"] },
  { sex: "female", age: 46, lossPattern: "diffuse_thinning", ludwigStage: "II", goal: "add_density", scars: [], skinConditions: [], dermatologyClearance: false, chemotherapy: "completed" },
  { sex: "female", age: 33, lossPattern: "diffuse_thinning", ludwigStage: "I", goal: "add_density", scars: [], skinConditions: [], dermatologyClearance: false, chemotherapy: "none", healthScreen: ["pigment_allergy"] },
  { sex: "male", age: 35, lossPattern: "none", goal: "scar_camouflage_only", scars: ["fue", "surgical_or_trauma"], skinConditions: [], dermatologyClearance: false, chemotherapy: "none" },
  { sex: "other", age: 30, lossPattern: "alopecia_areata", goal: "full_shaved_look", scars: [], skinConditions: ["dry_red_or_peeling"], dermatologyClearance: false, chemotherapy: "none" },
  { sex: "male", age: 60, lossPattern: "norwood", norwoodStage: "7", goal: "full_shaved_look", scars: [], skinConditions: [], dermatologyClearance: false, chemotherapy: "current" },
  { sex: "male", age: 45, lossPattern: "norwood", norwoodStage: "unknown", goal: "full_shaved_look", scars: [], skinConditions: ["seborrheic_dermatitis"], dermatologyClearance: true, chemotherapy: "none" },
];
const EVALUATED = TEMPLATES.map((answers) => ({ answers, result: evaluateCandidacy(answers, DEFAULT_PRICE_TABLE, { locale: "en" }) }));
const FIRST = ["Maria", "James", "Luis", "Minh", "Sarah", "David", "Ana", "Kevin", "Jose", "Emily", "Hector", "Linh", "Robert", "Sofia"];
const LAST = ["Garcia", "Nguyen", "Smith", "Lopez", "Tran", "Kim", "Martinez", "Johnson", "Hernandez", "Pham", "Brown", "Rodriguez"];

/** How a clinic's history looks: recent inquiries are new or in progress, old ones mostly closed. */
function statusFor(ageDays: number): { status: string; reason: string | null } {
  const r = rand();
  if (ageDays < 3) return { status: r < 0.7 ? "new" : "contacted", reason: null };
  if (ageDays < 21) return r < 0.15 ? { status: "new", reason: null } : r < 0.55 ? { status: "contacted", reason: null } : r < 0.8 ? { status: "consultation_booked", reason: null } : { status: "not_proceeding", reason: "No answer after three calls" };
  if (r < 0.01) return { status: "new", reason: null };
  if (r < 0.3) return { status: "became_patient", reason: null };
  if (r < 0.4) return { status: "contacted", reason: null };
  return { status: "not_proceeding", reason: pick(["Too expensive", "Chose a transplant", "No answer after three calls", "Not ready yet"]) };
}

const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

const COLUMNS = [
  "id", "createdAt", "updatedAt", "status", "closedReason", "eligibility", "flagCodes", "lossPattern", "norwoodStage", "ludwigStage",
  "sex", "age", "goal", "priceMinUsd", "priceMaxUsd", "priceBasis", "priceEstimate", "priceTableVersion", "rulesVersion", "answers",
  "result", "firstName", "lastName", "email", "phone", "preferredContact", "patientNotes", "searchText", "locale",
  "consentContactAccepted", "consentPrivacyAccepted", "consentTextVersion", "consentAt", "utmSource", "utmMedium", "utmCampaign",
  "referrer", "idempotencyKey", "relatedLeadId", "assigneeId", "version",
] as const;

function seedLeads(file: string): { ids: string[]; seconds: number } {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const started = performance.now();
  const now = Date.now();
  const ids: string[] = [];
  const BATCH = 500;
  const rowSql = `(${COLUMNS.map(() => "?").join(",")})`;
  const insertBatch = db.prepare(`INSERT INTO "Lead" (${COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES ${Array.from({ length: BATCH }, () => rowSql).join(",")}`);
  const insertOne = db.prepare(`INSERT INTO "Lead" (${COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES ${rowSql}`);
  const staffId = "bench-staff-1";
  db.prepare(`INSERT INTO "user" ("id","name","email","emailVerified","createdAt","updatedAt","role") VALUES (?,?,?,?,?,?,?)`).run(
    staffId, "Bench Admin", "bench@demo.clinic", 1, iso(now), iso(now), "admin",
  );

  const row = (i: number): unknown[] => {
    // Spread over two years, newest last; about 137 inquiries a day.
    const createdAt = now - Math.floor(((TOTAL - i) / TOTAL) * 730 * DAY) - Math.floor(rand() * 60_000);
    const { answers, result } = pick(EVALUATED);
    const { status, reason } = statusFor((now - createdAt) / DAY);
    const first = pick(FIRST);
    const last = pick(LAST);
    const id = `c${createdAt.toString(36)}${randomBytes(8).toString("hex")}`;
    ids.push(id);
    const email = `${first}.${last}.${i}@example.com`.toLowerCase();
    // Valid US numbers (exchange 200-899), as the lead input's phone validation guarantees.
    const phone = `+1949${200 + (i % 700)}${String(Math.floor(i / 700) % 10_000).padStart(4, "0")}`;
    return [
      id, iso(createdAt), iso(createdAt), status, reason, result.status,
      result.flags.length === 0 ? "," : `,${result.flags.map((f) => f.code).join(",")},`,
      answers.lossPattern, answers.norwoodStage ?? null, answers.ludwigStage ?? null, answers.sex, answers.age, answers.goal,
      result.price.minUsd, result.price.maxUsd, result.price.basis, result.price.estimate ? 1 : 0, 1, result.rulesVersion,
      JSON.stringify(answers), JSON.stringify(result), first, last, email, phone, pick(["phone", "email", "sms"]), null,
      `${first} ${last} ${email} ${phone}`.toLowerCase(), rand() < 0.2 ? "es" : "en", 1, 1, "consent-2026-11", iso(createdAt),
      rand() < 0.5 ? "google" : null, null, null, null, randomBytes(16).toString("hex"), null, rand() < 0.3 ? staffId : null, 1,
    ];
  };

  db.transaction(() => {
    let i = 0;
    for (; i + BATCH <= TOTAL; i += BATCH) {
      const values: unknown[] = [];
      for (let j = 0; j < BATCH; j++) values.push(...row(i + j));
      insertBatch.run(values);
    }
    for (; i < TOTAL; i++) insertOne.run(row(i));
  })();
  // A realistic detail page: some notes and events on the leads we will open.
  const note = db.prepare(`INSERT INTO "LeadNote" ("id","leadId","authorId","body","createdAt") VALUES (?,?,?,?,?)`);
  const event = db.prepare(`INSERT INTO "LeadEvent" ("id","leadId","actorId","type","data","createdAt") VALUES (?,?,?,?,?,?)`);
  db.transaction(() => {
    for (const id of ids.filter((_, k) => k % 50 === 0)) {
      for (let k = 0; k < 4; k++) note.run(randomBytes(12).toString("hex"), id, staffId, "Called, left a voicemail.", iso(now - k * 3_600_000));
      for (let k = 0; k < 12; k++) event.run(randomBytes(12).toString("hex"), id, staffId, k % 3 === 0 ? "status_changed" : "viewed", "{}", iso(now - k * 600_000));
    }
  })();
  db.pragma("optimize");
  db.exec("ANALYZE");
  db.close();
  return { ids, seconds: (performance.now() - started) / 1000 };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number }> {
  for (let i = 0; i < 5; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples[samples.length - 1] ?? Number.NaN };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "smp-bench-staff-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  try {
    await migrate(url);
    const { ids, seconds } = seedLeads(path.join(dir, "bench.db"));
    console.log(`Seeded ${TOTAL.toLocaleString("en-US")} inquiries into a fresh SQLite file in ${seconds.toFixed(1)} s.`);
    const db = createDb(url);
    const context = { clock: await replyClock(db), viewerId: "bench-viewer" };

    const mid = await listLeads(db, { limit: 100 }, context);
    let deepCursor = mid.nextCursor ?? undefined;
    for (let i = 0; i < 200 && deepCursor; i++) deepCursor = (await listLeads(db, { limit: 100, cursor: deepCursor }, context)).nextCursor ?? undefined;
    const someLead = await db.lead.findFirstOrThrow({ where: { id: ids[Math.floor(ids.length / 3)] ?? "" } });
    const lastMonthFrom = new Date(Date.now() - 60 * DAY).toISOString().slice(0, 10);
    const lastMonthTo = new Date(Date.now() - 30 * DAY).toISOString().slice(0, 10);

    const page = (q: Partial<LeadListQuery>) => () => listLeads(db, { limit: 25, ...q }, context);
    const matrix: [string, () => Promise<unknown>][] = [
      ["who to call first (4 groups + totals)", () => listCallFirst(db, context)],
      ["counts per status", () => countLeadsByStatus(db)],
      ["all, first page", page({})],
      ["all, page 200 (cursor)", page({ cursor: deepCursor })],
      ["all, limit 100", page({ limit: 100 })],
      ["status=new", page({ status: "new" })],
      ["status=not_proceeding", page({ status: "not_proceeding" })],
      ["eligibility=clearance_required", page({ eligibility: "clearance_required" })],
      ["status=new + eligibility=eligible", page({ status: "new", eligibility: "eligible" })],
      ["flag=DERM_CLEARANCE_REQUIRED", page({ flag: "DERM_CLEARANCE_REQUIRED" })],
      ["flag=PIGMENT_ALLERGY", page({ flag: "PIGMENT_ALLERGY" })],
      ["flag=KELOID_TENDENCY (no match)", page({ flag: "KELOID_TENDENCY" })],
      ["norwood=3", page({ norwood: "3" })],
      ["ludwig=II", page({ ludwig: "II" })],
      ["q=garcia (common name)", page({ q: "garcia" })],
      ["q=exact email", page({ q: someLead.email })],
      ["q=phone (formatted)", page({ q: `(949) ${someLead.phone.slice(5, 8)}-${someLead.phone.slice(8)}` })],
      ["q=partial digits", page({ q: someLead.phone.slice(-7) })],
      ["q=no match", page({ q: "zzyzx" })],
      ["from/to one month", page({ from: lastMonthFrom, to: lastMonthTo })],
      ["status=became_patient + from/to", page({ status: "became_patient", from: lastMonthFrom, to: lastMonthTo })],
      ["eligibility + flag + q", page({ eligibility: "clearance_required", flag: "DERM_CLEARANCE_REQUIRED", q: "nguyen" })],
      // Worst cases: a common value plus a filter nothing matches (every index entry is read).
      ["eligibility=eligible + q=no match", page({ eligibility: "eligible", q: "zzyzx" })],
      ["status=not_proceeding + flag (no match)", page({ status: "not_proceeding", flag: "KELOID_TENDENCY" })],
      ["norwood=7 + ludwig=II (no match)", page({ norwood: "7", ludwig: "II" })],
      ["all filters, no match", page({ status: "new", eligibility: "eligible", norwood: "3", ludwig: "I", flag: "KELOID_TENDENCY", q: "zzyzx" })],
      ["q=% (taken literally)", page({ q: "%" })],
    ];

    console.log(`\nInbox query (listLeads / listCallFirst / countLeadsByStatus), ${ITERATIONS} runs each; goal p95 <= ${GOAL_INBOX_MS} ms`);
    console.log(`${"filters".padEnd(42)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}  goal`);
    let misses = 0;
    for (const [name, run] of matrix) {
      const r = await time(run);
      const ok = r.p95 <= GOAL_INBOX_MS;
      if (!ok) misses++;
      console.log(`${name.padEnd(42)} ${r.p50.toFixed(2).padStart(8)} ${r.p95.toFixed(2).padStart(8)} ${r.max.toFixed(2).padStart(8)}  ${ok ? "ok" : "MISSED"}`);
    }

    const withHistory = ids.filter((_, k) => k % 50 === 0);
    let n = 0;
    const detail = await time(() => getLeadDetail(db, withHistory[n++ % withHistory.length] ?? ""));
    console.log(`\nLead detail (getLeadDetail: lead, 4 notes, 12 events, related), goal p95 <= ${GOAL_DETAIL_MS} ms`);
    console.log(`p50 ${detail.p50.toFixed(2)} ms, p95 ${detail.p95.toFixed(2)} ms, max ${detail.max.toFixed(2)} ms  ${detail.p95 <= GOAL_DETAIL_MS ? "ok" : "MISSED"}`);
    console.log(`\n${misses === 0 && detail.p95 <= GOAL_DETAIL_MS ? "All goals met." : `${misses + (detail.p95 > GOAL_DETAIL_MS ? 1 : 0)} goal(s) missed (printed, not asserted).`}`);
    await db.$disconnect();
  } finally {
    await closeDb();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
