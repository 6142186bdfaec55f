import "server-only";

import type { Db, DbTransaction } from "@/lib/db/client";
import { driverHandle } from "@/lib/db/client";
import { eraseParticipants } from "@/lib/erasure/participants";
import { NotFoundError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { emitEvent } from "@/lib/webhooks/emit";

/**
 * Erasure on request and by retention (docs/api-v1.md "Admin additions", docs/decisions/014-admin-exports-erasure-retention.md).
 *
 * Erasing an inquiry runs, in ONE transaction, every store that holds a person's data (the list of
 * participants, lib/erasure/participants.ts): today the lead row (its contact details, answers, result,
 * search text and source go with it), its staff notes, its outbox messages (their payloads hold the
 * contact details) and every history/audit event about it (their data can name a note or a status
 * reason). What remains is ONE audit row, type "erased", that records who erased which lead id and
 * when, with no personal data: `{ leadId, reason }` and `leadId` column null (the row is gone).
 * Later inquiries that pointed at an erased one as "earlier inquiry" keep nothing of it (SET NULL).
 * Duplicates merged into an erased inquiry (their tombstones keep answers, result, source and consent)
 * are erased with it, each with its own "erased" row.
 *
 * SQLite: connections run with `secure_delete = ON` (lib/db/client.ts), so deleted rows are
 * overwritten in the file, and after an erasure the WAL is checkpointed so old page images do not
 * linger in it. PostgreSQL: deleted tuples are unreachable at once and reclaimed by autovacuum.
 */

export type ErasureReason = "request" | "retention";

export interface ErasureOutcome {
  /** The erased lead ids (the requested one first). */
  erasedIds: string[];
}

/**
 * `ids` plus every merged duplicate (tombstone) that was merged into one of them, transitively (a
 * duplicate merged into an inquiry that was itself merged later). A tombstone has no contact
 * details but still holds the person's answers, result, source and consent: it goes with its survivor.
 */
async function withTombstones(tx: DbTransaction, ids: string[]): Promise<string[]> {
  const all = new Set(ids);
  let frontier = ids;
  while (frontier.length > 0) {
    const rows = await tx.lead.findMany({ where: { mergedIntoId: { in: frontier } }, select: { id: true } });
    frontier = rows.map((r) => r.id).filter((id) => !all.has(id));
    for (const id of frontier) all.add(id);
  }
  return [...all];
}

/** Erases `requested` and their tombstones; returns every erased id (the requested ones first). */
async function eraseIds(
  tx: DbTransaction,
  requested: string[],
  actorId: string | null,
  reason: ErasureReason,
  person: boolean,
  byPatient = false,
): Promise<string[]> {
  if (requested.length === 0) return [];
  const ids = await withTombstones(tx, requested);
  await eraseParticipants(tx, ids);
  await tx.leadEvent.createMany({
    data: ids.map((leadId) => ({
      type: "erased",
      actorId,
      leadId: null,
      data: { leadId, reason, ...(person ? { person: true } : {}), ...(byPatient ? { by: "patient" } : {}) },
    })),
  });
  // The id only, and no leadId on the delivery: this announcement must outlive the inquiry.
  for (const leadId of ids) await emitEvent(tx, "lead.erased", { lead: { id: leadId }, reason });
  return ids;
}

/** After deleting personal data on SQLite: fold the WAL back into the file so no old page image remains. */
async function checkpointSqlite(db: Db): Promise<void> {
  if (driverHandle(db)?.provider !== "sqlite") return;
  try {
    await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  } catch (e) {
    // A busy reader can hold the checkpoint back; the next checkpoint (automatic) completes it.
    logger.warn({ op: "erase", err: { name: (e as Error)?.name } }, "WAL checkpoint after erasure deferred");
  }
}

/**
 * Every inquiry of the same person: the same email or phone, followed transitively (an inquiry that
 * shares the phone of one that shares this email is the same person too). The requested one first.
 */
async function samePersonIds(tx: DbTransaction | Db, lead: { id: string; email: string; phone: string }): Promise<string[]> {
  // A merged tombstone's email and phone are empty: "" is nobody, never a match.
  const emails = new Set([lead.email].filter(Boolean));
  const phones = new Set([lead.phone].filter(Boolean));
  const found = new Set([lead.id]);
  for (let round = 0; round < 10 && emails.size + phones.size > 0; round++) {
    const rows = await tx.lead.findMany({
      where: { OR: [{ email: { in: [...emails] } }, { phone: { in: [...phones] } }] },
      select: { id: true, email: true, phone: true },
    });
    const before = found.size + emails.size + phones.size;
    for (const row of rows) {
      found.add(row.id);
      if (row.email) emails.add(row.email);
      if (row.phone) phones.add(row.phone);
    }
    if (found.size + emails.size + phones.size === before) break;
  }
  return [lead.id, ...[...found].filter((id) => id !== lead.id).sort()];
}

/** How many inquiries `?person=1` would erase for this lead (the lead page says so before confirming). */
export async function samePersonCount(db: Db, id: string): Promise<number> {
  const lead = await db.lead.findUnique({ where: { id }, select: { id: true, email: true, phone: true } });
  return lead ? (await samePersonIds(db, lead)).length : 0;
}

/**
 * Erases one inquiry (or, with `person`, every inquiry with the same email or phone, transitively). Throws
 * NotFoundError when the lead does not exist (erased already, or never was). `byPatient`: the patient
 * erased it from their own page (lib/patient-access/): no staff actor, the stub says `by: "patient"`.
 */
export async function eraseLead(
  db: Db,
  actorId: string | null,
  id: string,
  options: { person?: boolean; byPatient?: boolean } = {},
): Promise<ErasureOutcome> {
  const person = options.person === true;
  const erasedIds = await db.$transaction(async (tx) => {
    const lead = await tx.lead.findUnique({ where: { id }, select: { id: true, email: true, phone: true } });
    if (!lead) throw new NotFoundError("This inquiry does not exist.");
    return eraseIds(tx, person ? await samePersonIds(tx, lead) : [lead.id], actorId, "request", person, options.byPatient === true);
  });
  await checkpointSqlite(db);
  return { erasedIds };
}

// --- retention -----------------------------------------------------------------------------------

export const RETENTION_BATCH = 200;

/** The instant before which an inquiry is past retention: `months` calendar months before `now` (UTC). */
export function retentionCutoff(months: number, now: Date = new Date()): Date {
  const cutoff = new Date(now.getTime());
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff;
}

/** Past retention: received before the cutoff, never a patient, not a merged duplicate (those go with their survivor). */
const pastRetention = (cutoff: Date) => ({ createdAt: { lt: cutoff }, status: { not: "became_patient" }, mergedIntoId: null });

/** How many inquiries a retention of `months` would erase now (the settings page shows it before saving). */
export async function retentionPreview(db: Db, months: number, now: Date = new Date()): Promise<number> {
  return db.lead.count({ where: pastRetention(retentionCutoff(months, now)) });
}

/**
 * Erases every inquiry older than `months` that never became a patient, in batches (each batch one
 * transaction, one "erased" audit row per lead with reason "retention" and no actor; merged duplicates go
 * with their survivor). Returns the count of inquiries past retention (what the preview counted).
 */
export async function eraseExpiredLeads(db: Db, months: number, now: Date = new Date()): Promise<number> {
  const cutoff = retentionCutoff(months, now);
  let total = 0;
  for (;;) {
    const batch = await db.lead.findMany({ where: pastRetention(cutoff), select: { id: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: RETENTION_BATCH });
    if (batch.length === 0) break;
    await db.$transaction(async (tx) => eraseIds(tx, batch.map((l) => l.id), null, "retention", false));
    total += batch.length;
    if (batch.length < RETENTION_BATCH) break;
  }
  if (total > 0) await checkpointSqlite(db);
  return total;
}
