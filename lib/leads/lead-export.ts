import "server-only";

import type { Database as SqliteConnection, Statement } from "better-sqlite3";

import { getClinicProfile } from "@/lib/clinic/store";
import { type Db, driverHandle, Prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { formatWallClock, wallClock, type LeadExportQuery } from "@/lib/leads/lead-filters";
import { sqliteDate } from "@/lib/leads/lead-write-sqlite";
import { flagCodesOf, inboxConditions } from "@/lib/leads/staff-inbox";
import { XlsxSheetWriter } from "@/lib/leads/xlsx-writer";

/**
 * Exports of inquiries (admin only; the route checks): CSV and XLSX of the SAME rows and columns,
 * with the inbox's filters (lib/leads/lead-filters.ts leadExportQuerySchema). docs/decisions/014-admin-exports-erasure-retention.md.
 *
 * Rows: oldest first (as a spreadsheet reads), read in batches of EXPORT_BATCH: first the ids
 * through the inbox's own conditions (the covering index, keyset on createdAt + id), then the rows
 * by primary key, in one raw statement of selected columns (no ORM rows); the batch's notes in a
 * second. On SQLite both run on the adapter's better-sqlite3 connection directly, as arrays (the
 * driver handle, as the lead write path does); on PostgreSQL through Prisma's $queryRaw. Each batch
 * is encoded only when the client pulls, so memory stays flat at any size (npm run bench -- admin).
 *
 * Columns: EXPORT_COLUMNS, stable: new columns are only ever appended. Dates and times are the
 * clinic's wall clock (its profile's time zone): "YYYY-MM-DD HH:MM" in the CSV, real date cells in
 * the XLSX. C0 control characters other than tab, line feed and carriage return are removed from
 * every text cell (XML cannot hold them, and they only ever hide text).
 *
 * CSV: RFC 4180 (comma, CRLF; a cell holding a comma, quote, CR or LF, or starting or ending with
 * white space is quoted, quotes doubled), UTF-8 with a byte-order mark so Excel shows accents;
 * a text cell that begins with = + - @, a tab or a carriage return is prefixed with ' so a
 * spreadsheet shows it as text instead of running it (OWASP "CSV injection"); phone numbers
 * therefore read '+1...
 * XLSX: lib/leads/xlsx-writer.ts (streamed zip, inline strings: no shared-string table held in
 * memory); every text cell is written as a string cell, numbers as numbers, yes/no as booleans,
 * dates as dates: no formula is ever written, so no apostrophe is needed there.
 */

/** Rows per batch: also the number of ids bound in one query (SQLite allows 999 parameters). */
export const EXPORT_BATCH = 500;

type ColumnKind = "text" | "number" | "boolean" | "datetime";

/** The documented columns, in order (README "Exports"). Append only. */
export const EXPORT_COLUMN_SPECS = [
  ["id", "text"],
  ["created_at", "datetime"],
  ["status", "text"],
  ["closed_reason", "text"],
  ["eligibility", "text"],
  ["flags", "text"],
  ["price_min_usd", "number"],
  ["price_max_usd", "number"],
  ["price_is_estimate", "boolean"],
  ["price_basis", "text"],
  ["price_table_version", "number"],
  ["rules_version", "text"],
  ["first_name", "text"],
  ["last_name", "text"],
  ["email", "text"],
  ["phone", "text"],
  ["preferred_contact", "text"],
  ["patient_notes", "text"],
  ["language", "text"],
  ["sex", "text"],
  ["age", "number"],
  ["loss_pattern", "text"],
  ["norwood_stage", "text"],
  ["ludwig_stage", "text"],
  ["goal", "text"],
  ["scars", "text"],
  ["skin_conditions", "text"],
  ["dermatology_clearance", "boolean"],
  ["chemotherapy", "text"],
  ["health_screen", "text"],
  ["consent_at", "datetime"],
  ["consent_text_version", "text"],
  ["utm_source", "text"],
  ["utm_medium", "text"],
  ["utm_campaign", "text"],
  ["referrer", "text"],
  ["assignee", "text"],
  ["earlier_inquiry_id", "text"],
  ["staff_notes", "text"],
  ["reference", "text"],
  ["first_contacted_at", "datetime"],
  ["follow_up_at", "datetime"],
  ["latest_note", "text"],
] as const satisfies readonly (readonly [string, ColumnKind])[];

export type ExportColumn = (typeof EXPORT_COLUMN_SPECS)[number][0];
export const EXPORT_COLUMNS: readonly ExportColumn[] = EXPORT_COLUMN_SPECS.map(([name]) => name);

type Cell = string | number | boolean | Date | null;

/** The lead columns the export reads (one raw query per batch: no ORM row mapping at 100,000 rows). */
const EXPORT_LEAD_COLUMNS = [
  "id", "createdAt", "status", "closedReason", "eligibility", "flagCodes", "priceMinUsd", "priceMaxUsd", "priceEstimate",
  "priceBasis", "priceTableVersion", "rulesVersion", "firstName", "lastName", "email", "phone", "preferredContact",
  "patientNotes", "locale", "sex", "age", "lossPattern", "norwoodStage", "ludwigStage", "goal", "answers", "consentAt",
  "consentTextVersion", "utmSource", "utmMedium", "utmCampaign", "referrer", "relatedLeadId", "firstContactedAt", "followUpAt",
  "reference",
] as const;

type RawValue = string | number | bigint | boolean | Date | null | Record<string, unknown>;
type ExportRow = Record<(typeof EXPORT_LEAD_COLUMNS)[number] | "assigneeName", RawValue>;
const ROW_KEYS = [...EXPORT_LEAD_COLUMNS, "assigneeName"] as const;

const SELECT_LIST = Prisma.raw([...EXPORT_LEAD_COLUMNS.map((c) => `l."${c}"`), `u."name" AS "assigneeName"`].join(", "));

/** Prepared statements per connection, by SQL text (an export runs the same two statements 200 times). */
const statements = new WeakMap<SqliteConnection, Map<string, Statement<unknown[], RawValue[]>>>();

function sqliteStatement(connection: SqliteConnection, sql: string): Statement<unknown[], RawValue[]> {
  let cache = statements.get(connection);
  if (!cache) statements.set(connection, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size >= 64) cache.clear();
    statement = connection.prepare<unknown[], RawValue[]>(sql).raw(true);
    cache.set(sql, statement);
  }
  return statement;
}

function sqliteParam(value: unknown): unknown {
  if (value instanceof Date) return sqliteDate(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/**
 * The rows of a read-only statement as arrays of column values. SQLite: directly on the adapter's
 * connection (one synchronous statement, parameters in the adapter's formats); PostgreSQL (or no
 * handle yet): Prisma's $queryRaw, objects turned into arrays in column order.
 */
async function queryArrays(db: Db, query: Prisma.Sql): Promise<RawValue[][]> {
  const handle = driverHandle(db);
  if (handle?.provider === "sqlite") return sqliteStatement(handle.connection, query.sql).all(...query.values.map(sqliteParam));
  const rows = await db.$queryRaw<Record<string, RawValue>[]>(query);
  return rows.map((row) => Object.values(row));
}

function toRow(values: RawValue[]): ExportRow {
  const row = {} as ExportRow;
  ROW_KEYS.forEach((key, i) => (row[key] = values[i] ?? null));
  return row;
}

const str = (v: RawValue): string | null => (v === null || v === undefined ? null : typeof v === "string" ? v : String(v));
const num = (v: RawValue): number | null => (v === null || v === undefined ? null : Number(v));
const bool = (v: RawValue): boolean | null => (v === null || v === undefined ? null : v === true || v === 1 || v === 1n || v === "1" || v === "true");
const date = (v: RawValue): Date | null => (v instanceof Date ? v : v === null || v === undefined ? null : new Date(String(v)));

const C0_EXCEPT_WHITESPACE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Removes C0 control characters (and DEL), keeping tab, line feed and carriage return. */
const HAS_C0_EXCEPT_WHITESPACE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function stripControlCharacters(value: string): string {
  // Tested first: almost no cell has one, and a test allocates nothing (4 million cells at 100,000 rows).
  return HAS_C0_EXCEPT_WHITESPACE.test(value) ? value.replace(C0_EXCEPT_WHITESPACE, "") : value;
}

/** A text cell a spreadsheet would read as a formula gets a leading apostrophe (CSV only). */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The answers' list fields, read without re-validating (they were validated when stored). */
function answerLists(stored: unknown): { scars: string; skin: string; clearance: boolean | null; chemo: string | null; health: string } {
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

function rowCells(row: ExportRow, notes: NoteCells | undefined): Cell[] {
  const a = answerLists(row.answers);
  const cells: Record<ExportColumn, Cell> = {
    id: str(row.id),
    created_at: date(row.createdAt),
    status: str(row.status),
    closed_reason: str(row.closedReason),
    eligibility: str(row.eligibility),
    flags: flagCodesOf(str(row.flagCodes) ?? "").join("; "),
    price_min_usd: num(row.priceMinUsd),
    price_max_usd: num(row.priceMaxUsd),
    price_is_estimate: bool(row.priceEstimate),
    price_basis: str(row.priceBasis),
    price_table_version: num(row.priceTableVersion),
    rules_version: str(row.rulesVersion),
    first_name: str(row.firstName),
    last_name: str(row.lastName),
    email: str(row.email),
    phone: str(row.phone),
    preferred_contact: str(row.preferredContact),
    patient_notes: str(row.patientNotes),
    language: str(row.locale),
    sex: str(row.sex),
    age: num(row.age),
    loss_pattern: str(row.lossPattern),
    norwood_stage: str(row.norwoodStage),
    ludwig_stage: str(row.ludwigStage),
    goal: str(row.goal),
    scars: a.scars,
    skin_conditions: a.skin,
    dermatology_clearance: a.clearance,
    chemotherapy: a.chemo,
    health_screen: a.health,
    consent_at: date(row.consentAt),
    consent_text_version: str(row.consentTextVersion),
    utm_source: str(row.utmSource),
    utm_medium: str(row.utmMedium),
    utm_campaign: str(row.utmCampaign),
    referrer: str(row.referrer),
    assignee: str(row.assigneeName),
    earlier_inquiry_id: str(row.relatedLeadId),
    staff_notes: notes?.all ?? "",
    reference: str(row.reference),
    first_contacted_at: date(row.firstContactedAt),
    follow_up_at: date(row.followUpAt),
    latest_note: notes?.latest ?? null,
  };
  return EXPORT_COLUMNS.map((name) => cells[name]);
}

async function notesByLead(db: Db, leadIds: string[], timeZone: string): Promise<Map<string, NoteCells>> {
  if (leadIds.length === 0) return new Map();
  const notes = await queryArrays(
    db,
    Prisma.sql`SELECT n."leadId", n."body", n."createdAt", u."name" FROM "LeadNote" n JOIN "user" u ON u."id" = n."authorId"
      WHERE n."leadId" IN (${Prisma.join(leadIds)}) ORDER BY n."createdAt" ASC, n."id" ASC`,
  );
  const out = new Map<string, NoteCells>();
  for (const [leadId, body, createdAt, author] of notes) {
    const id = String(leadId);
    const text = str(body ?? null) ?? "";
    const at = date(createdAt ?? null);
    const line = `${at ? formatWallClock(at, timeZone) : ""} ${str(author ?? null) ?? ""}: ${text}`;
    const cells = out.get(id);
    if (cells) {
      cells.all += ` | ${line}`;
      cells.latest = text;
    } else out.set(id, { all: line, latest: text });
  }
  return out;
}

/**
 * The export's rows in batches (oldest first), as typed cells. `next()` returns null when done.
 */
function batchReader(db: Db, query: LeadExportQuery, timeZone: string) {
  let cursor: { createdAt: Date; id: string } | null = null;
  let finished = false;
  const base = inboxConditions(query, undefined, { timeZone });
  return async function next(): Promise<Cell[][] | null> {
    if (finished) return null;
    const and = [...base];
    if (cursor) and.push(Prisma.sql`"createdAt" >= ${cursor.createdAt} AND ("createdAt" > ${cursor.createdAt} OR "id" > ${cursor.id})`);
    const where = and.length > 0 ? Prisma.sql`WHERE ${Prisma.join(and, " AND ")}` : Prisma.empty;
    // The keyset page of ids from the covering index, then the rows by primary key, in one statement.
    const rows = (
      await queryArrays(
        db,
        Prisma.sql`
      SELECT ${SELECT_LIST} FROM (
        SELECT "id" FROM "Lead" ${where} ORDER BY "createdAt" ASC, "id" ASC LIMIT ${Prisma.raw(String(EXPORT_BATCH))}
      ) page
      JOIN "Lead" l ON l."id" = page."id"
      LEFT JOIN "user" u ON u."id" = l."assigneeId"`,
      )
    )
      .map(toRow)
      // The page's order, restored here: an outer ORDER BY would sort the wide rows in a temporary b-tree.
      .map((row) => ({ row, at: date(row.createdAt)?.getTime() ?? 0, id: String(row.id) }))
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(({ row }) => row);
    if (rows.length < EXPORT_BATCH) finished = true;
    if (rows.length === 0) return null;
    const last = rows[rows.length - 1];
    const lastAt = last ? date(last.createdAt) : null;
    if (last && lastAt) cursor = { createdAt: lastAt, id: String(last.id) };
    else finished = true;
    const notes = await notesByLead(db, rows.map((r) => String(r.id)), timeZone);
    return rows.map((row) => rowCells(row, notes.get(String(row.id))));
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

const CSV_NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One RFC 4180 field: quoted (quotes doubled) when it holds a comma, quote, CR or LF, or starts or ends with white space. */
function csvField(value: string | number): string {
  if (typeof value === "number") return String(value);
  return CSV_NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV record of text and numbers, as the exports write it: control characters removed, formulas made inert, RFC 4180 quoting, CRLF. */
export function csvLine(cells: readonly (string | number)[]): string {
  return `${cells.map((c) => csvField(typeof c === "string" ? neutralizeFormula(stripControlCharacters(c)) : c)).join(",")}\r\n`;
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
  const next = batchReader(db, query, timeZone);
  const encoder = new TextEncoder();
  let headerSent = false;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const batch = await next();
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(`\uFEFF${encodeCsv((batch ?? []).map((r) => r.map((c) => csvCell(c, timeZone))), true)}`));
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
  const next = batchReader(db, query, timeZone);
  const sheet = new XlsxSheetWriter(
    "Inquiries",
    EXPORT_COLUMN_SPECS.map(([name, kind]) => ({ header: name, width: columnWidth(name, kind) })),
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

const EXPORT_CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The download response of an export (the route files call this after the wrapper's checks). */
export async function exportLeadsResponse(db: Db, actorId: string, query: LeadExportQuery, format: ExportFormat): Promise<Response> {
  const stream = await (format === "csv" ? exportLeadsCsv : exportLeadsXlsx)(db, actorId, query);
  return new Response(stream, {
    status: 200,
    headers: {
      "Content-Type": EXPORT_CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${exportFileName(query, format)}"`,
      "Cache-Control": "no-store",
    },
  });
}
