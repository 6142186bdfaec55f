import "server-only";

import type { Db, Prisma } from "@/lib/db/client";
import { ConflictError, InvalidError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import type { LeadBulk } from "@/lib/leads/lead-patch";
import { canTransition, CLOSED_STATUSES, isLeadStatus, LEAD_STATUS_LABELS } from "@/lib/leads/lead-status";
import { isStaffRole } from "@/lib/staff/roles";

/**
 * One status and/or assignee for up to 100 inquiries (`POST /api/v1/leads/bulk`, the inbox's bulk
 * bar): ONE transaction, all or nothing; one audit row ("bulk_changed") per inquiry that changed.
 * Each inquiry follows the same rules as a single change (the workflow's allowed moves, first contact
 * recorded on the first move out of "new", follow-up cleared on a closed status); an inquiry that
 * cannot make the move, a merged or unknown one fails the whole request with 400 naming it. No
 * version is sent: each row is written `where { id, version }` with the version read inside the
 * transaction, so a concurrent writer is never overwritten silently (409, nothing changed).
 * Answers how many inquiries changed.
 */
export async function bulkUpdateLeads(db: Db, actorId: string, { ids, status, assigneeId }: LeadBulk): Promise<{ updated: number }> {
  return await db.$transaction(async (tx) => {
    if (assigneeId) {
      const assignee = await tx.user.findUnique({ where: { id: assigneeId }, select: { role: true } });
      if (!assignee || !isStaffRole(assignee.role)) {
        throw new InvalidError("The assignee must be a staff member.", { assigneeId: "Unknown staff member." });
      }
    }
    const rows = await tx.lead.findMany({
      where: { id: { in: ids } },
      select: { id: true, status: true, assigneeId: true, version: true, firstContactedAt: true, mergedIntoId: true },
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const missing = ids.filter((id) => !byId.get(id) || byId.get(id)?.mergedIntoId);
    if (missing.length > 0) {
      throw new InvalidError(`${missing.length} of the selected inquiries no longer exist or were merged. Nothing was changed.`, { ids: missing.join(",") });
    }
    const now = new Date();
    let updated = 0;
    for (const id of ids) {
      const row = byId.get(id);
      if (!row) continue;
      const from = isLeadStatus(row.status) ? row.status : "new";
      const statusChange = status !== undefined && status !== from ? status : undefined;
      if (statusChange && !canTransition(from, statusChange)) {
        throw new InvalidError(`One of the selected inquiries is "${LEAD_STATUS_LABELS[from]}" and cannot move to "${LEAD_STATUS_LABELS[statusChange]}". Nothing was changed.`, {
            ids: id,
          });
      }
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
        throw new ConflictError("Someone changed one of the selected inquiries meanwhile. Nothing was changed: please try again.", "stale_version");
      }
      const change: Prisma.InputJsonObject = {
        ...(statusChange ? { status: { from, to: statusChange } } : {}),
        ...(assigneeChange ? { assignee: { from: row.assigneeId, to: assigneeId } } : {}),
      };
      await recordAudit(tx, { actorId, leadId: id, type: "bulk_changed", data: change });
      updated++;
    }
    return { updated };
  });
}
