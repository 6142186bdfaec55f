import "server-only";

import { recordAudit } from "@/lib/audit/record";
import type { DbTransaction } from "@/lib/db/client";
import { notifyConsultationEvent } from "@/lib/booking/notify";
import type { BookedBy, ConsultationStatus, ConsultationType } from "@/lib/booking/schemas";

/**
 * What happened to a consultation, for the audit trail and the notifications about it (decision 022).
 * Every book, move, cancel, attended and no-show goes through `consultationHappened`, inside the
 * transaction that made the change, so the audit row and the notifications (lib/booking/notify.ts: the patient's e-mail with the
 * invite, the reminder, the front desk's e-mail and the webhook) are stored with the change or not at all.
 *
 * The payload names ids, times and statuses only: never the patient's name, contact or answers
 * (kinds read those from the inquiry at sending time, and check the consultation is still as the
 * event says: a reminder of a consultation moved or cancelled since is not sent).
 */

export const CONSULTATION_EVENTS = ["booked", "moved", "cancelled", "attended", "no_show"] as const;
export type ConsultationEventType = (typeof CONSULTATION_EVENTS)[number];

export interface ConsultationEvent {
  type: ConsultationEventType;
  consultationId: string;
  leadId: string;
  consultationType: ConsultationType;
  /** ISO-8601 UTC instants of the consultation after the change. */
  startsAt: string;
  endsAt: string;
  /** For "moved": where it was. */
  previousStartsAt?: string;
  status: ConsultationStatus;
  /** The iCalendar SEQUENCE after the change (the UID is the consultation's id). */
  icsSequence: number;
  /** The consultant's id, or null for the clinic's single calendar. */
  consultantId: string | null;
  /** Who did it: the patient (with their link), a staff member, or the system. */
  by: BookedBy;
  actorId: string | null;
}

/**
 * The dedupe key of a notification about `event` (enqueueNotification's `dedupeKey`): one message per
 * consultation, event and ICS sequence, so a retried request never sends twice and a later change
 * (a higher sequence) is a new message.
 */
export function consultationDedupeKey(event: Pick<ConsultationEvent, "type" | "consultationId" | "icsSequence">): string {
  return `consultation_${event.type}:${event.consultationId}:${event.icsSequence}`;
}

/** The reminder's dedupe key: one per consultation, replaced when it moves (the kind's onDuplicate "replace"). */
export function consultationReminderKey(consultationId: string): string {
  return `consultation_reminder:${consultationId}`;
}

const AUDIT_TYPE = {
  booked: "consultation_booked",
  moved: "consultation_moved",
  cancelled: "consultation_cancelled",
  attended: "consultation_attended",
  no_show: "consultation_no_show",
} as const satisfies Record<ConsultationEventType, string>;

/** Records `event` in the audit trail of its inquiry, inside the transaction `tx` that made the change. */
export async function consultationHappened(tx: DbTransaction, event: ConsultationEvent): Promise<void> {
  await recordAudit(tx, {
    actorId: event.actorId,
    leadId: event.leadId,
    type: AUDIT_TYPE[event.type],
    data: {
      consultationId: event.consultationId,
      type: event.consultationType,
      startsAt: event.startsAt,
      ...(event.previousStartsAt ? { previousStartsAt: event.previousStartsAt } : {}),
      status: event.status,
      consultantId: event.consultantId,
      by: event.by,
    },
  });
  await notifyConsultationEvent(tx, event);
}
