import "server-only";

import { createHmac, randomBytes } from "node:crypto";

import type Database from "better-sqlite3";
import type { Statement } from "better-sqlite3";
import type pg from "pg";

import { evaluateCandidacy, type CandidacyLocale, type CandidacyResult } from "@/lib/candidacy";
import { type Db, driverHandle, type Prisma } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import type { CreateLeadInput } from "@/lib/leads/lead-input";
import { logger } from "@/lib/log/logger";
import { configuredChannels, notificationConfigFromEnv, type NotificationChannel } from "@/lib/notifications/config";
import { LEAD_CREATED, type LeadCreatedPayload } from "@/lib/notifications/payload";
import { getActivePriceTableCached } from "@/lib/pricing/price-table-store";

/** A second inquiry from the same email or phone within this window is linked to the earlier one. */
export const REPEAT_INQUIRY_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

export interface CreateLeadOptions {
  /** Client IP (rate limiting happens before; here only a keyed hash is kept, for abuse review). */
  ip: string;
  /** Submission time (default: now). The seed uses it to spread demo leads over past days. */
  now?: Date;
  /** Language of the patient messages when the body has no `locale` (the route passes Accept-Language). */
  locale?: CandidacyLocale;
  /** Outbox channels to write (default: the channels configured in the environment). */
  channels?: readonly NotificationChannel[];
  /** "prisma" forces the Prisma nested-create path (tests compare it with the SQL path). Default "auto". */
  writePath?: "auto" | "prisma";
}

export interface CreateLeadOutcome {
  id: string;
  result: CandidacyResult;
  /** false: the idempotency key was seen before; `id`/`result` are the FIRST lead's. */
  created: boolean;
  /** false only for a honeypot submission: nothing was stored, `id` is a decoy. */
  stored: boolean;
  relatedLeadId: string | null;
}

/**
 * Stores one inquiry: the lead with its answers, recomputed result, filter columns, contact,
 * consent, source; the "created" LeadEvent; one outbox row per notification channel. All in ONE
 * database transaction: all or nothing.
 *
 * Write path (docs/decisions/008-lead-write-path.md): this is the app's hottest write, so it runs
 * as plain SQL on the client's own driver connection instead of a Prisma nested create (which cost
 * about 5x the CPU of the rest of the request):
 * - SQLite: the repeat-inquiry lookup and the three inserts run synchronously in one
 *   BEGIN IMMEDIATE ... COMMIT on the adapter's connection, with statements prepared once;
 * - PostgreSQL: the lookup, then ONE statement whose data-modifying CTEs insert the lead, its event
 *   and its outbox rows (a single statement is atomic).
 * The Prisma nested create remains the fallback (driver connection not available, or the SQLite
 * connection is inside a Prisma transaction at that moment); both paths write identical rows
 * (tests/integration/leads/lead-write-path.test.ts).
 *
 * Idempotency rests on the unique index on Lead.idempotencyKey: a key seen before (a retry, or a
 * concurrent duplicate that won the race) makes the insert fail with a unique violation; the first
 * lead is then read back and returned with `created: false`. The price table is read outside the
 * transaction (a short-lived cache, see getActivePriceTableCached); the lead records the version
 * it was priced with.
 *
 * Database errors propagate; the route wrapper answers 503 for an unavailable store.
 */
export async function createLead(db: Db, input: CreateLeadInput, options: CreateLeadOptions): Promise<CreateLeadOutcome> {
  const now = options.now ?? new Date();
  const locale: CandidacyLocale = input.locale ?? options.locale ?? "en";

  // Honeypot: answer exactly like a success (same status, shape and a plausible id) but store nothing,
  // so a bot cannot tell it was caught. See docs/decisions/006-spam-protection.md.
  if (input.website !== undefined && input.website.trim() !== "") {
    const result = evaluateCandidacy(input.answers, await getActivePriceTableCached(db), { locale });
    logger.info({ op: "createLead", ipHash: ipHash(options.ip) }, "honeypot filled: submission discarded");
    return { id: decoyLeadId(), result, created: true, stored: false, relatedLeadId: null };
  }

  // Never trust a client's result: recompute from the answers with the ACTIVE price table.
  // The idempotency key is not looked up first: the unique index decides (see the catch below),
  // which saves a query on every first submission; retries are the rare case.
  const table = await getActivePriceTableCached(db);
  const result = evaluateCandidacy(input.answers, table, { locale });
  const channels = options.channels ?? configuredChannels(notificationConfigFromEnv(getEnv()));
  const draft = leadDraft(input, result, locale, now, ipHash(options.ip), channels);

  try {
    const driver = options.writePath === "prisma" ? undefined : driverHandle(db);
    let written: WrittenLead | undefined;
    if (driver?.provider === "sqlite") written = writeLeadSqlite(driver.connection, draft);
    else if (driver?.provider === "postgresql") written = await writeLeadPostgres(driver.pool, draft);
    written ??= await writeLeadPrisma(db, draft);
    return { id: written.id, result, created: true, stored: true, relatedLeadId: written.relatedLeadId };
  } catch (error) {
    if (isIdempotencyKeyViolation(error)) {
      // The key was stored before (a retry) or by a concurrent submission that won the race:
      // answer with that first lead; nothing new is stored.
      const winner = await findByIdempotencyKey(db, input.idempotencyKey);
      if (winner) return winner;
    }
    throw error;
  }
}

// --- the rows of one submission ---------------------------------------------------------------

/** The Lead columns this module writes (everything else keeps its database default or NULL). */
interface LeadColumns {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  status: string;
  eligibility: string;
  flagCodes: string;
  lossPattern: string;
  norwoodStage: string | null;
  ludwigStage: string | null;
  sex: string;
  age: number;
  goal: string;
  priceMinUsd: number;
  priceMaxUsd: number;
  priceBasis: string;
  priceEstimate: boolean;
  priceTableVersion: number;
  rulesVersion: string;
  answers: Prisma.InputJsonObject;
  result: Prisma.InputJsonObject;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  preferredContact: string;
  patientNotes: string | null;
  searchText: string;
  locale: string;
  consentContactAccepted: boolean;
  consentPrivacyAccepted: boolean;
  consentTextVersion: string;
  consentAt: Date;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  referrer: string | null;
  idempotencyKey: string;
  relatedLeadId: string | null;
  version: number;
}

/** Column order of the SQL inserts (every key of LeadColumns, checked by the type below). */
const LEAD_COLUMNS = [
  "id", "createdAt", "updatedAt", "status", "eligibility", "flagCodes", "lossPattern", "norwoodStage", "ludwigStage",
  "sex", "age", "goal", "priceMinUsd", "priceMaxUsd", "priceBasis", "priceEstimate", "priceTableVersion", "rulesVersion",
  "answers", "result", "firstName", "lastName", "email", "phone", "preferredContact", "patientNotes", "searchText",
  "locale", "consentContactAccepted", "consentPrivacyAccepted", "consentTextVersion", "consentAt", "utmSource",
  "utmMedium", "utmCampaign", "referrer", "idempotencyKey", "relatedLeadId", "version",
] as const satisfies readonly (keyof LeadColumns)[];
// Compile-time check that LEAD_COLUMNS names every column of LeadColumns.
const _allLeadColumns: Record<Exclude<keyof LeadColumns, (typeof LEAD_COLUMNS)[number]>, never> = {};
void _allLeadColumns;

/** Everything to store except what depends on the repeat-inquiry lookup. */
interface LeadDraft {
  now: Date;
  lead: Omit<LeadColumns, "relatedLeadId">;
  ipHash: string;
  channels: readonly NotificationChannel[];
  /** Ids for the event and the outbox rows (generated here so every write path stores the same). */
  eventId: string;
  outboxIds: string[];
}

interface WrittenLead {
  id: string;
  relatedLeadId: string | null;
}

function leadDraft(
  input: CreateLeadInput,
  result: CandidacyResult,
  locale: CandidacyLocale,
  now: Date,
  ipHashValue: string,
  channels: readonly NotificationChannel[],
): LeadDraft {
  const { contact, consent, answers } = input;
  return {
    now,
    ipHash: ipHashValue,
    channels,
    eventId: newId(),
    outboxIds: channels.map(() => newId()),
    lead: {
      id: newId(),
      createdAt: now,
      // What Prisma's @updatedAt stores: the time of the write (differs from createdAt for seeded past leads).
      updatedAt: new Date(),
      status: "new",
      eligibility: result.status,
      flagCodes: flagCodesColumn(result),
      lossPattern: answers.lossPattern,
      norwoodStage: answers.norwoodStage ?? null,
      ludwigStage: answers.ludwigStage ?? null,
      sex: answers.sex,
      age: answers.age,
      goal: answers.goal,
      priceMinUsd: result.price.minUsd,
      priceMaxUsd: result.price.maxUsd,
      priceBasis: result.price.basis,
      priceEstimate: result.price.estimate,
      priceTableVersion: result.price.tableVersion,
      rulesVersion: result.rulesVersion,
      answers: toJson(answers),
      result: toJson(result),

      firstName: contact.firstName,
      lastName: contact.lastName,
      email: contact.email,
      phone: contact.phone,
      preferredContact: contact.preferredContact,
      patientNotes: contact.notes === undefined || contact.notes === "" ? null : contact.notes,
      searchText: [contact.firstName, contact.lastName, contact.email, contact.phone].join(" ").toLowerCase(),
      locale,

      consentContactAccepted: consent.contactAccepted,
      consentPrivacyAccepted: consent.privacyAccepted,
      consentTextVersion: consent.textVersion,
      consentAt: now,

      utmSource: emptyToNull(input.source?.utmSource),
      utmMedium: emptyToNull(input.source?.utmMedium),
      utmCampaign: emptyToNull(input.source?.utmCampaign),
      referrer: emptyToNull(input.source?.referrer),

      idempotencyKey: input.idempotencyKey,
      version: 1,
    },
  };
}

function leadColumns(draft: LeadDraft, relatedLeadId: string | null): LeadColumns {
  return { ...draft.lead, relatedLeadId };
}

function eventData(draft: LeadDraft, relatedLeadId: string | null): Prisma.InputJsonObject {
  return { source: "web", relatedLeadId, ipHash: draft.ipHash, notifications: [...draft.channels] };
}

function outboxPayload(draft: LeadDraft, relatedLeadId: string | null): Prisma.InputJsonObject {
  const payload: LeadCreatedPayload = {
    eligibility: draft.lead.eligibility as LeadCreatedPayload["eligibility"],
    createdAt: draft.now.toISOString(),
    repeatInquiry: relatedLeadId !== null,
  };
  return toJson(payload);
}

/** Bounds of the repeat-inquiry window for a submission at `now`. */
function repeatWindow(now: Date): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - REPEAT_INQUIRY_WINDOW_MS), to: now };
}

// --- write path: SQLite (synchronous, one IMMEDIATE transaction) -------------------------------

interface SqliteLeadStatements {
  related: Statement<unknown[], string>;
  lead: Statement<unknown[]>;
  event: Statement<unknown[]>;
  outbox: Statement<unknown[]>;
}

const sqliteStatements = new WeakMap<Database.Database, SqliteLeadStatements>();

function sqliteLeadStatements(connection: Database.Database): SqliteLeadStatements {
  let statements = sqliteStatements.get(connection);
  if (!statements) {
    statements = {
      related: connection
        .prepare<unknown[], string>(
          `SELECT "id" FROM "Lead" WHERE "createdAt" >= ? AND "createdAt" <= ? AND ("email" = ? OR "phone" = ?)
            ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`,
        )
        .pluck(),
      lead: connection.prepare(
        `INSERT INTO "Lead" (${LEAD_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${LEAD_COLUMNS.map(() => "?").join(", ")})`,
      ),
      event: connection.prepare(
        `INSERT INTO "LeadEvent" ("id", "leadId", "actorId", "type", "data", "createdAt") VALUES (?, ?, NULL, 'created', ?, ?)`,
      ),
      outbox: connection.prepare(
        `INSERT INTO "OutboxMessage" ("id", "kind", "leadId", "channel", "payload", "attempts", "nextAttemptAt", "deliveredAt", "lastError", "createdAt")
          VALUES (?, ?, ?, ?, ?, 0, ?, NULL, NULL, ?)`,
      ),
    };
    sqliteStatements.set(connection, statements);
  }
  return statements;
}

/** A DateTime as @prisma/adapter-better-sqlite3 stores it (iso8601 text), so range filters compare alike. */
function sqliteDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function sqliteValue(value: LeadColumns[keyof LeadColumns]): string | number | null {
  if (value === null) return null;
  if (value instanceof Date) return sqliteDate(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "object") return JSON.stringify(value);
  return value;
}

/**
 * Lookup and inserts in one synchronous BEGIN IMMEDIATE ... COMMIT on the adapter's connection:
 * nothing else runs on the event loop meanwhile, so no Prisma query can interleave. Returns
 * undefined (use the Prisma path) when the connection is inside a Prisma transaction right now.
 */
function writeLeadSqlite(connection: Database.Database, draft: LeadDraft): WrittenLead | undefined {
  if (connection.inTransaction) return undefined;
  const statements = sqliteLeadStatements(connection);
  const window = repeatWindow(draft.now);
  const createdAt = sqliteDate(draft.now);
  return connection
    .transaction((): WrittenLead => {
      const relatedLeadId =
        statements.related.get(sqliteDate(window.from), sqliteDate(window.to), draft.lead.email, draft.lead.phone) ?? null;
      const lead = leadColumns(draft, relatedLeadId);
      statements.lead.run(LEAD_COLUMNS.map((column) => sqliteValue(lead[column])));
      statements.event.run(draft.eventId, lead.id, JSON.stringify(eventData(draft, relatedLeadId)), createdAt);
      const payload = JSON.stringify(outboxPayload(draft, relatedLeadId));
      draft.channels.forEach((channel, i) => {
        statements.outbox.run(draft.outboxIds[i], LEAD_CREATED, lead.id, channel, payload, createdAt, createdAt);
      });
      return { id: lead.id, relatedLeadId };
    })
    .immediate();
}

// --- write path: PostgreSQL (lookup, then one atomic statement) --------------------------------

const PG_RELATED_SQL = `SELECT "id" FROM "Lead" WHERE "createdAt" >= $1 AND "createdAt" <= $2 AND ("email" = $3 OR "phone" = $4)
  ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`;

const PG_LEAD_PARAMS = LEAD_COLUMNS.length;
/**
 * Data-modifying CTEs: the lead, its event and one outbox row per channel in ONE statement, which
 * PostgreSQL runs atomically (a failure anywhere stores nothing). Timestamps are sent as UTC ISO
 * text into timestamp(3) columns (the offset is ignored: stored as UTC, as Prisma does).
 */
const PG_INSERT_SQL = `WITH "lead" AS (
  INSERT INTO "Lead" (${LEAD_COLUMNS.map((c) => `"${c}"`).join(", ")})
  VALUES (${LEAD_COLUMNS.map((_c, i) => `$${i + 1}`).join(", ")})
  RETURNING "id"
), "event" AS (
  INSERT INTO "LeadEvent" ("id", "leadId", "actorId", "type", "data", "createdAt")
  SELECT $${PG_LEAD_PARAMS + 1}::text, "lead"."id", NULL, 'created', $${PG_LEAD_PARAMS + 2}::jsonb, $${PG_LEAD_PARAMS + 3}::timestamp(3) FROM "lead"
), "outbox" AS (
  INSERT INTO "OutboxMessage" ("id", "kind", "leadId", "channel", "payload", "attempts", "nextAttemptAt", "createdAt")
  SELECT "o"."id", $${PG_LEAD_PARAMS + 4}::text, "lead"."id", "o"."channel", $${PG_LEAD_PARAMS + 5}::jsonb, 0,
         $${PG_LEAD_PARAMS + 3}::timestamp(3), $${PG_LEAD_PARAMS + 3}::timestamp(3)
  FROM "lead", unnest($${PG_LEAD_PARAMS + 6}::text[], $${PG_LEAD_PARAMS + 7}::text[]) AS "o"("id", "channel")
)
SELECT "id" FROM "lead"`;

function pgValue(value: LeadColumns[keyof LeadColumns]): string | number | boolean | null {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

async function writeLeadPostgres(pool: pg.Pool, draft: LeadDraft): Promise<WrittenLead> {
  const window = repeatWindow(draft.now);
  // Named statements: each pool connection parses and plans them once.
  const related = await pool.query<{ id: string }>({ name: "smp_lead_related", text: PG_RELATED_SQL, values: [
    window.from.toISOString(),
    window.to.toISOString(),
    draft.lead.email,
    draft.lead.phone,
  ] });
  const relatedLeadId = related.rows[0]?.id ?? null;
  const lead = leadColumns(draft, relatedLeadId);
  await pool.query({ name: "smp_lead_insert", text: PG_INSERT_SQL, values: [
    ...LEAD_COLUMNS.map((column) => pgValue(lead[column])),
    draft.eventId,
    JSON.stringify(eventData(draft, relatedLeadId)),
    draft.now.toISOString(),
    LEAD_CREATED,
    JSON.stringify(outboxPayload(draft, relatedLeadId)),
    draft.outboxIds,
    [...draft.channels],
  ] });
  return { id: lead.id, relatedLeadId };
}

// --- write path: Prisma (fallback) ---------------------------------------------------------------

/** The same rows through Prisma: the lookup, then one nested create (one transaction). */
async function writeLeadPrisma(db: Db, draft: LeadDraft): Promise<WrittenLead> {
  const window = repeatWindow(draft.now);
  const related = await db.lead.findFirst({
    where: {
      createdAt: { gte: window.from, lte: window.to },
      OR: [{ email: draft.lead.email }, { phone: draft.lead.phone }],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  const relatedLeadId = related?.id ?? null;
  const payload = outboxPayload(draft, relatedLeadId);
  const lead = await db.lead.create({
    data: {
      ...leadColumns(draft, relatedLeadId),
      events: {
        create: { id: draft.eventId, type: "created", createdAt: draft.now, data: eventData(draft, relatedLeadId) },
      },
      outbox: {
        create: draft.channels.map((channel, i) => ({
          id: draft.outboxIds[i],
          kind: LEAD_CREATED,
          channel,
          payload,
          nextAttemptAt: draft.now,
          createdAt: draft.now,
        })),
      },
    },
    select: { id: true },
  });
  return { id: lead.id, relatedLeadId };
}

async function findByIdempotencyKey(db: Db, idempotencyKey: string): Promise<CreateLeadOutcome | null> {
  const lead = await db.lead.findUnique({
    where: { idempotencyKey },
    select: { id: true, result: true, relatedLeadId: true },
  });
  if (!lead) return null;
  // Stored by this module from a validated CandidacyResult.
  return { id: lead.id, result: lead.result as unknown as CandidacyResult, created: false, stored: true, relatedLeadId: lead.relatedLeadId };
}

/** ",CODE_A,CODE_B," (or "," without flags) so a flag filter is a portable LIKE '%,CODE,%'. */
export function flagCodesColumn(result: Pick<CandidacyResult, "flags">): string {
  return result.flags.length === 0 ? "," : `,${result.flags.map((f) => f.code).join(",")},`;
}

function emptyToNull(value: string | undefined): string | null {
  return value === undefined || value === "" ? null : value;
}

/** Zod output is plain JSON data (no Dates, no undefined values inside arrays); this only changes the type. */
function toJson(value: object): Prisma.InputJsonObject {
  return value as Prisma.InputJsonObject;
}

/** A unique violation on Lead.idempotencyKey, from Prisma (P2002), better-sqlite3 or pg. */
function isIdempotencyKeyViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message, constraint } = error as { code?: unknown; message?: unknown; constraint?: unknown };
  if (code === "P2002") return true;
  if (code === "SQLITE_CONSTRAINT_UNIQUE") return typeof message === "string" && message.includes("Lead.idempotencyKey");
  if (code === "23505") return constraint === "Lead_idempotencyKey_key";
  return false;
}

/**
 * A keyed, truncated hash of the client IP: enough to see that many submissions came from one
 * address, not enough to recover the address. The key is the auth secret (stable per install).
 */
export function ipHash(ip: string): string {
  const key = getEnv().BETTER_AUTH_SECRET ?? "smp-estimator-ip-hash";
  return createHmac("sha256", key).update(ip).digest("hex").slice(0, 16);
}

/**
 * A new row id in the shape of Prisma's cuid(): "c", 8 base-36 characters of the time in ms (ids
 * sort roughly by creation), 16 random base-36 characters (about 82 bits).
 */
export function newId(): string {
  const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
  const time = Date.now().toString(36).padStart(8, "0").slice(-8);
  const bytes = randomBytes(16);
  let rest = "";
  for (const byte of bytes) rest += alphabet[byte % 36];
  return `c${time}${rest}`;
}

/** Looks like a stored lead's id (same shape: "c" + 24 lower-case base-36 characters). */
export function decoyLeadId(): string {
  return newId();
}
