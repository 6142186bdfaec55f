import "server-only";

import type { Db, DbTransaction, Prisma } from "@/lib/db/client";
import { ConflictError, InvalidError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import type { LeadPatch } from "@/lib/leads/lead-patch";
import { recordStage, recordStatusStage } from "@/lib/leads/lead-stages";
import { canTransition, CLOSED_STATUSES, isLeadStatus, LEAD_STATUS_LABELS, type LeadStatus } from "@/lib/leads/lead-status";
import { followUpAtOfPatch } from "@/lib/leads/follow-up";
import { assertAssignableStaff } from "@/lib/staff/users";
import { emitEvent } from "@/lib/webhooks/emit";

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
 * - every change writes its audit event (status_changed, assigned, note_added) in the same transaction,
 *   and a status that reaches a funnel stage records it there too (lib/leads/lead-stages.ts); "became
 *   a patient" may carry the treatment amount agreed (sent again on a patient: a change of the amount).
 * Returns the inquiry's version after the change (what the next change must send), not the inquiry:
 * the API reads that itself for its answer, and the detail page is rendered again anyway.
 */
export async function updateLead(db: Db, actorId: string, id: string, patch: LeadPatch): Promise<{ version: number }> {
  const askedFollowUp = patch.followUpAt === undefined || patch.followUpAt === null ? patch.followUpAt : await followUpAtOfPatch(db, patch.followUpAt);
  return await db.$transaction(async (tx) => applyLeadPatch(tx, actorId, id, patch, askedFollowUp));
}

/**
 * `updateLead` inside a transaction the caller holds: the one status-change path, so a change made
 * as part of something else (a call logged as "reached" moves a new inquiry to contacted,
 * lib/leads/lead-calls.ts) is checked, recorded and counted exactly like one made in the status form.
 * `askedFollowUp` is the patch's follow-up as an instant (followUpAtOfPatch), read before the transaction.
 */
export async function applyLeadPatch(tx: DbTransaction, actorId: string, id: string, patch: LeadPatch, askedFollowUp: Date | null | undefined): Promise<{ version: number }> {
  const current = await tx.lead.findUnique({
    where: { id },
    select: { status: true, assigneeId: true, version: true, firstContactedAt: true, followUpAt: true, followUpNote: true, mergedIntoId: true, reference: true },
  });
  if (!current) throw new NotFoundError("This inquiry does not exist.");
  if (current.mergedIntoId) throw new InvalidError(MERGED_MESSAGE, { _root: MERGED_MESSAGE }, "merged");
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
    await assertAssignableStaff(tx, assigneeChange.to);
  }

  // Same status "not proceeding" with a different reason: a change of the reason only.
  const reasonChange = patch.status === "not_proceeding" && from === "not_proceeding" && patch.closedReason ? patch.closedReason : undefined;
  // Same status "became a patient" with an amount: a change of the amount agreed only.
  const amount = patch.status === "became_patient" && typeof patch.treatmentAmountUsd === "number" ? patch.treatmentAmountUsd : undefined;
  const amountChange = from === "became_patient" && amount !== undefined ? amount : undefined;
  const followUp = followUpChange(current, askedFollowUp, patch.followUpNote, statusChange);
  const changed = Boolean(statusChange || assigneeChange || reasonChange || amountChange !== undefined || followUp);
  if (changed) {
    if (patch.version !== undefined && patch.version !== current.version) throw new ConflictError(STALE_VERSION_MESSAGE, "stale_version");
    const data: Prisma.LeadUncheckedUpdateManyInput = { version: { increment: 1 } };
    if (statusChange) {
      data.status = statusChange;
      data.closedReason = statusChange === "not_proceeding" ? (patch.closedReason ?? null) : null;
    }
    if (reasonChange) data.closedReason = reasonChange;
    if (assigneeChange) data.assigneeId = assigneeChange.to;
    // Speed to lead: the first move out of "new" is the first contact, recorded once.
    if (statusChange && from === "new" && current.firstContactedAt === null) data.firstContactedAt = new Date();
    if (followUp) {
      data.followUpAt = followUp.at;
      data.followUpNote = followUp.note;
      data.followUpDateOnly = false;
    }
    const updated = await tx.lead.updateMany({ where: { id, version: current.version }, data });
    if (updated.count !== 1) throw new ConflictError(STALE_VERSION_MESSAGE, "stale_version");
    // The funnel stage the new status reaches (the first time only), with the amount agreed.
    if (statusChange) await recordStatusStage(tx, id, statusChange, new Date(), amount);
    else if (amountChange !== undefined) await recordStage(tx, id, "became_patient", new Date(), amountChange);

    if (statusChange || reasonChange || amountChange !== undefined) {
      await recordAudit(tx, {
        actorId,
        leadId: id,
        type: "status_changed",
        data: {
          from,
          to: statusChange ?? from,
          ...(data.closedReason ? { reason: String(data.closedReason) } : {}),
          ...(amount !== undefined ? { amountUsd: amount } : {}),
        },
      });
    }
    if (assigneeChange) {
      await recordAudit(tx, { actorId, leadId: id, type: "assigned", data: { from: current.assigneeId, to: assigneeChange.to } });
    }
    // Webhook events (ids, statuses and the reference only), in this transaction.
    const lead = { id, reference: current.reference, status: statusChange ?? from };
    if (statusChange || reasonChange) {
      await emitEvent(tx, "lead.status_changed", { lead, previousStatus: from, closedReason: data.closedReason ? String(data.closedReason) : null }, { leadId: id });
    }
    if (assigneeChange) {
      await emitEvent(tx, "lead.assigned", { lead, assigneeId: assigneeChange.to, previousAssigneeId: current.assigneeId }, { leadId: id });
    }
    if (followUp) await recordFollowUpChange(tx, actorId, id, current.followUpAt, followUp.at, followUp.clearedBy);
  }

  if (patch.note !== undefined) {
    const note = await tx.leadNote.create({ data: { leadId: id, authorId: actorId, body: patch.note } });
    await recordAudit(tx, { actorId, leadId: id, type: "note_added", data: { noteId: note.id } });
  }
  return { version: changed ? current.version + 1 : current.version };
}

export const MERGED_MESSAGE = "This inquiry was merged into another one: change that one instead.";

/**
 * The follow-up after this patch, when it changes: the one asked for, or none when the inquiry moves
 * to a closed status (nobody follows up a patient or a "not proceeding"); `clearedBy` names that status.
 */
function followUpChange(
  current: { followUpAt: Date | null; followUpNote: string | null },
  asked: Date | null | undefined,
  note: string | null | undefined,
  statusChange: LeadStatus | undefined,
): { at: Date | null; note: string | null; clearedBy?: LeadStatus } | undefined {
  let next: { at: Date | null; note: string | null; clearedBy?: LeadStatus } = { at: current.followUpAt, note: current.followUpNote };
  if (asked !== undefined) next = asked === null ? { at: null, note: null } : { at: asked, note: note || null };
  if (statusChange && CLOSED_STATUSES.includes(statusChange)) next = { at: null, note: null, ...(current.followUpAt ? { clearedBy: statusChange } : {}) };
  const same = (next.at?.getTime() ?? null) === (current.followUpAt?.getTime() ?? null) && next.note === current.followUpNote;
  return same ? undefined : next;
}

/**
 * The audit of a follow-up change, with the values: `follow_up_set` { at, from } when one is set or
 * moved, `follow_up_cleared` { from, status? } when it is removed (by hand, or because the inquiry
 * moved to a closed status: "became a patient" clears it). The note is the staff's own words and
 * stays on the inquiry, out of the log.
 */
export async function recordFollowUpChange(
  tx: Prisma.TransactionClient,
  actorId: string | null,
  leadId: string,
  from: Date | null,
  to: Date | null,
  clearedBy?: LeadStatus,
): Promise<void> {
  if (to) {
    await recordAudit(tx, { actorId, leadId, type: "follow_up_set", data: { at: to.toISOString(), from: from?.toISOString() ?? null } });
  } else if (from) {
    await recordAudit(tx, { actorId, leadId, type: "follow_up_cleared", data: { from: from.toISOString(), ...(clearedBy ? { status: clearedBy } : {}) } });
  }
}
