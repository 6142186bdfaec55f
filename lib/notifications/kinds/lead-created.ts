import "server-only";

import { z } from "zod";

import { ELIGIBILITY_LABELS, STATUSES } from "@/lib/candidacy/result";
import { defineNotificationKind, drop, escapeHtml, requireLeadId, send, staffLeadUrl, type KindEmail } from "@/lib/notifications/kind";

/**
 * "A new inquiry arrived": to the front desk by e-mail and as the signed `lead.created` webhook.
 * Written by the lead write path (lib/leads/lead-write*.ts) in the inquiry's own statement, one row
 * per configured channel. It announces something that happened, so it is always still true.
 */

export const LEAD_CREATED = "lead_created";

/**
 * What the row stores (and a notification may carry) about a new lead: the minimum staff need to
 * act. No names, no email or phone, no answers or flags: the staff page (behind sign-in) has those.
 * See docs/decisions/006-spam-protection.md ("Notifications"). Rows written by older versions or
 * edited by hand read with the defaults.
 */
export const leadCreatedPayloadSchema = z.object({
  eligibility: z.enum(STATUSES).catch("consult_required"),
  /** ISO time of the submission. */
  createdAt: z.string().catch(new Date(0).toISOString()),
  /** The same email or phone sent an inquiry in the last 30 days. */
  repeatInquiry: z.boolean().catch(false),
});
export type LeadCreatedPayload = z.output<typeof leadCreatedPayloadSchema>;

/** The JSON body of the webhook (the signed bytes). */
export interface LeadWebhookBody {
  event: "lead.created";
  /** Unique per outbox message: receivers de-duplicate retries with it. */
  deliveryId: string;
  /** ISO time of this attempt; equals the X-SMP-Timestamp header (as Unix seconds). */
  sentAt: string;
  lead: {
    id: string;
    eligibility: LeadCreatedPayload["eligibility"];
    createdAt: string;
    repeatInquiry: boolean;
    staffUrl: string;
  };
}

/** The staff email: status and a link, nothing else (no name, contact, answers or flags). */
export function leadCreatedEmail(appUrl: string, leadId: string, payload: LeadCreatedPayload): KindEmail {
  const status = ELIGIBILITY_LABELS[payload.eligibility];
  const url = staffLeadUrl(appUrl, leadId);
  const repeat = payload.repeatInquiry ? " (repeat inquiry)" : "";
  const lines = [
    `A new SMP inquiry arrived${repeat}.`,
    "",
    `Assessment: ${status}`,
    `Received: ${payload.createdAt}`,
    "",
    `Open it in the staff area (sign-in required): ${url}`,
  ];
  return {
    subject: `New SMP inquiry: ${status}${repeat}`,
    text: lines.join("\n"),
    html:
      `<p>A new SMP inquiry arrived${escapeHtml(repeat)}.</p>` +
      `<p>Assessment: <strong>${escapeHtml(status)}</strong><br>Received: ${escapeHtml(payload.createdAt)}</p>` +
      `<p><a href="${escapeHtml(url)}">Open it in the staff area</a> (sign-in required).</p>`,
  };
}

export const leadCreated = defineNotificationKind({
  id: LEAD_CREATED,
  payload: leadCreatedPayloadSchema,
  // endpoint: the lead.created event for the admin's webhook endpoints (fanned out at sending time;
  // the write path adds the row when an endpoint subscribes, lib/leads/create-lead.ts).
  channels: ["email", "webhook", "endpoint"],
  onDuplicate: "keep",
  check: async (db, message) => {
    if (message.channel !== "endpoint") return send(null);
    const lead = await db.lead.findUnique({ where: { id: requireLeadId(message) }, select: { reference: true } });
    return lead ? send({ reference: lead.reference }) : drop("the inquiry no longer exists");
  },
  email: ({ message, appUrl }) => leadCreatedEmail(appUrl, requireLeadId(message), message.payload),
  webhook: ({ message, appUrl }) => {
    const leadId = requireLeadId(message);
    const lead: LeadWebhookBody["lead"] = { id: leadId, ...message.payload, staffUrl: staffLeadUrl(appUrl, leadId) };
    return { event: "lead.created", data: { lead } };
  },
  // Ids, status and reference only (docs/decisions/024-api-keys-and-webhooks.md).
  event: ({ message, context }) => ({
    type: "lead.created",
    data: {
      lead: {
        id: requireLeadId(message),
        reference: context?.reference ?? null,
        status: "new",
        eligibility: message.payload.eligibility,
        createdAt: message.payload.createdAt,
        repeatInquiry: message.payload.repeatInquiry,
      },
    },
  }),
});
