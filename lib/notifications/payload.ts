import { isCandidacyStatus, type CandidacyStatus } from "@/lib/candidacy/result";

/** OutboxMessage.kind of the "new inquiry" notification. */
export const LEAD_CREATED = "lead_created";
/** OutboxMessage.kind of "still new after the reply target" (lib/notifications/escalation.ts), at most one per inquiry. */
export const LEAD_ESCALATED = "lead_escalated";
/**
 * OutboxMessage.kind of the patient's confirmation e-mail (lib/notifications/patient-email.ts). Its
 * payload is empty: the address, first name, reference and language are read from the Lead row when
 * the e-mail is sent, so no copy of contact details sits in the outbox.
 */
export const PATIENT_CONFIRMATION = "patient_confirmation";

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

/**
 * What an escalation stores: the first name and the reference (so staff can act from the e-mail
 * alone) and the waiting time. Nothing else personal: no last name, contact, answers or eligibility.
 */
export interface LeadEscalatedPayload {
  firstName: string;
  /** SMP-XXXX-NN, or null for an inquiry stored before references. */
  reference: string | null;
  /** ISO time of the submission. */
  createdAt: string;
  /** Business minutes the inquiry had waited when it was escalated. */
  waitingMinutes: number;
  replyTargetMinutes: number;
  /** The clinic's IANA time zone, to show the submission time as the clinic reads it. */
  timeZone: string;
}

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

export function readLeadEscalatedPayload(value: unknown): LeadEscalatedPayload {
  const record = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  const int = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? Math.max(0, Math.floor(v)) : 0);
  return {
    firstName: typeof record.firstName === "string" ? record.firstName : "",
    reference: typeof record.reference === "string" ? record.reference : null,
    createdAt: typeof record.createdAt === "string" ? record.createdAt : new Date(0).toISOString(),
    waitingMinutes: int(record.waitingMinutes),
    replyTargetMinutes: int(record.replyTargetMinutes),
    timeZone: typeof record.timeZone === "string" ? record.timeZone : "UTC",
  };
}
