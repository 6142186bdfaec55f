import "server-only";

import { AUDIT_ACTION_LABELS, AUDIT_PAGE_SIZE, SYSTEM_ACTOR, type AuditFilters } from "@/lib/audit/audit-query";
import { describeEvent } from "@/lib/audit/event-words";
import { recordAudit } from "@/lib/audit/record";
import { getClinicProfile } from "@/lib/clinic/store";
import { dateRange, formatWallClock } from "@/lib/clinic/time";
import type { Db, Prisma } from "@/lib/db/client";
import { CSV_BYTE_ORDER_MARK, csvLine } from "@/lib/export/csv";

/**
 * The audit log as the admin reads it (/staff/audit) and exports it (GET /api/v1/audit/export.csv):
 * the LeadEvent rows (lib/audit/record.ts), newest first, filtered by staff member, action and clinic
 * days. What an entry shows is who, when, what and which inquiry by its id and reference, never
 * a patient's name or contact details; an erased inquiry's entry is its stub (`{ leadId, reason }`:
 * the inquiry and every other entry about it are gone, lib/leads/erase-lead.ts).
 */

export interface AuditEntry {
  id: string;
  at: Date;
  actor: { id: string; name: string; email: string } | null;
  /** The API key the action was taken with (the actor is the admin who issued it), or null: a signed-in session or the system. */
  apiKey: { id: string; name: string } | null;
  action: string;
  actionLabel: string;
  /** The inquiry it is about: live (link), merged into another (tombstone), or erased (the stub's id). */
  lead: { id: string; reference: string | null; state: "live" | "merged" | "erased" } | null;
  /** The entry's recorded facts, one "key: value" per fact (ids, codes, field names; no personal data by rule): machine-readable. */
  details: string;
  /** What happened in words, with the values changed (lib/audit/event-words.ts): "Status changed from “New” to “Contacted”". */
  description: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
  timeZone: string;
}

/** Keys of `data` that are shown by what they resolve to, or not at all. */
const HIDDEN_KEYS = new Set(["leadId", "values"]);
const MAX_DETAIL = 120;

function detailValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.length > MAX_DETAIL ? `${value.slice(0, MAX_DETAIL)}…` : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.every((v) => typeof v === "string" || typeof v === "number") ? value.join(", ") : null;
  return null;
}

/** `data` as "key: value; key: value" (scalars and lists of scalars; objects skipped), staff ids named. */
function detailsOf(data: Prisma.JsonValue | null, staffNames: ReadonlyMap<string, string>): string {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return "";
  const parts: string[] = [];
  for (const [key, raw] of Object.entries(data)) {
    if (HIDDEN_KEYS.has(key)) continue;
    const named = typeof raw === "string" && staffNames.has(raw) ? staffNames.get(raw) : undefined;
    const value = named ?? detailValue(raw);
    // A staff id shown by name: "userId: 3fa9..." reads "user: Frank".
    if (value !== null && value !== "") parts.push(`${named !== undefined ? key.replace(/Id$/, "") : key}: ${value}`);
  }
  return parts.join("; ");
}

function where(filters: AuditFilters, timeZone: string): Prisma.LeadEventWhereInput {
  const and: Prisma.LeadEventWhereInput[] = [];
  if (filters.actor === SYSTEM_ACTOR) and.push({ actorId: null });
  else if (filters.actor) and.push({ actorId: filters.actor });
  if (filters.action) and.push({ type: filters.action });
  const range = dateRange(filters.from, filters.to, timeZone);
  if (range.gte || range.lt) and.push({ createdAt: { ...(range.gte ? { gte: range.gte } : {}), ...(range.lt ? { lt: range.lt } : {}) } });
  return and.length > 0 ? { AND: and } : {};
}

const SELECT = {
  id: true,
  createdAt: true,
  type: true,
  data: true,
  leadId: true,
  apiKeyId: true,
  actor: { select: { id: true, name: true, email: true } },
  lead: { select: { reference: true, mergedIntoId: true } },
} satisfies Prisma.LeadEventSelect;

type Row = Prisma.LeadEventGetPayload<{ select: typeof SELECT }>;

/** Who is named in the log: staff by id, API keys by id (revoked keys keep their names: keys are never deleted). */
interface Names {
  staff: ReadonlyMap<string, string>;
  apiKeys: ReadonlyMap<string, string>;
}

function toEntry(row: Row, names: Names, timeZone: string): AuditEntry {
  const data = row.data !== null && typeof row.data === "object" && !Array.isArray(row.data) ? row.data : null;
  const erasedId = row.type === "erased" && typeof data?.leadId === "string" ? data.leadId : null;
  let lead: AuditEntry["lead"] = null;
  if (row.leadId) lead = { id: row.leadId, reference: row.lead?.reference ?? null, state: row.lead?.mergedIntoId ? "merged" : "live" };
  else if (erasedId) lead = { id: erasedId, reference: null, state: "erased" };
  return {
    id: row.id,
    at: row.createdAt,
    actor: row.actor,
    apiKey: row.apiKeyId ? { id: row.apiKeyId, name: names.apiKeys.get(row.apiKeyId) ?? row.apiKeyId } : null,
    action: row.type,
    actionLabel: (AUDIT_ACTION_LABELS as Record<string, string>)[row.type] ?? row.type.replace(/_/g, " "),
    lead,
    details: detailsOf(row.data, names.staff),
    description: describeEvent(row.type, row.data, { staffName: (id) => names.staff.get(id) ?? "a former staff member", timeZone }),
  };
}

async function namesOf(db: Db): Promise<Names> {
  const [users, keys] = await Promise.all([db.user.findMany({ select: { id: true, name: true } }), db.apiKey.findMany({ select: { id: true, name: true } })]);
  return { staff: new Map(users.map((u) => [u.id, u.name])), apiKeys: new Map(keys.map((k) => [k.id, k.name])) };
}

const ORDER = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.LeadEventOrderByWithRelationInput[];

/** One page of the log (1-based), newest first, with the total matching count (position "51–100 of N"). */
export async function listAuditLog(db: Db, filters: AuditFilters, page = 1): Promise<AuditPage> {
  const { timeZone } = await getClinicProfile(db);
  const condition = where(filters, timeZone);
  const [rows, total, names] = await Promise.all([
    db.leadEvent.findMany({ where: condition, select: SELECT, orderBy: ORDER, skip: (page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
    db.leadEvent.count({ where: condition }),
    namesOf(db),
  ]);
  return { entries: rows.map((row) => toEntry(row, names, timeZone)), total, page, pageSize: AUDIT_PAGE_SIZE, timeZone };
}

/** The audit export's columns, in order (append only). */
export const AUDIT_EXPORT_COLUMNS = [
  "at",
  "staff_name",
  "staff_email",
  "staff_id",
  "action",
  "action_label",
  "inquiry_id",
  "inquiry_reference",
  "inquiry_state",
  "details",
  "description",
  "api_key_id",
  "api_key_name",
] as const;

const AUDIT_EXPORT_BATCH = 1_000;

/**
 * The log as CSV (same filters, newest first, every matching entry), streamed in batches (keyset on
 * createdAt + id). The export itself is recorded first, as an "exported" entry naming the log and its filters.
 */
export async function exportAuditCsv(db: Db, actorId: string, filters: AuditFilters): Promise<ReadableStream<Uint8Array>> {
  const { timeZone } = await getClinicProfile(db);
  await recordAudit(db, {
    actorId,
    type: "exported",
    data: {
      log: "audit",
      format: "csv",
      actor: filters.actor ?? null,
      action: filters.action ?? null,
      from: filters.from ?? null,
      to: filters.to ?? null,
      timeZone,
    },
  });
  const condition = where(filters, timeZone);
  const names = await namesOf(db);
  const encoder = new TextEncoder();
  let cursor: { createdAt: Date; id: string } | null = null;
  let headerSent = false;
  let done = false;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(`${CSV_BYTE_ORDER_MARK}${csvLine([...AUDIT_EXPORT_COLUMNS])}`));
          return;
        }
        const after: Prisma.LeadEventWhereInput | null = cursor
          ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }
          : null;
        const rows = await db.leadEvent.findMany({
          where: after ? { AND: [condition, after] } : condition,
          select: SELECT,
          orderBy: ORDER,
          take: AUDIT_EXPORT_BATCH,
        });
        const last = rows[rows.length - 1];
        if (last) cursor = { createdAt: last.createdAt, id: last.id };
        if (rows.length < AUDIT_EXPORT_BATCH) done = true;
        let text = "";
        for (const entry of rows.map((row) => toEntry(row, names, timeZone))) {
          text += csvLine([
            formatWallClock(entry.at, timeZone),
            entry.actor?.name ?? "system",
            entry.actor?.email ?? "",
            entry.actor?.id ?? "",
            entry.action,
            entry.actionLabel,
            entry.lead?.id ?? "",
            entry.lead?.reference ?? "",
            entry.lead?.state ?? "",
            entry.details,
            entry.description,
            entry.apiKey?.id ?? "",
            entry.apiKey?.name ?? "",
          ]);
        }
        if (text) controller.enqueue(encoder.encode(text));
        if (done) controller.close();
      } catch (e) {
        controller.error(e);
      }
    },
  });
}
