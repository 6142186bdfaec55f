// The bench data set: `total` inquiries spread over two years (newest last), seeded into a migrated
// SQLite file with one multi-row prepared INSERT per 500 rows inside a single transaction
// (better-sqlite3, the same column formats Prisma writes), plus notes and events on every 50th lead.
// Shared by scripts/bench/staff.ts and scripts/bench/admin.ts.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";

import Database from "better-sqlite3";

import { evaluateCandidacy, type CandidacyAnswers } from "@/lib/candidacy";
import { DEFAULT_PRICE_TABLE } from "@/lib/pricing/price-table";

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

export function seedLeads(file: string, TOTAL: number): { ids: string[]; seconds: number } {
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

