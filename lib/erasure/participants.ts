import "server-only";

import type { DbTransaction } from "@/lib/db/client";
import type { DbProvider } from "@/lib/db/provider";

/**
 * Erasure as a list of participants (docs/decisions/018-uploads-and-erasure.md).
 *
 * Every store that holds a person's data is ONE entry below: the tables and columns it covers, and
 * how it erases the rows of the given inquiries inside the erasure's transaction. Erasure on request
 * and retention (lib/leads/erase-lead.ts, lib/leads/retention-worker.ts) run every entry, in this
 * order, in one transaction, then write the audit stub ("erased", no personal data) themselves.
 *
 * A new table that holds a person's data (patient link tokens, photos, scheduled messages...): add one
 * entry ABOVE "inquiries" (rows that point at an inquiry go before it), naming the table and the
 * column that names the inquiry. `tests/integration/erasure/participants.test.ts` reads the migrated
 * database (SQLite and PostgreSQL) and fails when a table has a column called `leadId` (or
 * `...LeadId`, `lead_id`) or a foreign key to "Lead" that no entry covers, and when an entry names a
 * column that does not exist. Name the column `leadId` (or give it a foreign key): a column the test
 * cannot recognise ("Lead"."mergedIntoId", no foreign key) is covered only because it is listed here.
 *
 * Every store is in the database (photos too: docs/decisions/018), so `erase(tx, ...)` is enough:
 * what the transaction deletes is gone when it commits, and nothing is gone when it rolls back.
 */
export interface ErasureCoverage {
  /** The table as named in the database (a model's `@@map` name, if any). */
  table: string;
  /** The column that names the inquiry (`leadId`; `id` for "Lead" itself). */
  column: string;
  /** How these rows go, when not by `erase` itself (e.g. a trigger of another table's delete). */
  by?: string;
  /** Only on these databases (a table one provider has and the other not). Default: both. */
  providers?: readonly DbProvider[];
}

export interface ErasureParticipant {
  /** What the store is, in a few words (logs and the test's messages). */
  name: string;
  /** Every table and column whose rows this participant erases. */
  covers: readonly ErasureCoverage[];
  /** Erases (or, for rows another inquiry keeps, unlinks) every row of `leadIds`. Runs inside the erasure's transaction. */
  erase(tx: DbTransaction, leadIds: readonly string[]): Promise<void>;
}

const ids = (leadIds: readonly string[]) => ({ in: [...leadIds] });

export const ERASURE_PARTICIPANTS: readonly ErasureParticipant[] = [
  {
    // Queued, scheduled, withdrawn and sent notifications about the inquiry (decision 016): payloads
    // can name the patient (an escalation carries the first name).
    name: "outbox messages",
    covers: [{ table: "OutboxMessage", column: "leadId" }],
    async erase(tx, leadIds) {
      await tx.outboxMessage.deleteMany({ where: { leadId: ids(leadIds) } });
    },
  },
  {
    // Consultations of the inquiry (when, with whom, how it went) and the preferred call-back times
    // the patient left (decision 022). The overlap guard loses the rows with them: the slots free up.
    name: "consultations and call-back preferences",
    covers: [
      { table: "Consultation", column: "leadId" },
      { table: "CallbackPreference", column: "leadId" },
    ],
    async erase(tx, leadIds) {
      await tx.consultation.deleteMany({ where: { leadId: ids(leadIds) } });
      await tx.callbackPreference.deleteMany({ where: { leadId: ids(leadIds) } });
    },
  },
  {
    // The funnel stages the inquiry reached, with the treatment amount agreed (issue 22 item 8,
    // decision 027): when it was contacted, booked, attended, became a patient. Erased with it, so the
    // dashboard's past figures lose the erased inquiry entirely (it is gone from "Lead" too).
    name: "funnel stages",
    covers: [{ table: "LeadStage", column: "leadId" }],
    async erase(tx, leadIds) {
      await tx.leadStage.deleteMany({ where: { leadId: ids(leadIds) } });
    },
  },
  {
    // Calls logged to the patient (outcome, when, by whom) and corrections of their contact details,
    // which hold the name, phone and e-mail before and after (issue 22; lib/leads/lead-calls.ts,
    // lib/leads/contact-correction.ts). (ON DELETE CASCADE from "Lead" would take them too.)
    name: "calls and contact corrections",
    covers: [
      { table: "LeadCall", column: "leadId" },
      { table: "LeadContactChange", column: "leadId" },
    ],
    async erase(tx, leadIds) {
      await tx.leadCall.deleteMany({ where: { leadId: ids(leadIds) } });
      await tx.leadContactChange.deleteMany({ where: { leadId: ids(leadIds) } });
    },
  },
  {
    name: "staff notes",
    covers: [{ table: "LeadNote", column: "leadId" }],
    async erase(tx, leadIds) {
      await tx.leadNote.deleteMany({ where: { leadId: ids(leadIds) } });
    },
  },
  {
    // The patient's links to their own page (lib/patient-access/tokens.ts): hashes only, but each one
    // opens the inquiry, so they go first. (ON DELETE CASCADE from "Lead" would take them too.)
    name: "patient page links",
    covers: [{ table: "PatientAccessToken", column: "leadId" }],
    async erase(tx, leadIds) {
      await tx.patientAccessToken.deleteMany({ where: { leadId: ids(leadIds) } });
    },
  },
  {
    // Scalp photos (full and thumbnail bytes), attached documents (the clearance letter) and the
    // confirmed assessment (docs/decisions/023-photos.md): all in the database, so deleting the rows
    // inside this transaction is the whole erasure. (ON DELETE CASCADE from "Lead" would take them too.)
    name: "photos, documents and assessment",
    covers: [
      { table: "LeadPhoto", column: "leadId" },
      { table: "LeadDocument", column: "leadId" },
      { table: "LeadAssessment", column: "leadId" },
    ],
    async erase(tx, leadIds) {
      await tx.leadPhoto.deleteMany({ where: { leadId: ids(leadIds) } });
      await tx.leadDocument.deleteMany({ where: { leadId: ids(leadIds) } });
      await tx.leadAssessment.deleteMany({ where: { leadId: ids(leadIds) } });
    },
  },
  {
    // Webhook deliveries about the inquiry (lib/webhooks/, decision 024): ids, statuses and the
    // reference only, but they name the inquiry. The lead.erased delivery has no leadId and stays.
    name: "webhook deliveries",
    covers: [{ table: "WebhookDelivery", column: "leadId" }],
    async erase(tx, leadIds) {
      await tx.webhookDelivery.deleteMany({ where: { leadId: ids(leadIds) } });
    },
  },
  {
    // Merges (lib/leads/lead-merge.ts, decision 027): ids of what moved and, within the 24 hours of
    // undo, the duplicate's contact details and removed notification payloads. Erasing either side
    // (survivor or duplicate) takes the record: there is nothing left to undo.
    name: "merge records",
    covers: [
      { table: "LeadMergeRecord", column: "mergedLeadId" },
      { table: "LeadMergeRecord", column: "survivorLeadId" },
    ],
    async erase(tx, leadIds) {
      await tx.leadMergeRecord.deleteMany({ where: { OR: [{ mergedLeadId: ids(leadIds) }, { survivorLeadId: ids(leadIds) }] } });
    },
  },
  {
    // History and audit events about the inquiry (their data can name a note or a status reason).
    // The erasure's own stub ("erased", leadId null, no personal data) is written after every participant.
    name: "history and audit events",
    covers: [{ table: "LeadEvent", column: "leadId" }],
    async erase(tx, leadIds) {
      await tx.leadEvent.deleteMany({ where: { leadId: ids(leadIds) } });
    },
  },
  {
    // The inquiry row itself: contact details, answers, result, search text, source, consent. Later
    // inquiries that name an erased one as "earlier inquiry" keep nothing of it; duplicates merged into
    // it (mergedIntoId) are among `leadIds` (erase-lead.ts adds them). On SQLite the inbox search index
    // (migration 20261201161000) loses the inquiry's terms by the "Lead_search_after_delete" trigger.
    name: "inquiries",
    covers: [
      { table: "Lead", column: "id" },
      { table: "Lead", column: "relatedLeadId" },
      { table: "Lead", column: "mergedIntoId" },
      { table: "LeadSearchRow", column: "leadId", by: 'trigger "Lead_search_after_delete"', providers: ["sqlite"] },
    ],
    async erase(tx, leadIds) {
      await tx.lead.updateMany({ where: { relatedLeadId: ids(leadIds) }, data: { relatedLeadId: null } });
      await tx.lead.deleteMany({ where: { id: ids(leadIds) } });
    },
  },
];

/** Runs every participant, in order, for `leadIds` inside `tx`. */
export async function eraseParticipants(
  tx: DbTransaction,
  leadIds: readonly string[],
  participants: readonly ErasureParticipant[] = ERASURE_PARTICIPANTS,
): Promise<void> {
  if (leadIds.length === 0) return;
  for (const participant of participants) await participant.erase(tx, leadIds);
}
