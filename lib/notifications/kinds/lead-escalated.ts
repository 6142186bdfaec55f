import "server-only";

import { z } from "zod";

import { formatBusinessMinutes } from "@/lib/leads/speed-to-lead";
import { defineNotificationKind, escapeHtml, requireLeadId, send, staffLeadUrl, type KindEmail } from "@/lib/notifications/kind";

/**
 * "Still waiting for a first reply" (issue 10): an eligible inquiry still `new` after the clinic's
 * reply target, to the front desk by e-mail and as the signed `lead.escalated` webhook. Queued by
 * lib/notifications/escalation.ts, at most one per inquiry. It announces that the target was missed,
 * which stays true, so it is always sent.
 */

export const LEAD_ESCALATED = "lead_escalated";

const count = z
  .number()
  .catch(0)
  .transform((v) => (Number.isFinite(v) ? Math.max(0, Math.floor(v)) : 0));

/**
 * What an escalation stores: the first name and the reference (so staff can act from the e-mail
 * alone) and the waiting time. Nothing else personal: no last name, contact, answers or eligibility.
 */
export const leadEscalatedPayloadSchema = z.object({
  firstName: z.string().catch(""),
  /** SMP-XXXX-NN, or null for an inquiry stored before references. */
  reference: z.string().nullable().catch(null),
  /** ISO time of the submission. */
  createdAt: z.string().catch(new Date(0).toISOString()),
  /** Business minutes the inquiry had waited when it was escalated. */
  waitingMinutes: count,
  replyTargetMinutes: count,
  /** The clinic's IANA time zone, to show the submission time as the clinic reads it. */
  timeZone: z.string().catch("UTC"),
});
export type LeadEscalatedPayload = z.output<typeof leadEscalatedPayloadSchema>;

/** The JSON body of the `lead.escalated` webhook event (docs/api-v1.md, "Webhook events"). */
export interface LeadEscalatedWebhookBody {
  event: "lead.escalated";
  deliveryId: string;
  sentAt: string;
  lead: {
    id: string;
    reference: string | null;
    firstName: string;
    createdAt: string;
    waitingMinutes: number;
    replyTargetMinutes: number;
    staffUrl: string;
  };
}

/** "Friday, March 6 at 4:50 PM (America/Los_Angeles)": the clinic's wall clock (falls back to the ISO text). */
function clinicTime(iso: string, timeZone: string): string {
  try {
    const local = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "long", month: "long", day: "numeric", hour: "numeric", minute: "2-digit" })
      .format(new Date(iso))
      .replace(/[\u202f\u00a0]/g, " ");
    return `${local} (${timeZone})`;
  } catch {
    return iso;
  }
}

/**
 * The staff e-mail of an escalation: the first name, the reference, how long it has waited and the
 * link. Nothing else about the patient (no last name, contact, answers or verdict).
 */
export function leadEscalatedEmail(staffUrl: string, payload: LeadEscalatedPayload): KindEmail {
  const who = payload.reference ? `${payload.firstName} (${payload.reference})` : payload.firstName;
  const waited = formatBusinessMinutes(payload.waitingMinutes);
  const target = formatBusinessMinutes(payload.replyTargetMinutes);
  const received = clinicTime(payload.createdAt, payload.timeZone);
  const lines = [
    `${who} is still waiting for a first reply.`,
    "",
    `Waiting: ${waited} of opening hours (your reply target is ${target}).`,
    `Received: ${received}`,
    "",
    `Open the inquiry in the staff area (sign-in required): ${staffUrl}`,
  ];
  return {
    subject: `Still waiting for a reply: ${who}`,
    text: lines.join("\n"),
    html:
      `<p><strong>${escapeHtml(who)}</strong> is still waiting for a first reply.</p>` +
      `<p>Waiting: ${escapeHtml(waited)} of opening hours (your reply target is ${escapeHtml(target)}).<br>Received: ${escapeHtml(received)}</p>` +
      `<p><a href="${escapeHtml(staffUrl)}">Open the inquiry in the staff area</a> (sign-in required).</p>`,
  };
}

export const leadEscalated = defineNotificationKind({
  id: LEAD_ESCALATED,
  payload: leadEscalatedPayloadSchema,
  channels: ["email", "webhook"],
  onDuplicate: "keep",
  check: async () => send(null),
  email: ({ message, appUrl }) => leadEscalatedEmail(staffLeadUrl(appUrl, requireLeadId(message)), message.payload),
  webhook: ({ message, appUrl }) => {
    const leadId = requireLeadId(message);
    const { timeZone: _tz, ...escalation } = message.payload;
    const lead: LeadEscalatedWebhookBody["lead"] = { id: leadId, ...escalation, staffUrl: staffLeadUrl(appUrl, leadId) };
    return { event: "lead.escalated", data: { lead } };
  },
});
