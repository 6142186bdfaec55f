import { isCandidacyStatus, type CandidacyStatus } from "@/lib/candidacy/result";

/** OutboxMessage.kind of the "new inquiry" notification. */
export const LEAD_CREATED = "lead_created";

/**
 * What an outbox row stores (and a notification may carry) about a new lead: the minimum staff need
 * to act. No names, no email or phone, no answers or flags: the staff page (behind sign-in) has
 * those. See docs/decisions/006-spam-protection.md ("Notifications").
 */
export interface LeadCreatedPayload {
  eligibility: CandidacyStatus;
  /** ISO time of the submission. */
  createdAt: string;
  /** The same email or phone sent an inquiry in the last 30 days. */
  repeatInquiry: boolean;
}

/** The JSON body of the webhook (the signed bytes). */
export interface LeadWebhookBody {
  event: "lead.created";
  /** Unique per outbox message: receivers de-duplicate retries with it. */
  deliveryId: string;
  /** ISO time of this attempt; equals the X-SMP-Timestamp header (as Unix seconds). */
  sentAt: string;
  lead: {
    id: string;
    eligibility: CandidacyStatus;
    createdAt: string;
    repeatInquiry: boolean;
    staffUrl: string;
  };
}

/** Reads a stored payload defensively (rows written by older versions, manual edits). */
export function readLeadCreatedPayload(value: unknown): LeadCreatedPayload {
  const record = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  return {
    eligibility: isCandidacyStatus(record.eligibility) ? record.eligibility : "consult_required",
    createdAt: typeof record.createdAt === "string" ? record.createdAt : new Date(0).toISOString(),
    repeatInquiry: record.repeatInquiry === true,
  };
}

export function staffLeadUrl(appUrl: string, leadId: string): string {
  return `${appUrl.replace(/\/+$/, "")}/staff/leads/${encodeURIComponent(leadId)}`;
}
