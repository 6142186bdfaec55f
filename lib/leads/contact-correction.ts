import "server-only";

import { recordAudit } from "@/lib/audit/record";
import type { Db, DbTransaction, Prisma } from "@/lib/db/client";
import { ConflictError, InvalidError, NotFoundError } from "@/lib/errors";
import {
  CONTACT_CORRECTION_MESSAGES,
  CORRECTABLE_CONTACT_FIELDS,
  type ContactCorrectionInput,
  type CorrectableContactField,
} from "@/lib/leads/contact-correction-input";
import { MERGED_MESSAGE, STALE_VERSION_MESSAGE } from "@/lib/leads/lead-workflow";
import { leadSearchText } from "@/lib/leads/search-text";

/**
 * Corrects a patient's name, phone or e-mail (issue 22 item 6), all or nothing:
 * - the inquiry gets the new values and its search text again (leadSearchText, the one function every
 *   write of these fields uses), written `where { id, version }` (optimistic concurrency, version + 1);
 * - a LeadContactChange row keeps the values before and after (every version of the details is
 *   known; erased with the inquiry, lib/erasure/participants.ts);
 * - the audit event "contact_corrected" names the change row and the fields changed, never the values
 *   (contact details stay out of the audit data; the row it names holds them, in the database only).
 */
export async function correctContact(db: Db, actorId: string, input: ContactCorrectionInput): Promise<{ changeId: string; fields: CorrectableContactField[]; version: number }> {
  return await db.$transaction(async (tx: DbTransaction) => {
    const lead = await tx.lead.findUnique({
      where: { id: input.leadId },
      select: { firstName: true, lastName: true, email: true, phone: true, reference: true, version: true, mergedIntoId: true },
    });
    if (!lead) throw new NotFoundError("This inquiry does not exist.");
    if (lead.mergedIntoId) throw new InvalidError(MERGED_MESSAGE, { _root: MERGED_MESSAGE }, "merged");
    const before = { firstName: lead.firstName, lastName: lead.lastName, email: lead.email, phone: lead.phone };
    const after = { firstName: input.firstName, lastName: input.lastName, email: input.email, phone: input.phone };
    const fields = CORRECTABLE_CONTACT_FIELDS.filter((f) => before[f] !== after[f]);
    if (fields.length === 0) throw new InvalidError(CONTACT_CORRECTION_MESSAGES.unchanged, { _root: CONTACT_CORRECTION_MESSAGES.unchanged }, "unchanged");
    if (input.version !== lead.version) throw new ConflictError(STALE_VERSION_MESSAGE, "stale_version");
    const updated = await tx.lead.updateMany({
      where: { id: input.leadId, version: lead.version },
      data: { ...after, searchText: leadSearchText({ ...after, reference: lead.reference }), version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new ConflictError(STALE_VERSION_MESSAGE, "stale_version");
    const change = await tx.leadContactChange.create({
      data: { leadId: input.leadId, actorId, before: before as Prisma.InputJsonObject, after: after as Prisma.InputJsonObject },
      select: { id: true },
    });
    await recordAudit(tx, { actorId, leadId: input.leadId, type: "contact_corrected", data: { changeId: change.id, fields: [...fields] } });
    return { changeId: change.id, fields, version: lead.version + 1 };
  });
}

export interface ContactChangeView {
  id: string;
  at: string;
  actor: { id: string; name: string } | null;
  /** Only the fields that changed, with their values before and after. */
  changes: { field: CorrectableContactField; before: string; after: string }[];
}

const asContact = (value: Prisma.JsonValue): Partial<Record<CorrectableContactField, string>> => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  const out: Partial<Record<CorrectableContactField, string>> = {};
  for (const f of CORRECTABLE_CONTACT_FIELDS) {
    const v = (value as Record<string, unknown>)[f];
    if (typeof v === "string") out[f] = v;
  }
  return out;
};

/** Every correction of the inquiry's contact details, newest first (the inquiry page's history). */
export async function listContactChanges(db: Db, leadId: string): Promise<ContactChangeView[]> {
  const rows = await db.leadContactChange.findMany({
    where: { leadId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, createdAt: true, before: true, after: true, actor: { select: { id: true, name: true } } },
  });
  return rows.map((r) => {
    const before = asContact(r.before);
    const after = asContact(r.after);
    return {
      id: r.id,
      at: r.createdAt.toISOString(),
      actor: r.actor,
      changes: CORRECTABLE_CONTACT_FIELDS.filter((f) => before[f] !== after[f]).map((field) => ({ field, before: before[field] ?? "", after: after[field] ?? "" })),
    };
  });
}
