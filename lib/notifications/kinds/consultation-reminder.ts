import "server-only";

import { z } from "zod";

import { consultationEmail } from "@/lib/booking/emails";
import { defineNotificationKind, drop, requireLeadId, send } from "@/lib/notifications/kind";
import { patientConsultationContext } from "@/lib/notifications/kinds/consultation-patient";

/**
 * The patient's reminder before their consultation (issue 20 item 5; decision 016's scheduled kind).
 * Queued by lib/booking/notify.ts with `dueAt` = start minus the setting's reminder lead time and the
 * dedupe key `consultation_reminder:<id>` (onDuplicate "replace": a move reschedules it; a cancel
 * withdraws it). The payload pins the start and ICS sequence it was scheduled for; right before
 * sending the check drops it when the consultation was moved or cancelled since (another sequence
 * or start, or not booked) or when it has already started.
 */

export const CONSULTATION_REMINDER = "consultation_reminder";

export const consultationReminderPayloadSchema = z.object({
  consultationId: z.string().catch(""),
  /** The start it was scheduled for (ISO). */
  startsAt: z.string().catch(new Date(0).toISOString()),
  icsSequence: z.number().int().catch(-1),
});

export const consultationReminder = defineNotificationKind({
  id: CONSULTATION_REMINDER,
  payload: consultationReminderPayloadSchema,
  channels: ["email"],
  onDuplicate: "replace",
  check: async (db, message, now) => {
    const leadId = requireLeadId(message);
    const { consultationId, startsAt, icsSequence } = message.payload;
    const row = await db.consultation.findUnique({ where: { id: consultationId } });
    if (!row || row.leadId !== leadId) return drop("the consultation no longer exists");
    if (row.status !== "booked") return drop(`the consultation is ${row.status}`);
    if (row.icsSequence !== icsSequence || row.startsAt.getTime() !== new Date(startsAt).getTime()) return drop("the consultation was moved since");
    if (now.getTime() >= row.startsAt.getTime()) return drop("the consultation has already started");
    const context = await patientConsultationContext(db, leadId, row);
    if (!context) return drop("nothing to send any more");
    return send(context);
  },
  email: ({ context }) => ({
    to: [context.to],
    replyTo: context.replyTo,
    ...consultationEmail({
      kind: "reminder",
      locale: context.locale,
      firstName: context.firstName,
      type: context.type,
      startsAt: context.startsAt,
      timeZone: context.timeZone,
      clinic: context.clinic,
      pageUrl: context.pageUrl,
    }),
  }),
});
