// The bench data set: `total` inquiries spread over two years (newest last), seeded into a migrated
// SQLite file or PostgreSQL database with one multi-row INSERT per 500 rows inside a single
// transaction (better-sqlite3 / pg, the same column formats Prisma writes), plus notes and events on
// every 50th lead, repeat inquiries (one person asking six times in every 50), follow-ups on about a third of the recent contacted ones (some overdue), a
// first-contact time on every lead moved out of "new", and 30% assigned to the bench staff user.
// Both databases get the same mix of rows. Used through scripts/bench/bench-db.ts.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";

import Database from "better-sqlite3";
import pg from "pg";

import { providerOf, sqliteFilePath } from "@/lib/db/provider";

import { evaluateCandidacy, type CandidacyAnswers } from "@/lib/candidacy";
import { foldForSearch, leadSearchText } from "@/lib/leads/search-text";
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
// Spanish names with and without their accents (both are how patients write them), so the accent-
// insensitive search (lib/leads/search-text.ts) is measured on realistic text.
const FIRST = ["Maria", "James", "Luis", "Minh", "Sarah", "David", "Ana", "Kevin", "Jose", "Emily", "Hector", "Linh", "Robert", "Sofia", "José", "María", "Héctor", "Sofía"];
const LAST = ["Garcia", "Nguyen", "Smith", "Lopez", "Tran", "Kim", "Martinez", "Johnson", "Hernandez", "Pham", "Brown", "Rodriguez", "Hernández", "Rodríguez", "López", "Núñez", "García"];
/**
 * Repeat inquiries ("Asked before", lib/leads/same-person.ts): in every run of 50 inquiries, the
 * 2nd to 6th are the same person as the one before (same e-mail and phone, `relatedLeadId` pointing
 * at it, as the write path links them): a person who asked six times, 10 % of all inquiries.
 */
const PERSON_RUN = 50;
const REPEATS_PER_RUN = 5;
const isRepeat = (i: number) => i % PERSON_RUN >= 1 && i % PERSON_RUN <= REPEATS_PER_RUN;

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
  "referrer", "idempotencyKey", "reference", "relatedLeadId", "assigneeId", "version", "firstContactedAt", "followUpAt", "followUpNote",
] as const;

/** The staff user 30% of the inquiries are assigned to ("assignee=me" in the staff bench). */
export const BENCH_STAFF_ID = "bench-staff-1";

type Value = string | number | boolean | null;

/** Where the rows go: SQLite (synchronous, better-sqlite3) or PostgreSQL (pg), both inside one transaction. */
interface Writer {
  insert(table: string, columns: readonly string[], rows: Value[][]): Promise<void>;
  finish(): Promise<void>;
}

function sqliteWriter(url: string): Writer {
  const db = new Database(sqliteFilePath(url));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.exec("BEGIN");
  const statements = new Map<string, Database.Statement>();
  return {
    insert: async (table, columns, rows) => {
      const key = `${table}:${rows.length}`;
      let statement = statements.get(key);
      if (!statement) {
        const row = `(${columns.map(() => "?").join(",")})`;
        statement = db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES ${rows.map(() => row).join(",")}`);
        statements.set(key, statement);
      }
      // better-sqlite3 binds no booleans: 1 / 0, as Prisma stores them.
      statement.run(rows.flat().map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v)));
    },
    finish: async () => {
      db.exec("COMMIT");
      db.pragma("optimize");
      db.exec("ANALYZE");
      db.close();
    },
  };
}

async function postgresWriter(url: string): Promise<Writer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("BEGIN");
  return {
    insert: async (table, columns, rows) => {
      let n = 0;
      const values = rows.map((row) => `(${row.map(() => `$${++n}`).join(",")})`).join(",");
      await client.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES ${values}`, rows.flat());
    },
    finish: async () => {
      await client.query("COMMIT");
      await client.query("VACUUM ANALYZE");
      await client.end();
    },
  };
}

/** Seeds `total` inquiries into the migrated, empty database at `url` (file: or postgresql:). */
export async function seedLeads(url: string, total: number): Promise<{ ids: string[]; seconds: number }> {
  seed = 42;
  const writer = providerOf(url) === "sqlite" ? sqliteWriter(url) : await postgresWriter(url);
  const started = performance.now();
  const now = Date.now();
  const ids: string[] = [];
  const BATCH = 500;
  const staffId = BENCH_STAFF_ID;
  await writer.insert("user", ["id", "name", "email", "emailVerified", "createdAt", "updatedAt", "role"], [
    [staffId, "Bench Admin", "bench@demo.clinic", true, iso(now), iso(now), "admin"],
  ]);

  let previous: { id: string; first: string; last: string; email: string; phone: string } | null = null;
  const row = (i: number): Value[] => {
    // Spread over two years, newest last; about 137 inquiries a day.
    const createdAt = now - Math.floor(((total - i) / total) * 730 * DAY) - Math.floor(rand() * 60_000);
    const { answers, result } = pick(EVALUATED);
    const { status, reason } = statusFor((now - createdAt) / DAY);
    let first = pick(FIRST);
    let last = pick(LAST);
    const id = `c${createdAt.toString(36)}${randomBytes(8).toString("hex")}`;
    ids.push(id);
    let email = foldForSearch(`${first}.${last}.${i}@example.com`);
    // Valid US numbers (exchange 200-899), as the lead input's phone validation guarantees.
    let phone = `+1949${200 + (i % 700)}${String(Math.floor(i / 700) % 10_000).padStart(4, "0")}`;
    const relatedLeadId = isRepeat(i) && previous ? previous.id : null;
    if (relatedLeadId && previous) ({ first, last, email, phone } = previous);
    previous = { id, first, last, email, phone };
    const reference = `SMP-${i.toString(36).toUpperCase().padStart(4, "0")}-${String(i % 100).padStart(2, "0")}`;
    const ageDays = (now - createdAt) / DAY;
    const firstContactedAt = status === "new" ? null : iso(createdAt + Math.floor(rand() * 6 * 3_600_000));
    // Follow-ups: a third of the contacted / booked inquiries of the last 60 days, from two weeks
    // overdue to two weeks ahead (the "due today / overdue" view sees about half of them).
    const followUpAt = (status === "contacted" || status === "consultation_booked") && ageDays < 60 && rand() < 0.35 ? iso(now + Math.floor((rand() - 0.5) * 28 * DAY)) : null;
    return [
      id, iso(createdAt), iso(createdAt), status, reason, result.status,
      result.flags.length === 0 ? "," : `,${result.flags.map((f) => f.code).join(",")},`,
      answers.lossPattern, answers.norwoodStage ?? null, answers.ludwigStage ?? null, answers.sex, answers.age, answers.goal,
      result.price.minUsd, result.price.maxUsd, result.price.basis, result.price.estimate, 1, result.rulesVersion,
      JSON.stringify(answers), JSON.stringify(result), first, last, email, phone, pick(["phone", "email", "sms"]), null,
      leadSearchText({ firstName: first, lastName: last, email, phone, reference }), rand() < 0.2 ? "es" : "en", true, true, "consent-2026-11", iso(createdAt),
      rand() < 0.5 ? "google" : null, null, null, null, randomBytes(16).toString("hex"), reference, relatedLeadId, rand() < 0.3 ? staffId : null, 1,
      firstContactedAt, followUpAt, followUpAt ? "Call back about the consultation date." : null,
    ];
  };

  for (let i = 0; i < total; i += BATCH) {
    const rows: Value[][] = [];
    for (let j = i; j < Math.min(total, i + BATCH); j++) rows.push(row(j));
    await writer.insert("Lead", COLUMNS, rows);
  }
  // A realistic detail page: some notes and events on the leads we will open.
  const notes: Value[][] = [];
  const events: Value[][] = [];
  for (const id of ids.filter((_, k) => k % 50 === 0)) {
    for (let k = 0; k < 4; k++) notes.push([randomBytes(12).toString("hex"), id, staffId, "Called, left a voicemail.", iso(now - k * 3_600_000)]);
    for (let k = 0; k < 12; k++) events.push([randomBytes(12).toString("hex"), id, staffId, k % 3 === 0 ? "status_changed" : "viewed", "{}", iso(now - k * 600_000)]);
  }
  for (let i = 0; i < notes.length; i += BATCH) await writer.insert("LeadNote", ["id", "leadId", "authorId", "body", "createdAt"], notes.slice(i, i + BATCH));
  for (let i = 0; i < events.length; i += BATCH) await writer.insert("LeadEvent", ["id", "leadId", "actorId", "type", "data", "createdAt"], events.slice(i, i + BATCH));
  await writer.finish();
  return { ids, seconds: (performance.now() - started) / 1000 };
}
