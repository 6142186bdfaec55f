import "server-only";

import type { Db, Prisma } from "@/lib/db/client";
import { ConflictError, InvalidError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/leads/audit";
import { getLeadDetail, type LeadDetail } from "@/lib/leads/lead-detail";
import type { LeadPatch } from "@/lib/leads/lead-patch";
import { canTransition, isLeadStatus, LEAD_STATUS_LABELS } from "@/lib/leads/lead-status";
import { isStaffRole } from "@/lib/staff/roles";

export const STALE_VERSION_MESSAGE =
  "Someone else changed this inquiry while you were looking at it. Nothing was saved: reload the page to see their change, then try again.";

/**
 * Applies a staff change (status, assignee, note) to an inquiry, all or nothing, for the API and
 * the detail page alike. Rules:
 * - the status moves only along LEAD_TRANSITIONS; "not proceeding" needs a reason (400 otherwise);
 * - the assignee must be a staff account (or null to unassign);
 * - optimistic concurrency: a status or assignee change is written `where { id, version }` and bumps
 *   the version; a stale version (or a concurrent writer) gets 409 and changes nothing. Without a
 *   `version` the current one is used (the write is still atomic). A note alone never conflicts:
 *   notes are append-only, so it cannot overwrite anyone's work;
 * - every change writes its audit event (status_changed, assigned, note_added) in the same transaction.
 */
export async function updateLead(db: Db, actorId: string, id: string, patch: LeadPatch): Promise<LeadDetail> {
  await db.$transaction(async (tx) => {
    const current = await tx.lead.findUnique({ where: { id }, select: { status: true, assigneeId: true, version: true } });
    if (!current) throw new NotFoundError("This inquiry does not exist.");
    const from = isLeadStatus(current.status) ? current.status : "new";

    const statusChange = patch.status !== undefined && patch.status !== from ? patch.status : undefined;
    const assigneeChange =
      patch.assigneeId !== undefined && patch.assigneeId !== current.assigneeId ? { to: patch.assigneeId } : undefined;

    if (statusChange && !canTransition(from, statusChange)) {
      throw new InvalidError(`An inquiry that is "${LEAD_STATUS_LABELS[from]}" cannot move to "${LEAD_STATUS_LABELS[statusChange]}".`, {
        status: `Not allowed from "${LEAD_STATUS_LABELS[from]}".`,
      });
    }
    if (assigneeChange?.to) {
      const assignee = await tx.user.findUnique({ where: { id: assigneeChange.to }, select: { role: true } });
      if (!assignee || !isStaffRole(assignee.role)) {
        throw new InvalidError("The assignee must be a staff member.", { assigneeId: "Unknown staff member." });
      }
    }

    // Same status "not proceeding" with a different reason: a change of the reason only.
    const reasonChange = patch.status === "not_proceeding" && from === "not_proceeding" && patch.closedReason ? patch.closedReason : undefined;
    if (statusChange || assigneeChange || reasonChange) {
      if (patch.version !== undefined && patch.version !== current.version) throw new ConflictError(STALE_VERSION_MESSAGE, "stale_version");
      const data: Prisma.LeadUncheckedUpdateManyInput = { version: { increment: 1 } };
      if (statusChange) {
        data.status = statusChange;
        data.closedReason = statusChange === "not_proceeding" ? (patch.closedReason ?? null) : null;
      }
      if (reasonChange) data.closedReason = reasonChange;
      if (assigneeChange) data.assigneeId = assigneeChange.to;
      const updated = await tx.lead.updateMany({ where: { id, version: current.version }, data });
      if (updated.count !== 1) throw new ConflictError(STALE_VERSION_MESSAGE, "stale_version");

      if (statusChange || reasonChange) {
        await recordAudit(tx, {
          actorId,
          leadId: id,
          type: "status_changed",
          data: { from, to: statusChange ?? from, ...(data.closedReason ? { reason: String(data.closedReason) } : {}) },
        });
      }
      if (assigneeChange) {
        await recordAudit(tx, { actorId, leadId: id, type: "assigned", data: { from: current.assigneeId, to: assigneeChange.to } });
      }
    }

    if (patch.note !== undefined) {
      const note = await tx.leadNote.create({ data: { leadId: id, authorId: actorId, body: patch.note } });
      await recordAudit(tx, { actorId, leadId: id, type: "note_added", data: { noteId: note.id } });
    }
  });
  return getLeadDetail(db, id);
}
