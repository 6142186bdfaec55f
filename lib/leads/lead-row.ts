import "server-only";

import type { AutoAssignMode } from "@/lib/clinic/schemas";
import { Prisma } from "@/lib/db/client";
import { toJson } from "@/lib/db/json";
import type { NotificationChannel } from "@/lib/notifications/config";
import type { LeadCreatedPayload } from "@/lib/notifications/kinds/lead-created";

/**
 * The rows one inquiry becomes: the Lead row, its "created" LeadEvent and one OutboxMessage per
 * notification channel. Every write path (lib/leads/lead-write*.ts) stores exactly these values.
 *
 * The Lead row's shape and column list come from the Prisma schema (the generated client), not
 * from a list kept by hand: a field added to prisma/schema.prisma fails to compile in
 * `leadDraft` (create-lead.ts) until it is filled there or named in LEFT_TO_DATABASE.
 */

/** Lead fields an insert leaves to the database (default or NULL): the staff workflow sets them later. (assigneeId is written: automatic assignment.) */
const LEFT_TO_DATABASE = [
  "closedReason",
  "firstContactedAt",
  "followUpAt",
  "followUpNote",
  "followUpDateOnly",
  "mergedIntoId",
  "escalatedAt",
  "callAttempts",
  "lastCallAt",
  "lastCallOutcome",
] as const satisfies readonly (keyof Prisma.LeadModel)[];
type LeftToDatabase = (typeof LEFT_TO_DATABASE)[number];
type JsonField = "answers" | "result";

/** One Lead row as an inquiry writes it: every scalar field of the model but those left to the database. */
export type LeadRow = Omit<Prisma.LeadModel, LeftToDatabase | JsonField> & Record<JsonField, Prisma.InputJsonObject>;

/** The columns of the SQL inserts, in the schema's order (the generated client's field list). */
export const LEAD_COLUMNS: readonly (keyof LeadRow)[] = Object.values(Prisma.LeadScalarFieldEnum).filter(
  (field): field is keyof LeadRow => !(LEFT_TO_DATABASE as readonly string[]).includes(field),
);

/** Everything to store, except what depends on the repeat-inquiry lookup (run inside the write). */
export interface LeadDraft {
  now: Date;
  lead: Omit<LeadRow, "relatedLeadId" | "assigneeId">;
  /** An earlier lead with the same email or phone created in this window becomes `relatedLeadId`. */
  repeatWindow: { from: Date; to: Date };
  ipHash: string;
  channels: readonly NotificationChannel[];
  /** Ids for the event and the outbox rows (generated here so every write path stores the same). */
  eventId: string;
  outboxIds: string[];
  /** Automatic assignment (lib/leads/auto-assign.ts), decided inside the write; the "assigned" event's id. */
  autoAssign: AutoAssignMode;
  assignEventId: string;
  /** The outbox row of the patient's confirmation e-mail (kind PATIENT_CONFIRMATION), or null for none. */
  confirmationId: string | null;
  /**
   * Entered by a staff member for a phone-in or walk-in patient (lib/leads/staff-entry.ts): the
   * "created" event's actor (who took the verbal consent) and its source; null for the online form.
   */
  entry: { actorId: string; source: "phone" | "walk-in" } | null;
}

export interface WrittenLead {
  id: string;
  relatedLeadId: string | null;
  assigneeId: string | null;
}

export function leadRow(draft: LeadDraft, relatedLeadId: string | null, assigneeId: string | null = null): LeadRow {
  return { ...draft.lead, relatedLeadId, assigneeId };
}

/** The "created" LeadEvent's actor: the staff member who entered the inquiry, or null (the patient online). */
export function eventActorId(draft: LeadDraft): string | null {
  return draft.entry?.actorId ?? null;
}

/** `data` of the "created" LeadEvent (no answers, no contact details). */
export function eventData(draft: LeadDraft, relatedLeadId: string | null): Prisma.InputJsonObject {
  if (draft.entry) return { source: draft.entry.source, consent: "verbal", relatedLeadId, notifications: [...draft.channels] };
  return { source: "web", relatedLeadId, ipHash: draft.ipHash, notifications: [...draft.channels] };
}

/** `payload` of each outbox row (no answers, no contact details). */
export function outboxPayload(draft: LeadDraft, relatedLeadId: string | null): Prisma.InputJsonObject {
  const payload: LeadCreatedPayload = {
    eligibility: draft.lead.eligibility as LeadCreatedPayload["eligibility"],
    createdAt: draft.now.toISOString(),
    repeatInquiry: relatedLeadId !== null,
  };
  return toJson(payload);
}
