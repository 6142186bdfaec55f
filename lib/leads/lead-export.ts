import "server-only";

import { stringify } from "csv-stringify/sync";

import { candidacyAnswersSchema } from "@/lib/candidacy/answers";
import type { Db, Prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/leads/audit";
import { dateRange, type LeadExportQuery } from "@/lib/leads/lead-filters";
import { flagCodesOf } from "@/lib/leads/staff-inbox";

/**
 * CSV export of inquiries (admin only; the route checks). Streamed: rows are read in batches of
 * EXPORT_BATCH along the [createdAt, id] index (oldest first, as a spreadsheet reads) and encoded
 * with csv-stringify as the client pulls, so memory stays flat at any size.
 *
 * Format: RFC 4180 (comma, CRLF, fields quoted when they hold a comma, quote or line break, quotes
 * doubled), UTF-8 with a byte-order mark so Excel shows accents. Formula injection: a text cell that
 * begins with = + - @, a tab or a carriage return is prefixed with ' so a spreadsheet shows it as
 * text instead of running it (OWASP "CSV injection"); phone numbers (+1...) therefore read '+1...
 */

export const EXPORT_BATCH = 500;

type ExportRow = Prisma.LeadGetPayload<{ select: typeof exportSelect }>;

const exportSelect = {
  id: true,
  createdAt: true,
  status: true,
  closedReason: true,
  eligibility: true,
  flagCodes: true,
  priceMinUsd: true,
  priceMaxUsd: true,
  priceEstimate: true,
  priceBasis: true,
  priceTableVersion: true,
  rulesVersion: true,
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
  preferredContact: true,
  patientNotes: true,
  locale: true,
  answers: true,
  consentAt: true,
  consentTextVersion: true,
  utmSource: true,
  utmMedium: true,
  utmCampaign: true,
  referrer: true,
  relatedLeadId: true,
  assignee: { select: { name: true } },
} as const satisfies Prisma.LeadSelect;

export const EXPORT_COLUMNS = [
  "id",
  "created_at",
  "status",
  "closed_reason",
  "eligibility",
  "flags",
  "price_min_usd",
  "price_max_usd",
  "price_is_estimate",
  "price_basis",
  "price_table_version",
  "rules_version",
  "first_name",
  "last_name",
  "email",
  "phone",
  "preferred_contact",
  "patient_notes",
  "language",
  "sex",
  "age",
  "loss_pattern",
  "norwood_stage",
  "ludwig_stage",
  "goal",
  "scars",
  "skin_conditions",
  "dermatology_clearance",
  "chemotherapy",
  "health_screen",
  "consent_at",
  "consent_text_version",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "referrer",
  "assignee",
  "earlier_inquiry_id",
  "staff_notes",
] as const;

type Cell = string | number | boolean | null;

/** A text cell a spreadsheet would read as a formula gets a leading apostrophe. */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function toCell(value: Cell): string | number {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return value;
  return neutralizeFormula(value);
}

function answersColumns(raw: unknown): Cell[] {
  const parsed = candidacyAnswersSchema.safeParse(raw);
  if (!parsed.success) return Array.from({ length: 11 }, () => null);
  const a = parsed.data;
  return [
    a.sex,
    a.age,
    a.lossPattern,
    a.norwoodStage ?? null,
    a.ludwigStage ?? null,
    a.goal,
    a.scars.join("; "),
    a.skinConditions.join("; "),
    a.dermatologyClearance,
    a.chemotherapy,
    (a.healthScreen ?? []).join("; "),
  ];
}

function rowCells(row: ExportRow, notes: string): Cell[] {
  return [
    row.id,
    row.createdAt.toISOString(),
    row.status,
    row.closedReason,
    row.eligibility,
    flagCodesOf(row.flagCodes).join("; "),
    row.priceMinUsd,
    row.priceMaxUsd,
    row.priceEstimate,
    row.priceBasis,
    row.priceTableVersion,
    row.rulesVersion,
    row.firstName,
    row.lastName,
    row.email,
    row.phone,
    row.preferredContact,
    row.patientNotes,
    row.locale,
    ...answersColumns(row.answers),
    row.consentAt.toISOString(),
    row.consentTextVersion,
    row.utmSource,
    row.utmMedium,
    row.utmCampaign,
    row.referrer,
    row.assignee?.name ?? null,
    row.relatedLeadId,
    notes,
  ];
}

function exportWhere(query: LeadExportQuery): Prisma.LeadWhereInput {
  const and: Prisma.LeadWhereInput[] = [];
  if (query.status) and.push({ status: query.status });
  const range = dateRange(query.from, query.to);
  if (range.gte || range.lt) and.push({ createdAt: { ...(range.gte ? { gte: range.gte } : {}), ...(range.lt ? { lt: range.lt } : {}) } });
  return { AND: and };
}

async function notesByLead(db: Db, leadIds: string[]): Promise<Map<string, string>> {
  const notes = await db.leadNote.findMany({
    where: { leadId: { in: leadIds } },
    select: { leadId: true, body: true, createdAt: true, author: { select: { name: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const out = new Map<string, string[]>();
  for (const n of notes) {
    const list = out.get(n.leadId) ?? [];
    list.push(`${n.createdAt.toISOString().slice(0, 16).replace("T", " ")} ${n.author.name}: ${n.body}`);
    out.set(n.leadId, list);
  }
  return new Map([...out].map(([id, list]) => [id, list.join(" | ")]));
}

function encode(records: (string | number)[][], header: boolean): string {
  return stringify(records, {
    header,
    columns: header ? [...EXPORT_COLUMNS] : undefined,
    record_delimiter: "\r\n",
    quoted_match: /^\s|\s$/, // keep leading/trailing spaces visible and intact
  });
}

/**
 * Records the export in the audit log (who, which filters, when), then returns the CSV stream.
 * The event is written before the first byte so an aborted download is still on record.
 */
export async function exportLeadsCsv(db: Db, actorId: string, query: LeadExportQuery): Promise<ReadableStream<Uint8Array>> {
  await recordAudit(db, {
    actorId,
    type: "exported",
    data: { format: "csv", status: query.status ?? null, from: query.from ?? null, to: query.to ?? null },
  });
  const where = exportWhere(query);
  const encoder = new TextEncoder();
  let cursor: { createdAt: Date; id: string } | null = null;
  let headerSent = false;
  let done = false;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return;
      try {
        const rows: ExportRow[] = await db.lead.findMany({
          where: cursor
            ? { AND: [where, { OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }] }] }
            : where,
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          take: EXPORT_BATCH,
          select: exportSelect,
        });
        const notes = rows.length > 0 ? await notesByLead(db, rows.map((r) => r.id)) : new Map<string, string>();
        const records = rows.map((row) => rowCells(row, notes.get(row.id) ?? "").map(toCell));
        const text = encode(records, !headerSent);
        controller.enqueue(encoder.encode(headerSent ? text : `\uFEFF${text}`));
        headerSent = true;
        const last = rows[rows.length - 1];
        if (rows.length < EXPORT_BATCH || !last) {
          done = true;
          controller.close();
        } else {
          cursor = { createdAt: last.createdAt, id: last.id };
        }
      } catch (e) {
        done = true;
        controller.error(e);
      }
    },
  });
}

export function exportFileName(query: LeadExportQuery): string {
  const parts = ["inquiries", query.status, query.from && `from-${query.from.slice(0, 10)}`, query.to && `to-${query.to.slice(0, 10)}`];
  return `${parts.filter(Boolean).join("_")}.csv`;
}
