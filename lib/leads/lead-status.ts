import type { CandidacyStatus } from "@/lib/candidacy/result";

/**
 * The follow-up workflow of an inquiry. Client-safe: the staff UI offers only allowed moves, and
 * `updateLead` (lib/leads/lead-workflow.ts) enforces the same table on the server.
 *
 *   new -> contacted -> consultation_booked -> became_patient
 *      \________________\___________________-> not_proceeding (a reason is required)
 *
 * Corrections are allowed one step back (a click on the wrong button), and a closed inquiry
 * (not_proceeding) can be reopened to "contacted" when the person calls again.
 */
export const LEAD_STATUSES = ["new", "contacted", "consultation_booked", "became_patient", "not_proceeding"] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const LEAD_STATUS_LABELS: Readonly<Record<LeadStatus, string>> = {
  new: "New",
  contacted: "Contacted",
  consultation_booked: "Consultation booked",
  became_patient: "Became a patient",
  not_proceeding: "Not proceeding",
};

export const LEAD_TRANSITIONS: Readonly<Record<LeadStatus, readonly LeadStatus[]>> = {
  new: ["contacted", "consultation_booked", "not_proceeding"],
  contacted: ["consultation_booked", "not_proceeding", "new"],
  consultation_booked: ["became_patient", "not_proceeding", "contacted"],
  became_patient: ["consultation_booked"],
  not_proceeding: ["contacted"],
};

export function isLeadStatus(value: unknown): value is LeadStatus {
  return typeof value === "string" && (LEAD_STATUSES as readonly string[]).includes(value);
}

export function canTransition(from: LeadStatus, to: LeadStatus): boolean {
  return LEAD_TRANSITIONS[from].includes(to);
}

/** The eligibility stored with each inquiry, in "who to call first" order. */
export const ELIGIBILITY_ORDER = ["eligible", "eligible_with_conditions", "consult_required", "clearance_required"] as const satisfies readonly CandidacyStatus[];

export const CLOSED_REASON_MAX = 500;
export const NOTE_MAX = 4000;
export const FOLLOW_UP_NOTE_MAX = 200;

/** Statuses after which nobody follows up: a follow-up date is cleared on the move. */
export const CLOSED_STATUSES: readonly LeadStatus[] = ["became_patient", "not_proceeding"];
