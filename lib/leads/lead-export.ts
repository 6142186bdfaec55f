import "server-only";

import { getClinicProfile } from "@/lib/clinic/store";
import { formatWallClock, wallClock } from "@/lib/clinic/time";
import { type ArrayReadPath, epochMs, queryArrays, type RawRow, type RawValue } from "@/lib/db/array-query";
import { type Db, dbProviderOf, Prisma } from "@/lib/db/client";
import { CSV_BYTE_ORDER_MARK, csvField, neutralizeFormula, stripControlCharacters } from "@/lib/export/csv";
import type { DbProvider } from "@/lib/db/provider";
import { recordAudit } from "@/lib/audit/record";
import type { LeadExportQuery } from "@/lib/leads/lead-filters";
import type { LeadStage } from "@/lib/leads/lead-stage-names";
import { flagCodesOf, inboxConditions } from "@/lib/leads/staff-inbox";
import { XlsxSheetWriter } from "@/lib/export/xlsx-writer";

/**
 * Exports of inquiries (admin only; the route checks): CSV and XLSX of the SAME rows and columns,
 * with the inbox's filters (lib/leads/lead-filters.ts leadExportQuerySchema). docs/decisions/014-admin-exports-erasure-retention.md.
 *
 * Rows: oldest first (as a spreadsheet reads), read in batches of EXPORT_BATCH, one statement per
 * batch: the keyset page of ids through the inbox's own conditions (the covering index, keyset on
 * createdAt + id), joined to the rows by primary key, selected columns only (no ORM rows), dates as
 * epoch milliseconds computed by the database (no date text parsed per row). Both databases are
 * read on the driver underneath the client (lib/db/client.ts driverHandle, as the lead write path
 * does), rows as arrays: SQLite on the adapter's better-sqlite3 connection (the batch's notes in a
 * second, synchronous statement); PostgreSQL on the adapter's pg pool, with its own value parsing
 * and each lead's notes aggregated in the same statement (one round trip a batch), the next batch
 * sent while this one is encoded. Prisma's $queryRaw runs the same SQL when there is no handle.
 * Each batch is encoded only when the client pulls, so memory stays flat at any size
 * (npm run bench -- admin).
 *
 * Columns: EXPORT_COLUMNS, stable: new columns are only ever appended (the last seven: the photo
 * count and the staff's confirmed assessment, issue 21; empty until one is confirmed; then the
 * consultation: status, type, start, the clinic's zone, consultant, booked at, booked by, issue 20; then
 * the funnel stages first reached and the treatment amount agreed, issue 22). Dates and times are the
 * clinic's wall clock (its profile's time zone): "YYYY-MM-DD HH:MM" in the CSV, real date cells in
 * the XLSX. C0 control characters other than tab, line feed and carriage return are removed from
 * every text cell (XML cannot hold them, and they only ever hide text).
 *
 * CSV: lib/export/csv.ts (RFC 4180, UTF-8 with a byte-order mark so Excel shows accents; a text
 * cell that begins with = + - @, a tab or a carriage return is prefixed with ' so a spreadsheet
 * shows it as text instead of running it, OWASP "CSV injection"); phone numbers therefore read '+1...
 * XLSX: lib/export/xlsx-writer.ts (streamed zip; inline strings, and a bounded shared-string table
 * for the columns of repeating codes, XLSX_SHARED_COLUMNS); every text cell is written as a string
 * cell, numbers as numbers, yes/no as booleans, dates as dates: no formula is ever written, so no
 * apostrophe is needed there.
 */

/** Rows per batch: also the number of ids bound in the SQLite notes query. */
export const EXPORT_BATCH = 500;

type ColumnKind = "text" | "number" | "boolean" | "datetime";

type Cell = string | number | boolean | Date | null;

/**
 * The lead columns the export reads, in this order in every raw row (one raw statement per batch:
 * no ORM row mapping at 100,000 rows), then the assignee's name and (PostgreSQL) the notes.
 */
const EXPORT_LEAD_COLUMNS = [
  "id", "createdAt", "status", "closedReason", "eligibility", "flagCodes", "priceMinUsd", "priceMaxUsd", "priceEstimate",
  "priceBasis", "priceTableVersion", "rulesVersion", "firstName", "lastName", "email", "phone", "preferredContact",
  "patientNotes", "locale", "sex", "age", "lossPattern", "norwoodStage", "ludwigStage", "goal", "answers", "consentAt",
  "consentTextVersion", "utmSource", "utmMedium", "utmCampaign", "referrer", "relatedLeadId", "firstContactedAt", "followUpAt",
  "reference",
] as const;
/** Read as milliseconds since the epoch (UTC), computed by the database: no date text parsed per row. */
const DATE_COLUMNS: ReadonlySet<string> = new Set(["createdAt", "consentAt", "firstContactedAt", "followUpAt"]);

/**
 * The photos and the confirmed assessment (docs/decisions/023-photos.md), after the assignee: the
 * photo count from LeadPhoto's (leadId, slot) index, the rest from LeadAssessment by its unique
 * leadId (the price and eligibility out of the confirmed result's JSON, by the database).
 */
const ASSESSMENT_KEYS = [
  "photoCount", "confirmedNorwoodStage", "confirmedLudwigStage", "confirmedEligibility", "confirmedPriceMinUsd", "confirmedPriceMaxUsd", "assessedAt",
] as const;

/**
 * The inquiry's consultation (issue 20, decision 022), after the assessment: its booked one, else the
 * one changed last (cancelled, attended, no-show), as the inquiry page shows it; by the Consultation
 * leadId index. The consultant's name through Consultant and user.
 */
const CONSULTATION_KEYS = [
  "consultationStatus", "consultationType", "consultationStartsAt", "consultantName", "consultationBookedAt", "consultationBookedBy",
] as const;

/**
 * The funnel stages the inquiry reached (issue 22 item 8, decision 026), after the consultation: when
 * it was first contacted, booked, attended, became a patient, and the treatment amount agreed; each
 * read from LeadStage by its primary key (leadId, stage).
 */
const STAGE_KEYS = ["stageContactedAt", "stageConsultationBookedAt", "stageAttendedAt", "stageBecamePatientAt", "treatmentAmountUsd"] as const;
const STAGE_COLUMNS = [
  ["stageContactedAt", "contacted"],
  ["stageConsultationBookedAt", "consultation_booked"],
  ["stageAttendedAt", "attended"],
  ["stageBecamePatientAt", "became_patient"],
] as const satisfies readonly (readonly [(typeof STAGE_KEYS)[number], LeadStage])[];

type RowKey =
  | (typeof EXPORT_LEAD_COLUMNS)[number]
  | "assigneeName"
  | (typeof ASSESSMENT_KEYS)[number]
  | (typeof CONSULTATION_KEYS)[number]
  | (typeof STAGE_KEYS)[number]
  | "notes";
const ROW_KEYS = [...EXPORT_LEAD_COLUMNS, "assigneeName", ...ASSESSMENT_KEYS, ...CONSULTATION_KEYS, ...STAGE_KEYS, "notes"] as const satisfies readonly RowKey[];
/** Position of each value in a raw row. */
const AT = Object.fromEntries(ROW_KEYS.map((key, i) => [key, i])) as Readonly<Record<RowKey, number>>;

/** Which way an export reads: the driver underneath the client (default), or Prisma's $queryRaw (tests compare them). */
export type ExportReadPath = ArrayReadPath;

const str = (v: RawValue): string | null => (v === null || v === undefined ? null : typeof v === "string" ? v : String(v));
const num = (v: RawValue): number | null => (v === null || v === undefined ? null : Number(v));
const bool = (v: RawValue): boolean | null => (v === null || v === undefined ? null : v === true || v === 1 || v === 1n || v === "1" || v === "t" || v === "true");
const date = (v: RawValue): Date | null =>
  v instanceof Date ? v : v === null || v === undefined ? null : new Date(typeof v === "number" || typeof v === "bigint" ? Number(v) : String(v));

/** A number inside the confirmed result's JSON (LeadAssessment.confirmedResult; jsonb on PostgreSQL, text on SQLite). */
const confirmedJson: Readonly<Record<DbProvider, (path: readonly string[], type: "int" | "text") => string>> = {
  sqlite: (path) => `json_extract(asm."confirmedResult", '$.${path.join(".")}')`,
  postgresql: (path, type) => `(asm."confirmedResult" #>> '{${path.join(",")}}')${type === "int" ? "::int4" : ""}`,
};

function selectList(provider: DbProvider): string {
  const leadColumns = EXPORT_LEAD_COLUMNS.map((c) => (DATE_COLUMNS.has(c) ? `${epochMs[provider](`l."${c}"`)} AS "${c}"` : `l."${c}"`));
  const json = confirmedJson[provider];
  const assessment = [
    `(SELECT COUNT(*) FROM "LeadPhoto" p WHERE p."leadId" = l."id") AS "photoCount"`,
    `asm."norwoodStage" AS "confirmedNorwoodStage"`,
    `asm."ludwigStage" AS "confirmedLudwigStage"`,
    `${json(["status"], "text")} AS "confirmedEligibility"`,
    `${json(["price", "minUsd"], "int")} AS "confirmedPriceMinUsd"`,
    `${json(["price", "maxUsd"], "int")} AS "confirmedPriceMaxUsd"`,
    `${epochMs[provider](`asm."assessedAt"`)} AS "assessedAt"`,
  ];
  const consultation = [
    `c."status" AS "consultationStatus"`,
    `c."type" AS "consultationType"`,
    `${epochMs[provider](`c."startsAt"`)} AS "consultationStartsAt"`,
    `cu."name" AS "consultantName"`,
    `${epochMs[provider](`c."createdAt"`)} AS "consultationBookedAt"`,
    `c."bookedBy" AS "consultationBookedBy"`,
  ];
  const stage = (name: LeadStage, column: string) => `(SELECT ${column} FROM "LeadStage" s WHERE s."leadId" = l."id" AND s."stage" = '${name}')`;
  const stages = [
    ...STAGE_COLUMNS.map(([key, name]) => `${stage(name, epochMs[provider](`s."reachedAt"`))} AS "${key}"`),
    `${stage("became_patient", `s."amountUsd"`)} AS "treatmentAmountUsd"`,
  ];
  return [...leadColumns, `u."name" AS "assigneeName"`, ...assessment, ...consultation, ...stages].join(", ");
}

/**
 * PostgreSQL: each lead's notes in the same statement, oldest first, as a JSON array of
 * [epoch ms, author, body] (NULL without notes): one round trip per batch.
 */
const PG_NOTES_JOIN = `LEFT JOIN LATERAL (
  SELECT json_agg(json_build_array(${epochMs.postgresql(`n."createdAt"`)}, a."name", n."body") ORDER BY n."createdAt" ASC, n."id" ASC) AS "notes"
  FROM "LeadNote" n JOIN "user" a ON a."id" = n."authorId" WHERE n."leadId" = l."id"
) notes ON true`;

/** The inquiry's consultation shown in the export (CONSULTATION_KEYS): booked first, then the latest changed. */
const CONSULTATION_JOIN = `LEFT JOIN "Consultation" c ON c."id" = (
      SELECT c2."id" FROM "Consultation" c2 WHERE c2."leadId" = l."id"
      ORDER BY CASE WHEN c2."status" = 'booked' THEN 0 ELSE 1 END, c2."updatedAt" DESC, c2."id" DESC LIMIT 1
    )
    LEFT JOIN "Consultant" k ON k."id" = c."consultantId"
    LEFT JOIN "user" cu ON cu."id" = k."userId"`;

/** The batch statement: the keyset page of ids from the covering index, then the rows by primary key. */
function batchSql(provider: DbProvider, where: Prisma.Sql, limit: number): Prisma.Sql {
  const notes = provider === "postgresql" ? Prisma.raw(`, notes."notes"`) : Prisma.empty;
  const notesJoin = provider === "postgresql" ? Prisma.raw(PG_NOTES_JOIN) : Prisma.empty;
  return Prisma.sql`
    SELECT ${Prisma.raw(selectList(provider))}${notes} FROM (
      SELECT "id" FROM "Lead" ${where} ORDER BY "createdAt" ASC, "id" ASC LIMIT ${Prisma.raw(String(limit))}
    ) page
    JOIN "Lead" l ON l."id" = page."id"
    LEFT JOIN "user" u ON u."id" = l."assigneeId"
    LEFT JOIN "LeadAssessment" asm ON asm."leadId" = l."id"
    ${Prisma.raw(CONSULTATION_JOIN)}
    ${notesJoin}`;
}

/** SQLite: the batch's notes in a second statement (synchronous, on the same connection). */
function sqliteNotesSql(leadIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT n."leadId", ${Prisma.raw(epochMs.sqlite(`n."createdAt"`))}, u."name", n."body" FROM "LeadNote" n
    JOIN "user" u ON u."id" = n."authorId" WHERE n."leadId" IN (${Prisma.join(leadIds)}) ORDER BY n."createdAt" ASC, n."id" ASC`;
}


interface AnswerLists {
  scars: string;
  skin: string;
  clearance: boolean | null;
  chemo: string | null;
  health: string;
}

/** The answers' list fields, read without re-validating (they were validated when stored). */
function answerLists(stored: RawValue): AnswerLists {
  let raw: unknown = stored;
  if (typeof raw === "string") {
    try {
      raw = JSON.parse(raw);
    } catch {
      raw = {};
    }
  }
  const a = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string").join("; ") : "");
  return {
    scars: list(a.scars),
    skin: list(a.skinConditions),
    clearance: typeof a.dermatologyClearance === "boolean" ? a.dermatologyClearance : null,
    chemo: typeof a.chemotherapy === "string" ? a.chemotherapy : null,
    health: list(a.healthScreen),
  };
}

interface NoteCells {
  all: string;
  latest: string | null;
}

/** The notes cells from the notes oldest first: "YYYY-MM-DD HH:MM author: body" joined by " | ", and the last body. */
function noteCells(notes: readonly (readonly RawValue[])[], timeZone: string): NoteCells | undefined {
  let cells: NoteCells | undefined;
  for (const [createdAt, author, body] of notes) {
    const text = str(body ?? null) ?? "";
    const at = date(createdAt ?? null);
    const line = `${at ? formatWallClock(at, timeZone) : ""} ${str(author ?? null) ?? ""}: ${text}`;
    if (cells) {
      cells.all += ` | ${line}`;
      cells.latest = text;
    } else cells = { all: line, latest: text };
  }
  return cells;
}

/** PostgreSQL's notes value: the JSON array of the batch statement (text from pg, parsed through Prisma). */
function pgNoteCells(value: RawValue, timeZone: string): NoteCells | undefined {
  if (value === null || value === undefined) return undefined;
  const notes: unknown = typeof value === "string" ? JSON.parse(value) : value;
  return Array.isArray(notes) ? noteCells(notes.filter(Array.isArray), timeZone) : undefined;
}

type CellReader = (row: RawRow, answers: AnswerLists, notes: NoteCells | undefined, timeZone: string) => Cell;
const text = (key: RowKey): CellReader => (r) => str(r[AT[key]]);
const number = (key: RowKey): CellReader => (r) => num(r[AT[key]]);
const yesNo = (key: RowKey): CellReader => (r) => bool(r[AT[key]]);
const datetime = (key: RowKey): CellReader => (r) => date(r[AT[key]]);

/** The documented columns, in order (README "Exports"), each with its kind and how it is read. Append only. */
export const EXPORT_COLUMN_SPECS = [
  ["id", "text", text("id")],
  ["created_at", "datetime", datetime("createdAt")],
  ["status", "text", text("status")],
  ["closed_reason", "text", text("closedReason")],
  ["eligibility", "text", text("eligibility")],
  ["flags", "text", (r) => flagCodesOf(str(r[AT.flagCodes]) ?? "").join("; ")],
  ["price_min_usd", "number", number("priceMinUsd")],
  ["price_max_usd", "number", number("priceMaxUsd")],
  ["price_is_estimate", "boolean", yesNo("priceEstimate")],
  ["price_basis", "text", text("priceBasis")],
  ["price_table_version", "number", number("priceTableVersion")],
  ["rules_version", "text", text("rulesVersion")],
  ["first_name", "text", text("firstName")],
  ["last_name", "text", text("lastName")],
  ["email", "text", text("email")],
  ["phone", "text", text("phone")],
  ["preferred_contact", "text", text("preferredContact")],
  ["patient_notes", "text", text("patientNotes")],
  ["language", "text", text("locale")],
  ["sex", "text", text("sex")],
  ["age", "number", number("age")],
  ["loss_pattern", "text", text("lossPattern")],
  ["norwood_stage", "text", text("norwoodStage")],
  ["ludwig_stage", "text", text("ludwigStage")],
  ["goal", "text", text("goal")],
  ["scars", "text", (_r, a) => a.scars],
  ["skin_conditions", "text", (_r, a) => a.skin],
  ["dermatology_clearance", "boolean", (_r, a) => a.clearance],
  ["chemotherapy", "text", (_r, a) => a.chemo],
  ["health_screen", "text", (_r, a) => a.health],
  ["consent_at", "datetime", datetime("consentAt")],
  ["consent_text_version", "text", text("consentTextVersion")],
  ["utm_source", "text", text("utmSource")],
  ["utm_medium", "text", text("utmMedium")],
  ["utm_campaign", "text", text("utmCampaign")],
  ["referrer", "text", text("referrer")],
  ["assignee", "text", text("assigneeName")],
  ["earlier_inquiry_id", "text", text("relatedLeadId")],
  ["staff_notes", "text", (_r, _a, n) => n?.all ?? ""],
  ["reference", "text", text("reference")],
  ["first_contacted_at", "datetime", datetime("firstContactedAt")],
  ["follow_up_at", "datetime", datetime("followUpAt")],
  ["latest_note", "text", (_r, _a, n) => n?.latest ?? null],
  ["photo_count", "number", number("photoCount")],
  ["confirmed_norwood_stage", "text", text("confirmedNorwoodStage")],
  ["confirmed_ludwig_stage", "text", text("confirmedLudwigStage")],
  ["confirmed_eligibility", "text", text("confirmedEligibility")],
  ["confirmed_price_min_usd", "number", number("confirmedPriceMinUsd")],
  ["confirmed_price_max_usd", "number", number("confirmedPriceMaxUsd")],
  ["assessed_at", "datetime", datetime("assessedAt")],
  ["consultation_status", "text", text("consultationStatus")],
  ["consultation_type", "text", text("consultationType")],
  ["consultation_start", "datetime", datetime("consultationStartsAt")],
  // The zone the export's date-times are read in (the clinic's), named beside the consultation's start.
  ["consultation_time_zone", "text", (r, _a, _n, timeZone) => (r[AT.consultationStartsAt] === null || r[AT.consultationStartsAt] === undefined ? null : timeZone)],
  ["consultant", "text", text("consultantName")],
  ["consultation_booked_at", "datetime", datetime("consultationBookedAt")],
  ["consultation_booked_by", "text", text("consultationBookedBy")],
  ["stage_contacted_at", "datetime", datetime("stageContactedAt")],
  ["stage_consultation_booked_at", "datetime", datetime("stageConsultationBookedAt")],
  ["stage_attended_at", "datetime", datetime("stageAttendedAt")],
  ["stage_became_patient_at", "datetime", datetime("stageBecamePatientAt")],
  ["treatment_amount_usd", "number", number("treatmentAmountUsd")],
] as const satisfies readonly (readonly [string, ColumnKind, CellReader])[];

export type ExportColumn = (typeof EXPORT_COLUMN_SPECS)[number][0];
export const EXPORT_COLUMNS: readonly ExportColumn[] = EXPORT_COLUMN_SPECS.map(([name]) => name);
const CELL_READERS: readonly CellReader[] = EXPORT_COLUMN_SPECS.map(([, , read]) => read);

function rowCells(row: RawRow, notes: NoteCells | undefined, timeZone: string): Cell[] {
  const answers = answerLists(row[AT.answers]);
  const cells = new Array<Cell>(CELL_READERS.length);
  for (let i = 0; i < CELL_READERS.length; i++) cells[i] = (CELL_READERS[i] as CellReader)(row, answers, notes, timeZone);
  return cells;
}

async function sqliteNotesByLead(db: Db, leadIds: string[], timeZone: string, path: ExportReadPath): Promise<Map<string, NoteCells>> {
  const out = new Map<string, NoteCells>();
  if (leadIds.length === 0) return out;
  const byLead = new Map<string, RawValue[][]>();
  for (const [leadId, ...note] of await queryArrays(db, sqliteNotesSql(leadIds), path)) {
    const id = String(leadId);
    const list = byLead.get(id);
    if (list) list.push(note);
    else byLead.set(id, [note]);
  }
  for (const [id, notes] of byLead) {
    const cells = noteCells(notes, timeZone);
    if (cells) out.set(id, cells);
  }
  return out;
}

export interface ExportReadOptions {
  /** How the rows are read (default "driver"; "prisma" is the fallback, compared in tests). */
  path?: ExportReadPath;
  /** Rows per batch (default EXPORT_BATCH). */
  batchSize?: number;
}

/**
 * The export's rows in batches (oldest first), as typed cells; `next()` returns null when done.
 * On PostgreSQL the next batch's statement is sent as soon as a batch arrives, so the server works
 * while this one is encoded (at most one batch ahead: memory stays flat).
 */
export function exportBatches(db: Db, query: LeadExportQuery, timeZone: string, options: ExportReadOptions = {}): () => Promise<Cell[][] | null> {
  const path = options.path ?? "driver";
  const limit = options.batchSize ?? EXPORT_BATCH;
  const provider = dbProviderOf(db);
  // The provider's own form of the terms: on PostgreSQL the plain ones (its planner seq-scans the
  // table for SQLite's expression forms: 50 ms a batch instead of 0.2 ms).
  const base = inboxConditions(query, undefined, { timeZone, provider });

  async function read(cursor: { createdAt: Date; id: string } | null): Promise<RawRow[]> {
    const and = [...base];
    if (cursor) and.push(Prisma.sql`"createdAt" >= ${cursor.createdAt} AND ("createdAt" > ${cursor.createdAt} OR "id" > ${cursor.id})`);
    const where = and.length > 0 ? Prisma.sql`WHERE ${Prisma.join(and, " AND ")}` : Prisma.empty;
    const rows = await queryArrays(db, batchSql(provider, where, limit), path);
    // The page's order, restored here: an outer ORDER BY would sort the wide rows in a temporary b-tree.
    return rows
      .map((row) => ({ row, at: Number(row[AT.createdAt] ?? 0), id: String(row[AT.id]) }))
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(({ row }) => row);
  }

  const prefetch = provider === "postgresql";
  let cursor: { createdAt: Date; id: string } | null = null;
  let ahead: Promise<RawRow[]> | null = null;
  let finished = false;
  return async function next(): Promise<Cell[][] | null> {
    if (finished) return null;
    const rows = await (ahead ?? read(cursor));
    ahead = null;
    const last = rows[rows.length - 1];
    const lastAt = last ? date(last[AT.createdAt]) : null;
    if (rows.length < limit || !last || !lastAt) finished = true;
    else {
      cursor = { createdAt: lastAt, id: String(last[AT.id]) };
      if (prefetch) {
        ahead = read(cursor);
        // A download stopped mid-way leaves this read unawaited: its failure must not go unhandled.
        ahead.catch(() => undefined);
        // Let the pool hand over a connection and the statement go out before this batch is encoded.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    if (rows.length === 0) return null;
    const notes = provider === "sqlite" ? await sqliteNotesByLead(db, rows.map((r) => String(r[AT.id])), timeZone, path) : null;
    return rows.map((row) => rowCells(row, notes ? notes.get(String(row[AT.id])) : pgNoteCells(row[AT.notes], timeZone), timeZone));
  };
}

export type ExportFormat = "csv" | "xlsx";

/** The audit record of an export: format and filters; a search term is noted, not copied (it may be a name). */
async function auditExport(db: Db, actorId: string, format: ExportFormat, query: LeadExportQuery, timeZone: string): Promise<void> {
  await recordAudit(db, {
    actorId,
    type: "exported",
    data: {
      format,
      status: query.status ?? null,
      eligibility: query.eligibility ?? null,
      flag: query.flag ?? null,
      norwood: query.norwood ?? null,
      ludwig: query.ludwig ?? null,
      photos: query.photos ?? null,
      search: query.q !== undefined,
      from: query.from ?? null,
      to: query.to ?? null,
      timeZone,
    },
  });
}

function csvCell(value: Cell, timeZone: string): string | number {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return value;
  if (value instanceof Date) return formatWallClock(value, timeZone);
  return neutralizeFormula(stripControlCharacters(value));
}

function encodeCsv(records: (string | number)[][], header: boolean): string {
  let out = header ? `${EXPORT_COLUMNS.join(",")}\r\n` : "";
  for (const record of records) out += `${record.map(csvField).join(",")}\r\n`;
  return out;
}

/**
 * Records the export in the audit log (who, which filters, when), then returns the CSV stream.
 * The event is written before the first byte so an aborted download is still on record.
 */
export async function exportLeadsCsv(db: Db, actorId: string, query: LeadExportQuery): Promise<ReadableStream<Uint8Array>> {
  const { timeZone } = await getClinicProfile(db);
  await auditExport(db, actorId, "csv", query, timeZone);
  const next = exportBatches(db, query, timeZone);
  const encoder = new TextEncoder();
  let headerSent = false;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const batch = await next();
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(`${CSV_BYTE_ORDER_MARK}${encodeCsv((batch ?? []).map((r) => r.map((c) => csvCell(c, timeZone))), true)}`));
        } else if (batch) {
          controller.enqueue(encoder.encode(encodeCsv(batch.map((r) => r.map((c) => csvCell(c, timeZone))), false)));
        }
        if (!batch) controller.close();
      } catch (e) {
        controller.error(e);
      }
    },
  });
}

function xlsxCell(value: Cell, timeZone: string): string | number | boolean | Date | null {
  if (value === null) return null;
  if (value instanceof Date) return wallClock(value, timeZone);
  if (typeof value === "string") return stripControlCharacters(value);
  return value;
}

/** Columns whose texts repeat (codes, statuses, campaign names, staff names): shared strings in the XLSX, within the writer's bounds. */
const XLSX_SHARED_COLUMNS: ReadonlySet<ExportColumn> = new Set<ExportColumn>([
  "status", "closed_reason", "eligibility", "flags", "price_basis", "rules_version", "preferred_contact", "language", "sex",
  "loss_pattern", "norwood_stage", "ludwig_stage", "goal", "scars", "skin_conditions", "chemotherapy", "health_screen",
  "consent_text_version", "utm_source", "utm_medium", "utm_campaign", "assignee", "confirmed_norwood_stage", "confirmed_ludwig_stage",
  "consultation_status", "consultation_type", "consultation_time_zone", "consultant", "consultation_booked_by",
  "confirmed_eligibility",
]);

function columnWidth(name: ExportColumn, kind: ColumnKind): number {
  if (kind === "datetime") return 17;
  if (kind === "number" || kind === "boolean") return Math.max(8, name.length + 2);
  return Math.min(40, Math.max(12, name.length + 2));
}

/**
 * The XLSX of the same rows and columns, streamed: one DB batch is read and written into the zip
 * only when the client pulls (backpressure), with inline strings, so memory stays flat.
 */
export async function exportLeadsXlsx(db: Db, actorId: string, query: LeadExportQuery): Promise<ReadableStream<Uint8Array>> {
  const { timeZone } = await getClinicProfile(db);
  await auditExport(db, actorId, "xlsx", query, timeZone);
  const next = exportBatches(db, query, timeZone);
  const sheet = new XlsxSheetWriter(
    "Inquiries",
    EXPORT_COLUMN_SPECS.map(([name, kind]) => ({ header: name, width: columnWidth(name, kind), shared: XLSX_SHARED_COLUMNS.has(name) })),
  );
  let started = false;
  const bytes = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(bytes(sheet.start()));
        }
        const batch = await next();
        if (batch) {
          const chunk = sheet.addRows(batch.map((cells) => cells.map((c) => xlsxCell(c, timeZone))));
          if (chunk.length > 0) controller.enqueue(bytes(chunk));
        } else {
          controller.enqueue(bytes(sheet.finish()));
          controller.close();
        }
      } catch (e) {
        controller.error(e);
      }
    },
  });
}

export function exportFileName(query: LeadExportQuery, format: ExportFormat): string {
  const parts = [
    "inquiries",
    query.status,
    query.eligibility,
    query.flag?.toLowerCase(),
    query.from && `from-${query.from.slice(0, 10)}`,
    query.to && `to-${query.to.slice(0, 10)}`,
  ];
  return `${parts.filter(Boolean).join("_")}.${format}`;
}
