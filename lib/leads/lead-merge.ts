import "server-only";

import { Prisma, type Db, type DbTransaction } from "@/lib/db/client";
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from "@/lib/errors";
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
const CONSULTATION_KINDS: readonly string[] = [CONSULTATION_PATIENT, CONSULTATION_REMINDER, CONSULTATION_STAFF];

/** Refused merge: both inquiries have a consultation booked (one booked consultation per inquiry, decision 022). */
export const BOTH_BOOKED_MESSAGE =
  "Both inquiries have a consultation booked, and an inquiry can have only one. Cancel the consultation that is not needed (the patient is told), then merge.";

/** The closed reason a merged duplicate keeps (it is never listed; the text is for the audit trail). */
export const MERGED_REASON = "Merged into another inquiry of the same person (duplicate).";

/** How long the staff member who merged can undo it (docs/decisions/027-merge-undo.md). */
export const MERGE_UNDO_WINDOW_MS = 24 * 60 * 60 * 1000;

/** What a merge moved or re-pointed (ids only; LeadMergeRecord.moved): undo moves exactly these back. */
export interface MergeMoved {
  notes: string[];
  events: string[];
  /** Inquiries that named the duplicate as their earlier inquiry (now the survivor). */
  laterLeads: string[];
  /** Webhook delivery and consultation messages of the outbox that went with the survivor. */
  outbox: string[];
  webhookDeliveries: string[];
  /** Consultations that moved with their ids (absent in records written before they moved). */
  consultations?: string[];
  /** The duplicate's call-back preference moved to the survivor (it had none). */
  callbackMoved?: boolean;
  /** A booked consultation moved and made the survivor "consultation booked": not undoable exactly. */
  survivorBooked?: boolean;
  /** The survivor's own earlier inquiry, when it was the duplicate and was replaced: from -> to. */
  survivorRelated: { from: string | null; to: string | null } | null;
}

/** The duplicate's columns the tombstone empties (LeadMergeRecord.restore, personal data: kept 24 hours). */
interface MergeRestoreLead {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  patientNotes: string | null;
  searchText: string;
  status: string;
  closedReason: string | null;
  followUpAt: string | null;
  followUpNote: string | null;
  assigneeId: string | null;
  relatedLeadId: string | null;
}

/** An outbox row the merge deleted (its payload can name the patient), column for column. */
interface MergeRestoreOutbox {
  id: string;
  kind: string;
  channel: string;
  payload: Prisma.InputJsonValue;
  attempts: number;
  dueAt: string | null;
  nextAttemptAt: string;
  dedupeKey: string | null;
  deliveredAt: string | null;
  withdrawnAt: string | null;
  lastError: string | null;
  createdAt: string;
}

/** The duplicate's call-back preference the merge deleted (the survivor had its own). */
interface MergeRestoreCallback {
  preferredTimes: string;
  days: Prisma.InputJsonValue;
  createdAt: string;
  updatedAt: string;
}

interface MergeRestore {
  lead: MergeRestoreLead;
  outbox: MergeRestoreOutbox[];
  callback?: MergeRestoreCallback | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const date = (s: string | null) => (s ? new Date(s) : null);

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
 * - the survivor gets a "merged" audit row (who, which id and reference), and both versions move on;
 * - one LeadMergeRecord: what moved (ids, kept: the survivor's timeline says what came from where) and,
 *   for 24 hours, what `undoMerge` puts back (the emptied columns and the deleted outbox rows).
 * Concurrency: the duplicate is written `where { id, version, mergedIntoId: null }` with the version
 * the caller saw (409 when stale), the survivor `where { id, mergedIntoId: null }` (400 when it was
 * merged meanwhile). Merging into itself, into a merged inquiry or a merged one again: 400.
 * Nothing is read back: the API reads the survivor for its answer, the page opens it.
 * Returns the merge record's id.
 */
export async function mergeLead(
  db: Db,
  actorId: string,
  id: string,
  { intoId, version }: LeadMerge,
  now: Date = new Date(),
): Promise<{ mergeId: string }> {
  if (intoId === id) throw new InvalidError("An inquiry cannot be merged into itself.", { intoId: "Choose another inquiry." });
  return db.$transaction(async (tx) => {
    const [source, target] = await Promise.all([
      tx.lead.findUnique({
        where: { id },
        select: {
          version: true,
          mergedIntoId: true,
          relatedLeadId: true,
          reference: true,
          firstName: true,
          lastName: true,
          email: true,
          phone: true,
          patientNotes: true,
          searchText: true,
          status: true,
          closedReason: true,
          followUpAt: true,
          followUpNote: true,
          assigneeId: true,
        },
      }),
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

    const { moved, deleted } = await moveHistory(tx, id, intoId);
    moved.survivorRelated = survivorRelated !== undefined ? { from: id, to: survivorRelated } : null;
    const consultations = await moveConsultations(tx, id, intoId, sourceBooked !== null);
    moved.consultations = consultations.ids;
    moved.callbackMoved = consultations.callbackMoved;
    moved.survivorBooked = consultations.survivorBooked;
    const restore: MergeRestore = {
      lead: {
        firstName: source.firstName,
        lastName: source.lastName,
        email: source.email,
        phone: source.phone,
        patientNotes: source.patientNotes,
        searchText: source.searchText,
        status: source.status,
        closedReason: source.closedReason,
        followUpAt: iso(source.followUpAt),
        followUpNote: source.followUpNote,
        assigneeId: source.assigneeId,
        relatedLeadId: source.relatedLeadId,
      },
      outbox: deleted,
      callback: consultations.callbackDeleted,
    };
    // A second live merge of the same inquiry is refused here too (partial unique index LeadMergeRecord_active_key).
    const record = await tx.leadMergeRecord.create({
      data: {
        mergedLeadId: id,
        survivorLeadId: intoId,
        mergedById: actorId,
        mergedAt: now,
        undoUntil: new Date(now.getTime() + MERGE_UNDO_WINDOW_MS),
        moved: moved as unknown as Prisma.InputJsonValue,
        restore: restore as unknown as Prisma.InputJsonValue,
      },
      select: { id: true },
    });
    await recordAudit(tx, { actorId, leadId: intoId, type: "merged", data: { mergedId: id, mergedReference: source.reference, mergeId: record.id } });
    // The tombstone's own trace (after the move, so it stays with the tombstone).
    await recordAudit(tx, { actorId, leadId: id, type: "merged_away", data: { intoId, intoReference: target.reference, mergeId: record.id } });
    await emitEvent(
      tx,
      "lead.merged",
      { lead: { id: intoId, reference: target.reference, status: target.status }, mergedLead: { id, reference: source.reference, status: "not_proceeding" } },
      { leadId: intoId },
    );
    return { mergeId: record.id };
  });
}

async function moveConsultations(
  tx: DbTransaction,
  from: string,
  to: string,
  bookedMoves: boolean,
): Promise<{ ids: string[]; callbackMoved: boolean; callbackDeleted: MergeRestoreCallback | null; survivorBooked: boolean }> {
  const rows = await tx.consultation.findMany({ where: { leadId: from }, select: { id: true } });
  try {
    await tx.consultation.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { leadId: to } });
  } catch (e) {
    // Booked on the survivor meanwhile: the one-booked-per-inquiry index refuses the move.
    if (isAlreadyBookedRefusal(e)) throw new ConflictError(BOTH_BOOKED_MESSAGE, "both_booked");
    throw e;
  }
  let survivorBooked = false;
  if (bookedMoves) {
    const before = await tx.lead.findUnique({ where: { id: to }, select: { status: true } });
    await moveInquiryToBooked(tx, to);
    const after = await tx.lead.findUnique({ where: { id: to }, select: { status: true } });
    survivorBooked = before?.status !== after?.status;
  }
  const callback = await tx.callbackPreference.findUnique({ where: { leadId: from } });
  let callbackMoved = false;
  let callbackDeleted: MergeRestoreCallback | null = null;
  if (callback) {
    const survivorHas = await tx.callbackPreference.findUnique({ where: { leadId: to }, select: { leadId: true } });
    if (survivorHas) {
      await tx.callbackPreference.delete({ where: { leadId: from } });
      callbackDeleted = {
        preferredTimes: callback.preferredTimes,
        days: callback.days as Prisma.InputJsonValue,
        createdAt: callback.createdAt.toISOString(),
        updatedAt: callback.updatedAt.toISOString(),
      };
    } else {
      await tx.callbackPreference.update({ where: { leadId: from }, data: { leadId: to } });
      callbackMoved = true;
    }
  }
  return { ids: rows.map((r) => r.id), callbackMoved, callbackDeleted, survivorBooked };
}

async function moveHistory(tx: DbTransaction, from: string, to: string): Promise<{ moved: MergeMoved; deleted: MergeRestoreOutbox[] }> {
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
  const [notes, events, laterLeads, outbox, deliveries] = await Promise.all([
    tx.leadNote.findMany({ where: { leadId: from }, select: { id: true } }),
    tx.leadEvent.findMany({ where: { leadId: from }, select: { id: true } }),
    tx.lead.findMany({ where: { relatedLeadId: from, id: { not: to } }, select: { id: true } }),
    tx.outboxMessage.findMany({ where: { leadId: from } }),
    tx.webhookDelivery.findMany({ where: { leadId: from }, select: { id: true } }),
  ]);
  await tx.leadNote.updateMany({ where: { id: { in: ids(notes) } }, data: { leadId: to } });
  await tx.leadEvent.updateMany({ where: { id: { in: ids(events) } }, data: { leadId: to } });
  await tx.lead.updateMany({ where: { id: { in: ids(laterLeads) } }, data: { relatedLeadId: to } });
  // Payloads of notifications about the duplicate: nothing personal may outlive the merge (the undo
  // copy in the merge record is emptied after 24 hours). Webhook deliveries (ids only) and their
  // queued sends go with the survivor, so erasing it takes them too. Consultation messages carry ids
  // and times only and follow their consultation (moveConsultations).
  const follows = (kind: string) => kind === WEBHOOK_DELIVERY || CONSULTATION_KINDS.includes(kind);
  const kept = outbox.filter((m) => follows(m.kind));
  const dropped = outbox.filter((m) => !follows(m.kind));
  await tx.outboxMessage.deleteMany({ where: { id: { in: ids(dropped) } } });
  await tx.outboxMessage.updateMany({ where: { id: { in: ids(kept) } }, data: { leadId: to } });
  await tx.webhookDelivery.updateMany({ where: { id: { in: ids(deliveries) } }, data: { leadId: to } });
  return {
    moved: {
      notes: ids(notes),
      events: ids(events),
      laterLeads: ids(laterLeads),
      outbox: ids(kept),
      webhookDeliveries: ids(deliveries),
      survivorRelated: null,
    },
    deleted: dropped.map((m) => ({
      id: m.id,
      kind: m.kind,
      channel: m.channel,
      payload: m.payload as Prisma.InputJsonValue,
      attempts: m.attempts,
      dueAt: iso(m.dueAt),
      nextAttemptAt: m.nextAttemptAt.toISOString(),
      dedupeKey: m.dedupeKey,
      deliveredAt: iso(m.deliveredAt),
      withdrawnAt: iso(m.withdrawnAt),
      lastError: m.lastError,
      createdAt: m.createdAt.toISOString(),
    })),
  };
}

// --- undo ------------------------------------------------------------------------------------------

const movedOf = (value: Prisma.JsonValue): MergeMoved => value as unknown as MergeMoved;
const restoreOf = (value: Prisma.JsonValue | null): MergeRestore | null => (value === null ? null : (value as unknown as MergeRestore));

/** The live merge of an inquiry (not undone), as the pages show it: who merged, when, until when it can be undone. */
export interface MergeInfo {
  mergeId: string;
  mergedLeadId: string;
  mergedReference: string | null;
  survivorLeadId: string;
  mergedBy: { id: string; name: string } | null;
  mergedAt: string;
  undoUntil: string;
  /** The viewer may undo it now: they merged it, and the 24 hours are not over. */
  canUndo: boolean;
}

/** The live merge of the duplicate `mergedLeadId`, or null (never merged, or undone). */
export async function mergeInfo(db: Db, mergedLeadId: string, viewerId: string, now: Date = new Date()): Promise<MergeInfo | null> {
  const record = await db.leadMergeRecord.findFirst({ where: { mergedLeadId, undoneAt: null }, orderBy: { mergedAt: "desc" } });
  if (!record) return null;
  const [lead, user] = await Promise.all([
    db.lead.findUnique({ where: { id: mergedLeadId }, select: { reference: true } }),
    db.user.findUnique({ where: { id: record.mergedById }, select: { id: true, name: true } }),
  ]);
  return {
    mergeId: record.id,
    mergedLeadId,
    mergedReference: lead?.reference ?? null,
    survivorLeadId: record.survivorLeadId,
    mergedBy: user,
    mergedAt: record.mergedAt.toISOString(),
    undoUntil: record.undoUntil.toISOString(),
    canUndo: record.mergedById === viewerId && record.undoUntil > now && record.restore !== null,
  };
}

/** The live merges into `survivorLeadId` (newest first), each as `mergeInfo` tells it to this viewer. */
export async function mergesInto(db: Db, survivorLeadId: string, viewerId: string, now: Date = new Date()): Promise<MergeInfo[]> {
  const records = await db.leadMergeRecord.findMany({
    where: { survivorLeadId, undoneAt: null },
    select: { mergedLeadId: true },
    orderBy: { mergedAt: "desc" },
    take: 20,
  });
  const infos = await Promise.all(records.map((r) => mergeInfo(db, r.mergedLeadId, viewerId, now)));
  return infos.filter((info): info is MergeInfo => info !== null);
}

/**
 * Undoes the merge of the duplicate `mergedLeadId` (docs/decisions/027-merge-undo.md), all or nothing:
 * the duplicate gets back its contact details, status, follow-up, assignee and earlier inquiry; exactly
 * the notes, events, webhook rows and "earlier inquiry" pointers the merge moved go back to it; the
 * notification rows the merge deleted come back as they were. Allowed only to the staff member who
 * merged, within 24 hours (ForbiddenError otherwise; the window is checked again in the conditional
 * update). Once: the record's `undoneAt` is set `where undoneAt IS NULL`, so of two concurrent undos
 * one wins and the other gets a ConflictError. Refused when it could not be exact: the survivor was
 * merged into a third inquiry since (undo that merge first), or a removed notification was queued again.
 * Both inquiries' versions move on; each gets a "merge_undone" audit row; webhook "lead.merge_undone".
 */
export async function undoMerge(db: Db, actorId: string, mergedLeadId: string, now: Date = new Date()): Promise<{ survivorId: string }> {
  return db.$transaction(async (tx) => {
    const record = await tx.leadMergeRecord.findFirst({ where: { mergedLeadId }, orderBy: { mergedAt: "desc" } });
    const lead = await tx.lead.findUnique({ where: { id: mergedLeadId }, select: { mergedIntoId: true, reference: true, status: true } });
    if (!lead) throw new NotFoundError("This inquiry does not exist.");
    if (!record) throw new InvalidError("This inquiry was not merged: there is nothing to undo.", { _root: "Not merged." });
    if (record.undoneAt) throw new ConflictError("This merge was already undone.", "already_undone");
    if (record.mergedById !== actorId) throw new ForbiddenError("Only the staff member who merged these inquiries can undo the merge.", "not_the_merger");
    if (record.undoUntil <= now || record.restore === null) {
      throw new ForbiddenError("A merge can be undone only within 24 hours of it; this one is older.", "undo_window_over");
    }
    if (lead.mergedIntoId !== record.survivorLeadId) throw new ConflictError("This inquiry is no longer merged as it was: nothing was changed.", "merge_changed");
    const survivor = await tx.lead.findUnique({ where: { id: record.survivorLeadId }, select: { mergedIntoId: true, reference: true, status: true } });
    if (!survivor) throw new NotFoundError("The inquiry it was merged into no longer exists.");
    if (survivor.mergedIntoId) {
      throw new ConflictError("The inquiry it was merged into was merged into another one since: undo that merge first.", "survivor_merged");
    }
    const moved = movedOf(record.moved);
    const restore = restoreOf(record.restore);
    if (!restore) throw new ForbiddenError("A merge can be undone only within 24 hours of it; this one is older.", "undo_window_over");
    if (moved.survivorBooked) {
      throw new ConflictError(
        "This merge moved a booked consultation and made the other inquiry “Consultation booked”, which cannot be undone exactly. Keep the merge; move or cancel the consultation from the inquiry instead.",
        "booked_consultation_moved",
      );
    }

    // A removed notification that was queued again since (same key and channel) cannot come back as it was.
    const keyed = restore.outbox.filter((m) => m.dedupeKey !== null);
    if (keyed.length > 0) {
      const clash = await tx.outboxMessage.findFirst({
        where: { OR: keyed.map((m) => ({ dedupeKey: m.dedupeKey, channel: m.channel })) },
        select: { id: true },
      });
      if (clash) throw new ConflictError("A notification the merge removed was queued again since, so the merge cannot be undone exactly.", "outbox_requeued");
    }

    // Once: the database decides between concurrent undos (and re-checks who and when).
    const claimed = await tx.leadMergeRecord.updateMany({
      where: { id: record.id, undoneAt: null, mergedById: actorId, undoUntil: { gt: now } },
      data: { undoneAt: now, undoneById: actorId, restore: Prisma.DbNull },
    });
    if (claimed.count !== 1) throw new ConflictError("This merge was already undone.", "already_undone");

    // Pointers to rows erased since go as erasure leaves them (none); a deactivated assignee is kept as the merge found it.
    const [assignee, related] = await Promise.all([
      restore.lead.assigneeId ? tx.user.findUnique({ where: { id: restore.lead.assigneeId }, select: { id: true } }) : null,
      restore.lead.relatedLeadId ? tx.lead.findUnique({ where: { id: restore.lead.relatedLeadId }, select: { id: true } }) : null,
    ]);
    const back = await tx.lead.updateMany({
      where: { id: mergedLeadId, mergedIntoId: record.survivorLeadId },
      data: {
        mergedIntoId: null,
        firstName: restore.lead.firstName,
        lastName: restore.lead.lastName,
        email: restore.lead.email,
        phone: restore.lead.phone,
        patientNotes: restore.lead.patientNotes,
        searchText: restore.lead.searchText,
        status: restore.lead.status,
        closedReason: restore.lead.closedReason,
        followUpAt: date(restore.lead.followUpAt),
        followUpNote: restore.lead.followUpNote,
        assigneeId: assignee ? assignee.id : null,
        relatedLeadId: related ? related.id : null,
        version: { increment: 1 },
      },
    });
    if (back.count !== 1) throw new ConflictError("This inquiry is no longer merged as it was: nothing was changed.", "merge_changed");
    const to = record.survivorLeadId;
    await tx.leadNote.updateMany({ where: { id: { in: moved.notes }, leadId: to }, data: { leadId: mergedLeadId } });
    await tx.leadEvent.updateMany({ where: { id: { in: moved.events }, leadId: to }, data: { leadId: mergedLeadId } });
    await tx.lead.updateMany({ where: { id: { in: moved.laterLeads }, relatedLeadId: to }, data: { relatedLeadId: mergedLeadId } });
    await tx.outboxMessage.updateMany({ where: { id: { in: moved.outbox }, leadId: to }, data: { leadId: mergedLeadId } });
    await tx.webhookDelivery.updateMany({ where: { id: { in: moved.webhookDeliveries }, leadId: to }, data: { leadId: mergedLeadId } });
    await tx.consultation.updateMany({ where: { id: { in: moved.consultations ?? [] }, leadId: to }, data: { leadId: mergedLeadId } });
    if (moved.callbackMoved) await tx.callbackPreference.updateMany({ where: { leadId: to }, data: { leadId: mergedLeadId } });
    if (restore.callback) {
      await tx.callbackPreference.create({
        data: {
          leadId: mergedLeadId,
          preferredTimes: restore.callback.preferredTimes,
          days: restore.callback.days,
          createdAt: new Date(restore.callback.createdAt),
          updatedAt: new Date(restore.callback.updatedAt),
        },
      });
    }
    await tx.lead.updateMany({
      where: { id: to },
      data: {
        version: { increment: 1 },
        ...(moved.survivorRelated ? { relatedLeadId: moved.survivorRelated.from } : {}),
      },
    });
    if (restore.outbox.length > 0) {
      await tx.outboxMessage.createMany({
        data: restore.outbox.map((m) => ({
          id: m.id,
          kind: m.kind,
          leadId: mergedLeadId,
          channel: m.channel,
          payload: m.payload,
          attempts: m.attempts,
          dueAt: date(m.dueAt),
          nextAttemptAt: new Date(m.nextAttemptAt),
          dedupeKey: m.dedupeKey,
          deliveredAt: date(m.deliveredAt),
          withdrawnAt: date(m.withdrawnAt),
          lastError: m.lastError,
          createdAt: new Date(m.createdAt),
        })),
      });
    }
    await recordAudit(tx, { actorId, leadId: to, type: "merge_undone", data: { restoredId: mergedLeadId, restoredReference: lead.reference, mergeId: record.id } });
    await recordAudit(tx, { actorId, leadId: mergedLeadId, type: "merge_undone", data: { fromId: to, fromReference: survivor.reference, mergeId: record.id } });
    await emitEvent(
      tx,
      "lead.merge_undone",
      {
        lead: { id: to, reference: survivor.reference, status: survivor.status },
        restoredLead: { id: mergedLeadId, reference: lead.reference, status: restore.lead.status },
      },
      { leadId: to },
    );
    return { survivorId: to };
  });
}

/**
 * The end of the undo window: the contact details and notification payloads a merge record keeps for
 * undo are emptied once `undoUntil` has passed (run by the retention job, hourly). Returns how many.
 */
export async function purgeExpiredMergeUndo(db: Db, now: Date = new Date()): Promise<number> {
  const purged = await db.leadMergeRecord.updateMany({
    where: { undoUntil: { lte: now }, NOT: { restore: { equals: Prisma.DbNull } } },
    data: { restore: Prisma.DbNull },
  });
  return purged.count;
}

/**
 * Where the events and notes on an inquiry's timeline came from: item id -> the reference (and id) of
 * the merged inquiry it was first moved from. Follows merges of merges (a duplicate merged into an
 * inquiry that was merged here later keeps its own reference). Undone merges count no more.
 */
export async function mergeOrigins(db: Db, leadId: string): Promise<Map<string, { leadId: string; reference: string | null }>> {
  const records: { mergedLeadId: string; mergedAt: Date; moved: Prisma.JsonValue }[] = [];
  let frontier = [leadId];
  const seen = new Set(frontier);
  for (let depth = 0; depth < 5 && frontier.length > 0; depth++) {
    const rows = await db.leadMergeRecord.findMany({
      where: { survivorLeadId: { in: frontier }, undoneAt: null },
      select: { mergedLeadId: true, mergedAt: true, moved: true },
    });
    records.push(...rows);
    frontier = rows.map((r) => r.mergedLeadId).filter((id) => !seen.has(id));
    for (const id of frontier) seen.add(id);
  }
  const origins = new Map<string, { leadId: string; reference: string | null }>();
  if (records.length === 0) return origins;
  const leads = await db.lead.findMany({ where: { id: { in: records.map((r) => r.mergedLeadId) } }, select: { id: true, reference: true } });
  const referenceOf = new Map(leads.map((l) => [l.id, l.reference]));
  // Oldest merge first: an item moved twice keeps the inquiry it was first written on.
  for (const record of records.sort((a, b) => a.mergedAt.getTime() - b.mergedAt.getTime())) {
    const moved = movedOf(record.moved);
    for (const itemId of [...moved.notes, ...moved.events]) {
      if (!origins.has(itemId)) origins.set(itemId, { leadId: record.mergedLeadId, reference: referenceOf.get(record.mergedLeadId) ?? null });
    }
  }
  return origins;
}
