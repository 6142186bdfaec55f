import "server-only";

import { z } from "zod";

import { consultationEmail, inviteWords, type PatientConsultationEmailKind } from "@/lib/booking/emails";
import { inviteAttachment } from "@/lib/booking/invite";
import { CONSULTATION_TYPES, type ConsultationType } from "@/lib/booking/schemas";
import { clinicContactOf, type ClinicContact, type ContactLocale } from "@/lib/clinic/contact";
import { getClinicProfile } from "@/lib/clinic/store";
import type { Db } from "@/lib/db/client";
import { defineNotificationKind, drop, requireLeadId, send } from "@/lib/notifications/kind";
import { issueAccessToken } from "@/lib/patient-access/tokens";

/**
 * The patient's e-mail about their consultation (issue 20 item 5): booked, moved or cancelled, with
 * the calendar invite (lib/booking/invite.ts: REQUEST for booked and moved, CANCEL for cancelled; the
 * UID is the consultation's, SEQUENCE its ICS sequence). Queued by lib/booking/notify.ts in the
 * transaction of the change; the payload names the consultation and the sequence the change gave it.
 * Still true only while the consultation is at that sequence (a later move or cancel queues its own
 * e-mail with the newer invite) and in the status the e-mail announces. Time, type and address are
 * read at sending time; the link to the patient's page is issued then (the outbox never holds one).
 */

export const CONSULTATION_PATIENT = "consultation_patient";

export const consultationPatientPayloadSchema = z.object({
  event: z.enum(["booked", "moved", "cancelled"]).catch("booked"),
  consultationId: z.string().catch(""),
  icsSequence: z.number().int().catch(-1),
  /** Moved: the start it had before (ISO). */
  previousStartsAt: z.string().nullable().catch(null),
});

export interface PatientConsultationContext {
  to: string;
  replyTo: string;
  locale: ContactLocale;
  firstName: string;
  type: ConsultationType;
  startsAt: Date;
  endsAt: Date;
  icsSequence: number;
  timeZone: string;
  clinic: ClinicContact;
  pageUrl: string;
}

/** The inquiry and clinic facts a patient consultation e-mail needs, with a fresh page link; null: nobody to write to. */
export async function patientConsultationContext(
  db: Db,
  leadId: string,
  consultation: { type: string; startsAt: Date; endsAt: Date; icsSequence: number },
): Promise<PatientConsultationContext | null> {
  const lead = await db.lead.findUnique({ where: { id: leadId }, select: { email: true, firstName: true, locale: true, mergedIntoId: true } });
  if (!lead || lead.mergedIntoId !== null || lead.email.trim() === "") return null;
  const profile = await getClinicProfile(db);
  const locale: ContactLocale = lead.locale === "es" ? "es" : "en";
  const { url } = await issueAccessToken(db, leadId, "confirmation_email");
  const type = (CONSULTATION_TYPES as readonly string[]).includes(consultation.type) ? (consultation.type as ConsultationType) : "in_person";
  return {
    to: lead.email,
    replyTo: profile.email,
    locale,
    firstName: lead.firstName,
    type,
    startsAt: consultation.startsAt,
    endsAt: consultation.endsAt,
    icsSequence: consultation.icsSequence,
    timeZone: profile.timeZone,
    clinic: clinicContactOf(profile, locale),
    pageUrl: url,
  };
}

export const consultationPatient = defineNotificationKind({
  id: CONSULTATION_PATIENT,
  payload: consultationPatientPayloadSchema,
  channels: ["email"],
  onDuplicate: "keep",
  check: async (db, message) => {
    const leadId = requireLeadId(message);
    const { event, consultationId, icsSequence } = message.payload;
    const row = await db.consultation.findUnique({ where: { id: consultationId } });
    if (!row || row.leadId !== leadId) return drop("the consultation no longer exists");
    if (row.icsSequence !== icsSequence) return drop("the consultation changed since");
    if (event === "cancelled" ? row.status !== "cancelled" : row.status !== "booked") return drop("the consultation changed since");
    const context = await patientConsultationContext(db, leadId, row);
    if (!context) return drop("nothing to send any more");
    return send(context);
  },
  email: ({ message, context, appUrl, now }) => {
    const kind: PatientConsultationEmailKind = message.payload.event;
    const previous = message.payload.previousStartsAt ? new Date(message.payload.previousStartsAt) : null;
    const rendered = consultationEmail({
      kind,
      locale: context.locale,
      firstName: context.firstName,
      type: context.type,
      startsAt: context.startsAt,
      previousStartsAt: previous && !Number.isNaN(previous.getTime()) ? previous : null,
      timeZone: context.timeZone,
      clinic: context.clinic,
      pageUrl: context.pageUrl,
    });
    const words = inviteWords({ locale: context.locale, type: context.type, clinic: context.clinic });
    const attachment = inviteAttachment({
      consultationId: message.payload.consultationId,
      method: kind === "cancelled" ? "CANCEL" : "REQUEST",
      sequence: context.icsSequence,
      start: context.startsAt,
      end: context.endsAt,
      summary: words.summary,
      description: words.description,
      location: words.location,
      organizer: { name: context.clinic.name, email: context.clinic.email },
      attendee: { name: context.firstName, email: context.to },
      appUrl,
      now,
    });
    return { to: [context.to], replyTo: context.replyTo, ...rendered, attachments: [attachment] };
  },
});
