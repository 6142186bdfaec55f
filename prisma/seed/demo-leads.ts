/**
 * Demo inquiries for development (`npm run db:seed -- --demo`): a few hundred realistic leads over
 * the last 90 days, built through the real path (createLeadSchema -> createLead), so they carry
 * recomputed results, filter columns, consent and repeat-inquiry links exactly like real ones.
 *
 * Deterministic: the same seed number gives the same people, answers, keys and relative times
 * (times are relative to "now" at seeding). Idempotent: the idempotency keys are derived from the
 * PRNG, so a second run finds every lead and stores nothing.
 * No outbox rows (demo data must not notify anyone). Fictional contact data only: example.com /
 * example.org addresses and 555-01xx phone numbers.
 */
import type { CandidacyAnswers } from "@/lib/candidacy/answers";
import type { Db } from "@/lib/db/client";
import { createLead } from "@/lib/leads/create-lead";
import { type CreateLeadBody, createLeadSchema } from "@/lib/leads/lead-input";
import { recordStage } from "@/lib/leads/lead-stages";
import type { LeadStage } from "@/lib/leads/lead-stage-names";
import type { LeadStatus } from "@/lib/leads/lead-status";
import { buildAnswers } from "@/tests/support/candidacy-builders";

import type { SeedStep } from "./types";

/** The stages a demo inquiry in each status reached on its way there (one move, at one time). */
const DEMO_STAGES_OF: Readonly<Record<LeadStatus, readonly LeadStage[]>> = {
  new: [],
  contacted: ["contacted"],
  consultation_booked: ["contacted", "consultation_booked"],
  became_patient: ["contacted", "consultation_booked", "became_patient"],
  not_proceeding: [],
};

export const DEMO_LEAD_COUNT = 300;
const DAY_MS = 24 * 60 * 60 * 1000;

/** mulberry32: tiny, fast, good enough for demo data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const chance = (rng: Rng, p: number) => rng() < p;
const between = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

function weighted<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = rng() * total;
  for (const [value, w] of entries) {
    r -= w;
    if (r < 0) return value;
  }
  return (entries[entries.length - 1] as readonly [T, number])[0];
}

const MALE_NAMES = ["James", "Michael", "David", "Daniel", "Jose", "Carlos", "Luis", "Kevin", "Brian", "Minh", "Anthony", "Ryan", "Juan", "Eric", "Tuan", "Mark", "Steven", "Jason", "Miguel", "Andrew"];
const FEMALE_NAMES = ["Maria", "Jennifer", "Linda", "Ana", "Sofia", "Emily", "Sarah", "Lan", "Patricia", "Rosa", "Jessica", "Laura", "Karen", "Elena", "Michelle"];
const OTHER_NAMES = ["Alex", "Jordan", "Taylor", "Sam", "Casey"];
const LAST_NAMES = ["Garcia", "Nguyen", "Smith", "Hernandez", "Lopez", "Tran", "Johnson", "Martinez", "Kim", "Rodriguez", "Williams", "Pham", "Brown", "Gonzalez", "Lee", "Davis", "Perez", "Miller", "Sanchez", "Le", "Wilson", "Ramirez", "Anderson", "Torres", "Park"];
const AREA_CODES = ["714", "949", "657", "562", "310"];
const NOTES = [
  "I can only talk after 5pm.",
  "Had a strip FUT in 2015, scar is visible when I buzz my hair.",
  "Is financing available?",
  "Looking to book before a wedding in the spring.",
  "Prefiero hablar en español, por favor.",
  "My dermatologist is treating my scalp now.",
  "What does the touch-up session cost?",
];
const CAMPAIGNS: readonly (readonly [CreateLeadBody["source"] | undefined, number])[] = [
  [undefined, 35],
  [{ utmSource: "google", utmMedium: "cpc", utmCampaign: "smp-oc-search" }, 25],
  [{ utmSource: "instagram", utmMedium: "social", utmCampaign: "before-after-reels" }, 15],
  [{ utmSource: "facebook", utmMedium: "paid_social", utmCampaign: "smp-spring" }, 10],
  [{ referrer: "https://www.google.com/" }, 10],
  [{ utmSource: "newsletter", utmMedium: "email", utmCampaign: "alopecia-awareness" }, 5],
];

function demoAnswers(rng: Rng): CandidacyAnswers {
  const sex = weighted(rng, [["male", 78], ["female", 19], ["other", 3]] as const);
  const age = Math.min(100, Math.max(18, Math.round(22 + rng() * 28 + rng() * 20)));
  const scars = chance(rng, 0.22) ? [pick(rng, ["strip", "fue", "burn", "surgical_or_trauma", "birthmark"] as const)] : [];
  const skinConditions = chance(rng, 0.12) ? [pick(rng, ["psoriasis", "seborrheic_dermatitis", "dry_red_or_peeling"] as const)] : [];
  const base: Partial<CandidacyAnswers> = {
    sex,
    age,
    scars,
    skinConditions,
    dermatologyClearance: skinConditions.length > 0 && chance(rng, 0.4),
    chemotherapy: weighted(rng, [["none", 94], ["completed", 5], ["current", 1]] as const),
  };
  if (chance(rng, 0.15)) {
    base.healthScreen = [pick(rng, ["keloid_tendency", "bleeding_disorder_or_anticoagulants", "pregnant_or_breastfeeding", "pigment_allergy", "scalp_infection_or_wound"] as const)];
    if (base.healthScreen[0] === "pregnant_or_breastfeeding" && sex === "male") base.healthScreen = ["keloid_tendency"];
  }

  if (scars.length > 0 && chance(rng, 0.35)) {
    return buildAnswers({ ...base, lossPattern: "none", goal: "scar_camouflage_only" });
  }
  if (sex === "female") {
    const lossPattern = weighted(rng, [["diffuse_thinning", 75], ["alopecia_areata", 15], ["alopecia_totalis", 10]] as const);
    const ludwig = lossPattern === "diffuse_thinning" && chance(rng, 0.8) ? { ludwigStage: pick(rng, ["I", "II", "III"] as const) } : {};
    return buildAnswers({ ...base, lossPattern, ...ludwig, goal: lossPattern === "alopecia_totalis" ? "full_shaved_look" : "add_density" });
  }
  if (chance(rng, 0.1)) {
    return buildAnswers({ ...base, lossPattern: pick(rng, ["alopecia_areata", "alopecia_totalis", "diffuse_thinning"] as const), goal: pick(rng, ["add_density", "full_shaved_look"] as const) });
  }
  const norwoodStage = weighted(rng, [
    ["2", 6], ["2A", 3], ["3", 10], ["3A", 4], ["3V", 6], ["4", 10], ["4A", 4], ["5", 12], ["5A", 5], ["6", 16], ["7", 10], ["unknown", 8],
  ] as const);
  const advanced = ["5", "5A", "6", "7"].includes(norwoodStage);
  const goal = advanced
    ? weighted(rng, [["full_shaved_look", 85], ["add_density", 15]] as const)
    : weighted(rng, [["hairline_or_crown", 50], ["add_density", 30], ["full_shaved_look", 20]] as const);
  return buildAnswers({ ...base, lossPattern: "norwood", norwoodStage, goal });
}

function uuidFrom(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16));
  hex[12] = "4";
  hex[16] = ((Math.floor(rng() * 4) + 8) as number).toString(16);
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

interface DemoPerson {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

function demoPerson(rng: Rng, sex: CandidacyAnswers["sex"], index: number): DemoPerson {
  const firstName = pick(rng, sex === "male" ? MALE_NAMES : sex === "female" ? FEMALE_NAMES : OTHER_NAMES);
  const lastName = pick(rng, LAST_NAMES);
  const domain = pick(rng, ["example.com", "example.org", "example.net"]);
  return {
    firstName,
    lastName,
    email: `${firstName}.${lastName}${index}@${domain}`.toLowerCase(),
    phone: `(${pick(rng, AREA_CODES)}) 555-01${String(between(rng, 0, 99)).padStart(2, "0")}`,
  };
}

/** Status a clinic would have reached by now for an inquiry of this age. */
function demoStatus(rng: Rng, ageDays: number): LeadStatus {
  if (ageDays < 2) return chance(rng, 0.8) ? "new" : "contacted";
  if (ageDays < 14) return weighted(rng, [["new", 15], ["contacted", 50], ["consultation_booked", 25], ["not_proceeding", 10]] as const);
  return weighted(rng, [["contacted", 20], ["consultation_booked", 25], ["became_patient", 30], ["not_proceeding", 25]] as const);
}

export interface SeedDemoLeadsResult {
  created: number;
  existing: number;
}

/** Stores `count` demo leads (default seed 20261123), oldest first so repeat inquiries link. */
export async function seedDemoLeads(db: Db, count: number = DEMO_LEAD_COUNT, seed = 20261123, now: Date = new Date()): Promise<SeedDemoLeadsResult> {
  const rng = seededRandom(seed);
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const times = Array.from({ length: count }, () => {
    const day = Math.floor(Math.pow(rng(), 0.8) * 90); // a few more recent than old
    const minute = between(rng, 7 * 60, 22 * 60); // patients write between 7am and 10pm
    return Math.min(midnight - day * DAY_MS + minute * 60_000, now.getTime() - 60_000);
  }).sort((a, b) => a - b);

  const people: DemoPerson[] = [];
  const result: SeedDemoLeadsResult = { created: 0, existing: 0 };
  for (let i = 0; i < count; i++) {
    const answers = demoAnswers(rng);
    // About 6% are the same person asking again (same email, new phone format or same phone).
    const person = people.length > 5 && chance(rng, 0.06) ? pick(rng, people) : demoPerson(rng, answers.sex, i);
    people.push(person);
    const locale = chance(rng, 0.25) ? "es" : "en";
    const source = weighted(rng, CAMPAIGNS);
    const body: CreateLeadBody = {
      answers,
      contact: {
        ...person,
        preferredContact: weighted(rng, [["phone", 55], ["sms", 25], ["email", 20]] as const),
        ...(chance(rng, 0.3) ? { notes: pick(rng, NOTES) } : {}),
      },
      consent: { contactAccepted: true, privacyAccepted: true, textVersion: "consent-2026-11" },
      ...(source ? { source } : {}),
      idempotencyKey: uuidFrom(rng),
      locale,
    };
    const at = new Date(times[i] as number);
    // Every random draw happens before the write, so an interrupted run resumes with the same data.
    const status = demoStatus(rng, (now.getTime() - at.getTime()) / DAY_MS);
    const changedAt = new Date(Math.min(now.getTime(), at.getTime() + between(rng, 1, 72) * 3_600_000));
    const closedReason = pick(rng, ["price", "chose_transplant", "no_answer", "not_a_candidate_now"]);
    const outcome = await createLead(db, createLeadSchema.parse(body), { ip: "seed", now: at, channels: [] });
    if (!outcome.created) {
      result.existing++;
      continue;
    }
    result.created++;
    if (status !== "new") {
      await db.$transaction(async (tx) => {
        await tx.lead.update({
          where: { id: outcome.id },
          data: {
            status,
            // The first move out of "new" is the first contact (as the workflow records it).
            firstContactedAt: changedAt,
            ...(status === "not_proceeding" ? { closedReason } : {}),
            events: { create: { type: "status_changed", createdAt: changedAt, data: { from: "new", to: status, demo: true } } },
          },
        });
        // The funnel's stages it passed through (decision 026), so the demo dashboard counts them; a
        // patient's amount agreed is the low end of the price they were quoted.
        for (const stage of DEMO_STAGES_OF[status]) {
          await recordStage(tx, outcome.id, stage, changedAt, stage === "became_patient" ? outcome.result.price.minUsd : undefined);
        }
      });
    }
  }
  return result;
}

export const demoLeadsStep: SeedStep = {
  name: "demo leads",
  always: false,
  async run(db) {
    const { created, existing } = await seedDemoLeads(db);
    return `${created} created, ${existing} already present`;
  },
};
