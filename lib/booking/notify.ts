import "server-only";

import { consultationDedupeKey, consultationReminderKey, type ConsultationEvent } from "@/lib/booking/events";
import { CONSULTATION_SETTINGS_ROW_ID, settingsOfRow } from "@/lib/booking/settings";
import { DEFAULT_CONSULTATION_SETTINGS } from "@/lib/booking/schemas";
import type { DbTransaction } from "@/lib/db/client";
import { enqueueNotification, withdrawNotifications } from "@/lib/notifications/enqueue";
import { CONSULTATION_PATIENT } from "@/lib/notifications/kinds/consultation-patient";
import { CONSULTATION_REMINDER } from "@/lib/notifications/kinds/consultation-reminder";
import { CONSULTATION_STAFF } from "@/lib/notifications/kinds/consultation-staff";
import { emitEvent } from "@/lib/webhooks/emit";

/**
 * The messages a consultation event queues (issue 20 item 5), inside the transaction of the change
 * (called by `consultationHappened`, lib/booking/events.ts), so they are stored with it or not at all:
 *
 * - the front desk's e-mail and the `consultation.*` event, for every event: to the admin's webhook
 *   endpoints (emitEvent, decision 024: ids, statuses and the reference only) and, as lead.escalated
 *   does, to the environment's LEAD_WEBHOOK_URL through the staff kind;
 * - the patient's e-mail with the invite, for booked, moved and cancelled;
 * - the reminder: booked and moved (re)schedule it at start minus the reminder lead time (the same
 *   dedupe key, replaced: one reminder per consultation, at the newest time); cancelled, attended and
 *   no-show withdraw it; a start closer than the lead time has none (never a reminder at booking
 *   time), and a move to such a start withdraws the old one.
 *
 * Every dedupe key is prefixed with the kind (one key is unique per channel across kinds).
 */
export async function notifyConsultationEvent(tx: DbTransaction, event: ConsultationEvent, now: Date = new Date()): Promise<void> {
  const key = consultationDedupeKey(event);
  await enqueueNotification(
    tx,
    CONSULTATION_STAFF,
    {
      event: event.type,
      consultationId: event.consultationId,
      type: event.consultationType,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      previousStartsAt: event.previousStartsAt ?? null,
      status: event.status,
      consultantId: event.consultantId,
      by: event.by,
    },
    { leadId: event.leadId, dedupeKey: `${CONSULTATION_STAFF}:${key}`, now },
  );

  const lead = await tx.lead.findUnique({ where: { id: event.leadId }, select: { reference: true, status: true } });
  await emitEvent(
    tx,
    `consultation.${event.type}`,
    {
      lead: { id: event.leadId, reference: lead?.reference ?? null, status: lead?.status ?? null },
      consultation: {
        id: event.consultationId,
        type: event.consultationType,
        start: event.startsAt,
        end: event.endsAt,
        previousStart: event.previousStartsAt ?? null,
        status: event.status,
        consultantId: event.consultantId,
        by: event.by,
      },
    },
    { leadId: event.leadId, now },
  );

  if (event.type === "booked" || event.type === "moved" || event.type === "cancelled") {
    await enqueueNotification(
      tx,
      CONSULTATION_PATIENT,
      { event: event.type, consultationId: event.consultationId, icsSequence: event.icsSequence, previousStartsAt: event.previousStartsAt ?? null },
      { leadId: event.leadId, dedupeKey: `${CONSULTATION_PATIENT}:${key}`, now },
    );
  }

  const reminderKey = consultationReminderKey(event.consultationId);
  if (event.type === "booked" || event.type === "moved") {
    const row = await tx.consultationSettings.findUnique({ where: { id: CONSULTATION_SETTINGS_ROW_ID } });
    const leadMinutes = row ? settingsOfRow(row).reminderLeadMinutes : DEFAULT_CONSULTATION_SETTINGS.reminderLeadMinutes;
    const dueAt = new Date(new Date(event.startsAt).getTime() - leadMinutes * 60_000);
    if (dueAt.getTime() > now.getTime()) {
      await enqueueNotification(
        tx,
        CONSULTATION_REMINDER,
        { consultationId: event.consultationId, startsAt: event.startsAt, icsSequence: event.icsSequence },
        { leadId: event.leadId, dedupeKey: reminderKey, dueAt, now },
      );
      return;
    }
  }
  await withdrawNotifications(tx, { dedupeKey: reminderKey, kind: CONSULTATION_REMINDER }, now);
}
