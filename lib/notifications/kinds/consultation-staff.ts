import "server-only";

import { z } from "zod";

import { clinicWallTime } from "@/lib/booking/emails";
import { BOOKED_BY, CONSULTATION_STATUSES, CONSULTATION_TYPES } from "@/lib/booking/schemas";
import { getClinicProfile } from "@/lib/clinic/store";
import { defineNotificationKind, escapeHtml, requireLeadId, send, staffLeadUrl, type KindEmail } from "@/lib/notifications/kind";

/**
 * A consultation was booked, moved, cancelled, marked attended or no-show (issue 20 item 5): to the
 * front desk by e-mail (NOTIFY_EMAIL_TO, as the other staff kinds) and as the signed webhook events
 * `consultation.booked|moved|cancelled|attended|no_show` (docs/api-v1.md). Queued by
 * lib/booking/notify.ts in the transaction of the change. It announces something that happened, so it
 * is always sent. The payload holds ids, times and statuses; the e-mail adds the first name and the
 * reference read at sending time; the webhook carries ids, statuses and the reference only.
 */

export const CONSULTATION_STAFF = "consultation_staff";

export const CONSULTATION_STAFF_EVENTS = ["booked", "moved", "cancelled", "attended", "no_show"] as const;

export const consultationStaffPayloadSchema = z.object({
  event: z.enum(CONSULTATION_STAFF_EVENTS).catch("booked"),
  consultationId: z.string().catch(""),
  type: z.enum(CONSULTATION_TYPES).catch("in_person"),
  startsAt: z.string().catch(new Date(0).toISOString()),
  endsAt: z.string().catch(new Date(0).toISOString()),
  previousStartsAt: z.string().nullable().catch(null),
  status: z.enum(CONSULTATION_STATUSES).catch("booked"),
  consultantId: z.string().nullable().catch(null),
  by: z.enum(BOOKED_BY).catch("system"),
});
export type ConsultationStaffPayload = z.output<typeof consultationStaffPayloadSchema>;

/** The JSON body of a `consultation.*` webhook event. */
export interface ConsultationWebhookBody {
  event: `consultation.${ConsultationStaffPayload["event"]}`;
  deliveryId: string;
  sentAt: string;
  consultation: {
    id: string;
    leadId: string;
    reference: string | null;
    type: ConsultationStaffPayload["type"];
    start: string;
    end: string;
    previousStart: string | null;
    status: ConsultationStaffPayload["status"];
    consultantId: string | null;
    by: ConsultationStaffPayload["by"];
    staffUrl: string;
  };
}

const HEADLINE: Record<ConsultationStaffPayload["event"], string> = {
  booked: "Consultation booked",
  moved: "Consultation moved",
  cancelled: "Consultation cancelled",
  attended: "Consultation attended",
  no_show: "No-show",
};

const TYPE_WORDS: Record<ConsultationStaffPayload["type"], string> = { in_person: "In person", video: "Video", phone: "Phone" };
const BY_WORDS: Record<ConsultationStaffPayload["by"], string> = { patient: "the patient (online)", staff: "staff", system: "the system" };

export function consultationStaffEmail(
  staffUrl: string,
  payload: ConsultationStaffPayload,
  who: { firstName: string; reference: string | null; consultant: string | null },
  timeZone: string,
): KindEmail {
  const name = who.reference ? `${who.firstName} (${who.reference})` : who.firstName;
  const when = clinicWallTime(new Date(payload.startsAt), timeZone, "en");
  const before = payload.previousStartsAt ? clinicWallTime(new Date(payload.previousStartsAt), timeZone, "en") : null;
  const lines = [
    `${HEADLINE[payload.event]}: ${name}`,
    "",
    `When: ${when}`,
    ...(before ? [`Was: ${before}`] : []),
    `Type: ${TYPE_WORDS[payload.type]}`,
    ...(who.consultant ? [`With: ${who.consultant}`] : []),
    ...(payload.event === "attended" || payload.event === "no_show" ? [] : [`By: ${BY_WORDS[payload.by]}`]),
    "",
    `Open the inquiry in the staff area (sign-in required): ${staffUrl}`,
  ];
  const e = escapeHtml;
  return {
    subject: `${HEADLINE[payload.event]}: ${name}, ${when}`,
    text: lines.join("\n"),
    html:
      `<p><strong>${e(HEADLINE[payload.event])}: ${e(name)}</strong></p>` +
      `<p>When: ${e(when)}${before ? `<br>Was: ${e(before)}` : ""}<br>Type: ${e(TYPE_WORDS[payload.type])}` +
      `${who.consultant ? `<br>With: ${e(who.consultant)}` : ""}` +
      `${payload.event === "attended" || payload.event === "no_show" ? "" : `<br>By: ${e(BY_WORDS[payload.by])}`}</p>` +
      `<p><a href="${e(staffUrl)}">Open the inquiry in the staff area</a> (sign-in required).</p>`,
  };
}

export const consultationStaff = defineNotificationKind({
  id: CONSULTATION_STAFF,
  payload: consultationStaffPayloadSchema,
  channels: ["email", "webhook"],
  onDuplicate: "keep",
  /** Always true; reads the first name, reference, consultant and the clinic's zone for the content. */
  check: async (db, message) => {
    const lead = await db.lead.findUnique({ where: { id: requireLeadId(message) }, select: { firstName: true, reference: true } });
    const consultant = message.payload.consultantId
      ? await db.consultant.findUnique({ where: { id: message.payload.consultantId }, select: { user: { select: { name: true } } } })
      : null;
    const profile = await getClinicProfile(db);
    return send({
      firstName: lead?.firstName ?? "An inquiry",
      reference: lead?.reference ?? null,
      consultant: consultant?.user.name ?? null,
      timeZone: profile.timeZone,
    });
  },
  email: ({ message, context, appUrl }) =>
    consultationStaffEmail(staffLeadUrl(appUrl, requireLeadId(message)), message.payload, context, context.timeZone),
  webhook: ({ message, context, appUrl }) => {
    const leadId = requireLeadId(message);
    const p = message.payload;
    const consultation: ConsultationWebhookBody["consultation"] = {
      id: p.consultationId,
      leadId,
      reference: context.reference,
      type: p.type,
      start: p.startsAt,
      end: p.endsAt,
      previousStart: p.previousStartsAt,
      status: p.status,
      consultantId: p.consultantId,
      by: p.by,
      staffUrl: staffLeadUrl(appUrl, leadId),
    };
    return { event: `consultation.${p.event}`, data: { consultation } };
  },
});
