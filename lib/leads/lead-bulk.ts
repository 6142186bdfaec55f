import "server-only";

import type { Db, Prisma } from "@/lib/db/client";
import { ConflictError, InvalidError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { recordFollowUpChange } from "@/lib/leads/lead-workflow";
import type { LeadBulk } from "@/lib/leads/lead-patch";
import { recordStatusStage } from "@/lib/leads/lead-stages";
import { canTransition, CLOSED_STATUSES, isLeadStatus, LEAD_STATUS_LABELS, type LeadStatus } from "@/lib/leads/lead-status";
import { assertAssignableStaff } from "@/lib/staff/users";
import { emitEvent } from "@/lib/webhooks/emit";

/**
 * The selected inquiries that changed since the caller saw them (their `versions`), or meanwhile:
 * a 409 like any stale version, carrying the ids so the inbox can name the people.
 */
export class BulkConflictError extends ConflictError {
  constructor(readonly leadIds: readonly string[]) {
    super(
      `${leadIds.length === 1 ? "One of the selected inquiries was" : `${leadIds.length} of the selected inquiries were`} changed by someone else meanwhile. Nothing was changed: reload and try again.`,
      "stale_version",
    );
  }
}

/**
 * Selected inquiries that cannot take the change (unknown or merged, or a move the workflow does not
 * allow): a 400 whose `ids` field lists them (comma-separated) and which says why for each.
 */
export class BulkRefusedError extends InvalidError {
  constructor(
    message: string,
    readonly refused: readonly { id: string; reason: "missing" | "transition"; from?: LeadStatus }[],
  ) {
    super(message, { ids: refused.map((r) => r.id).join(",") });
  }
}

/**
 * One status and/or assignee for up to 100 inquiries (`POST /api/v1/leads/bulk`, the inbox's bulk
 * bar): ONE transaction, all or nothing; one audit row ("bulk_changed") per inquiry that changed.
 * Each inquiry follows the same rules as a single change (the workflow's allowed moves, first contact
 * recorded on the first move out of "new", follow-up cleared on a closed status); inquiries that
 * cannot make the move, merged or unknown ones fail the whole request with 400 naming every one of
 * them. `versions` (optional, id -> version the caller saw) makes a change since then a 409 naming
 * them; every row is also written `where { id, version }` with the version read inside the
 * transaction, so a concurrent writer is never overwritten silently (409, nothing changed).
 * Answers how many inquiries changed.
 */
export async function bulkUpdateLeads(db: Db, actorId: string, { ids, status, assigneeId, versions }: LeadBulk): Promise<{ updated: number }> {
  return await db.$transaction(async (tx) => {
    if (assigneeId) {
      await assertAssignableStaff(tx, assigneeId);
    }
    const rows = await tx.lead.findMany({
      where: { id: { in: ids } },
      select: { id: true, status: true, assigneeId: true, version: true, firstContactedAt: true, followUpAt: true, mergedIntoId: true, reference: true },
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const missing = ids.filter((id) => !byId.get(id) || byId.get(id)?.mergedIntoId);
    if (missing.length > 0) {
      throw new BulkRefusedError(
        `${missing.length} of the selected inquiries no longer exist or were merged. Nothing was changed.`,
        missing.map((id) => ({ id, reason: "missing" as const })),
      );
    }
    const seen = versions ? new Map(Object.entries(versions)) : new Map<string, number>();
    const stale = ids.filter((id) => seen.has(id) && seen.get(id) !== byId.get(id)?.version);
    if (stale.length > 0) throw new BulkConflictError(stale);
    if (status !== undefined) {
      const refused = rows.flatMap((row) => {
        const from = isLeadStatus(row.status) ? row.status : "new";
        return from !== status && !canTransition(from, status) ? [{ id: row.id, reason: "transition" as const, from }] : [];
      });
      if (refused.length > 0) {
        const first = refused[0]?.from ?? "new";
        throw new BulkRefusedError(
          `${refused.length === 1 ? `One of the selected inquiries is "${LEAD_STATUS_LABELS[first]}" and cannot` : `${refused.length} of the selected inquiries cannot`} move to "${LEAD_STATUS_LABELS[status]}". Nothing was changed.`,
          refused,
        );
      }
    }
    const now = new Date();
    let updated = 0;
    const conflicts: string[] = [];
    for (const id of ids) {
      const row = byId.get(id);
      if (!row) continue;
      const from = isLeadStatus(row.status) ? row.status : "new";
      const statusChange = status !== undefined && status !== from ? status : undefined;
      const assigneeChange = assigneeId !== undefined && assigneeId !== row.assigneeId;
      if (!statusChange && !assigneeChange) continue;
      const data: Prisma.LeadUncheckedUpdateManyInput = { version: { increment: 1 } };
      if (statusChange) {
        data.status = statusChange;
        data.closedReason = null;
        if (from === "new" && row.firstContactedAt === null) data.firstContactedAt = now;
        if (CLOSED_STATUSES.includes(statusChange)) {
          data.followUpAt = null;
          data.followUpNote = null;
        }
      }
      if (assigneeChange) data.assigneeId = assigneeId;
      const written = await tx.lead.updateMany({ where: { id, version: row.version }, data });
      if (written.count !== 1) {
        conflicts.push(id);
        continue;
      }
      const change: Prisma.InputJsonObject = {
        ...(statusChange ? { status: { from, to: statusChange } } : {}),
        ...(assigneeChange ? { assignee: { from: row.assigneeId, to: assigneeId } } : {}),
      };
      // The funnel stage the new status reaches (the first time only), as a single change does.
      if (statusChange) await recordStatusStage(tx, id, statusChange, now);
      await recordAudit(tx, { actorId, leadId: id, type: "bulk_changed", data: change });
      // "Follow-up cleared", with the time it had and the status that cleared it.
      if (statusChange && CLOSED_STATUSES.includes(statusChange)) await recordFollowUpChange(tx, actorId, id, row.followUpAt, null, statusChange);
      const lead = { id, reference: row.reference, status: statusChange ?? from };
      if (statusChange) await emitEvent(tx, "lead.status_changed", { lead, previousStatus: from, closedReason: null }, { leadId: id });
      if (assigneeChange) await emitEvent(tx, "lead.assigned", { lead, assigneeId: assigneeId ?? null, previousAssigneeId: row.assigneeId }, { leadId: id });
      updated++;
    }
    // Thrown inside the transaction: everything written above is rolled back.
    if (conflicts.length > 0) throw new BulkConflictError(conflicts);
    return { updated };
  });
}

/** "First Last" of each inquiry, for the inbox's messages about a bulk change (staff see these names anyway). */
export async function bulkLeadNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.lead.findMany({ where: { id: { in: [...ids] } }, select: { id: true, firstName: true, lastName: true } });
  return new Map(rows.map((row) => [row.id, `${row.firstName} ${row.lastName}`.trim()]));
}
