import "server-only";

import type { Db, DbTransaction } from "@/lib/db/client";
import { ConflictError, InvalidError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import type { LeadMerge } from "@/lib/leads/lead-patch";
import { STALE_VERSION_MESSAGE } from "@/lib/leads/lead-workflow";
import { emitEvent } from "@/lib/webhooks/emit";
import { WEBHOOK_DELIVERY } from "@/lib/notifications/kinds/webhook-delivery";
import { isAlreadyBookedRefusal, moveInquiryToBooked } from "@/lib/booking/consultations";
import { CONSULTATION_PATIENT } from "@/lib/notifications/kinds/consultation-patient";
import { CONSULTATION_REMINDER } from "@/lib/notifications/kinds/consultation-reminder";
import { CONSULTATION_STAFF } from "@/lib/notifications/kinds/consultation-staff";

/** The consultation notification kinds: their payloads name ids and times only (lib/booking/notify.ts). */
const CONSULTATION_KINDS = [CONSULTATION_PATIENT, CONSULTATION_REMINDER, CONSULTATION_STAFF];

/** Refused merge: both inquiries have a consultation booked (one booked consultation per inquiry, decision 022). */
export const BOTH_BOOKED_MESSAGE =
  "Both inquiries have a consultation booked, and an inquiry can have only one. Cancel the consultation that is not needed (the patient is told), then merge.";

/** The closed reason a merged duplicate keeps (it is never listed; the text is for the audit trail). */
export const MERGED_REASON = "Merged into another inquiry of the same person (duplicate).";

/**
 * Merges the duplicate `id` into the survivor `intoId` (api-v1.md "Lead workflow additions"), all or
 * nothing, on both databases:
 * - the duplicate's notes and events move to the survivor (its history lives on there);
 * - the duplicate keeps a tombstone: `mergedIntoId`, status "not proceeding", and no contact data
 *   (name, email, phone, message, search text emptied; its outbox payloads deleted);
 * - inquiries that pointed at the duplicate as their earlier inquiry point at the survivor;
 * - its consultations move to the survivor, keeping their ids (the patient's invites, its reminder
 *   and the calendar feeds stay valid; their queued e-mails, ids and times only, go along), and the
 *   survivor moves to consultation_booked as a booking would (from new or contacted, as the system).
 *   When BOTH have a consultation booked the merge is refused (409 "both_booked"): one booked
 *   consultation per inquiry, and which one the patient keeps is for the staff to decide and the
 *   patient to be told; the database's one-booked-per-inquiry index refuses the race too;
 * - its "none of these times suit me" preference moves to the survivor when it has none;
 * - the survivor gets a "merged" audit row (who, which id), and both versions move on.
 * Concurrency: the duplicate is written `where { id, version, mergedIntoId: null }` with the version
 * the caller saw (409 when stale), the survivor `where { id, mergedIntoId: null }` (400 when it was
 * merged meanwhile). Merging into itself, into a merged inquiry or a merged one again: 400.
 * Nothing is read back: the API reads the survivor for its answer, the page opens it.
 */
export async function mergeLead(db: Db, actorId: string, id: string, { intoId, version }: LeadMerge): Promise<void> {
  if (intoId === id) throw new InvalidError("An inquiry cannot be merged into itself.", { intoId: "Choose another inquiry." });
  await db.$transaction(async (tx) => {
    const [source, target] = await Promise.all([
      tx.lead.findUnique({ where: { id }, select: { version: true, mergedIntoId: true, relatedLeadId: true, reference: true } }),
      tx.lead.findUnique({ where: { id: intoId }, select: { mergedIntoId: true, relatedLeadId: true, reference: true, status: true } }),
    ]);
    if (!source) throw new NotFoundError("This inquiry does not exist.");
    if (source.mergedIntoId) throw new InvalidError("This inquiry was already merged into another one.", { _root: "Already merged." });
    if (!target) throw new InvalidError("The inquiry to merge into does not exist.", { intoId: "Unknown inquiry." });
    if (target.mergedIntoId) {
      throw new InvalidError("The inquiry to merge into was itself merged into another one.", { intoId: "Choose the inquiry it was merged into." });
    }
    if (source.version !== version) throw new ConflictError(STALE_VERSION_MESSAGE, "stale_version");
    const [sourceBooked, targetBooked] = await Promise.all([
      tx.consultation.findFirst({ where: { leadId: id, status: "booked" }, select: { id: true } }),
      tx.consultation.findFirst({ where: { leadId: intoId, status: "booked" }, select: { id: true } }),
    ]);
    if (sourceBooked && targetBooked) throw new ConflictError(BOTH_BOOKED_MESSAGE, "both_booked");

    const tombstone = await tx.lead.updateMany({
      where: { id, version, mergedIntoId: null },
      data: {
        mergedIntoId: intoId,
        status: "not_proceeding",
        closedReason: MERGED_REASON,
        firstName: "",
        lastName: "",
        email: "",
        phone: "",
        patientNotes: null,
        searchText: "",
        followUpAt: null,
        followUpNote: null,
        assigneeId: null,
        relatedLeadId: null,
        version: { increment: 1 },
      },
    });
    if (tombstone.count !== 1) throw new ConflictError(STALE_VERSION_MESSAGE, "stale_version");
    // The survivor must not point at its own tombstone as "asked before": it takes over the duplicate's earlier inquiry.
    const survivorRelated = target.relatedLeadId === id ? (source.relatedLeadId === intoId ? null : source.relatedLeadId) : undefined;
    const survivor = await tx.lead.updateMany({
      where: { id: intoId, mergedIntoId: null },
      data: { version: { increment: 1 }, ...(survivorRelated !== undefined ? { relatedLeadId: survivorRelated } : {}) },
    });
    if (survivor.count !== 1) throw new InvalidError("The inquiry to merge into was merged meanwhile.", { intoId: "Reload and choose again." });

    await moveHistory(tx, id, intoId);
    await moveConsultations(tx, id, intoId, sourceBooked !== null);
    await recordAudit(tx, { actorId, leadId: intoId, type: "merged", data: { mergedId: id } });
    // The tombstone's own trace (after the move, so it stays with the tombstone).
    await recordAudit(tx, { actorId, leadId: id, type: "merged_away", data: { intoId } });
    await emitEvent(
      tx,
      "lead.merged",
      { lead: { id: intoId, reference: target.reference, status: target.status }, mergedLead: { id, reference: source.reference, status: "not_proceeding" } },
      { leadId: intoId },
    );
  });
}

async function moveConsultations(tx: DbTransaction, from: string, to: string, bookedMoves: boolean): Promise<void> {
  try {
    await tx.consultation.updateMany({ where: { leadId: from }, data: { leadId: to } });
  } catch (e) {
    // Booked on the survivor meanwhile: the one-booked-per-inquiry index refuses the move.
    if (isAlreadyBookedRefusal(e)) throw new ConflictError(BOTH_BOOKED_MESSAGE, "both_booked");
    throw e;
  }
  if (bookedMoves) await moveInquiryToBooked(tx, to);
  const callback = await tx.callbackPreference.findUnique({ where: { leadId: from }, select: { leadId: true } });
  if (callback) {
    const survivorHas = await tx.callbackPreference.findUnique({ where: { leadId: to }, select: { leadId: true } });
    if (survivorHas) await tx.callbackPreference.delete({ where: { leadId: from } });
    else await tx.callbackPreference.update({ where: { leadId: from }, data: { leadId: to } });
  }
}

async function moveHistory(tx: DbTransaction, from: string, to: string): Promise<void> {
  await tx.leadNote.updateMany({ where: { leadId: from }, data: { leadId: to } });
  await tx.leadEvent.updateMany({ where: { leadId: from }, data: { leadId: to } });
  await tx.lead.updateMany({ where: { relatedLeadId: from, id: { not: to } }, data: { relatedLeadId: to } });
  // Payloads of notifications about the duplicate: nothing personal may outlive the merge. Webhook
  // deliveries (ids only) and their queued sends go with the survivor, so erasing it takes them too.
  // Consultation messages carry ids and times only and follow their consultation (moveConsultations).
  await tx.outboxMessage.deleteMany({ where: { leadId: from, kind: { notIn: [WEBHOOK_DELIVERY, ...CONSULTATION_KINDS] } } });
  await tx.outboxMessage.updateMany({ where: { leadId: from }, data: { leadId: to } });
  await tx.webhookDelivery.updateMany({ where: { leadId: from }, data: { leadId: to } });
}
