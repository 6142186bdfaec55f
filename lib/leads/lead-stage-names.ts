/**
 * The funnel stages of an inquiry (issue 22 item 8; client-safe: the dashboard names them). Recorded
 * by lib/leads/lead-stages.ts; counted by lib/reports/summary.ts.
 */
export const LEAD_STAGES = ["contacted", "consultation_booked", "attended", "became_patient"] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];

export const LEAD_STAGE_LABELS: Readonly<Record<LeadStage, string>> = {
  contacted: "Contacted",
  consultation_booked: "Consultation booked",
  attended: "Attended a consultation",
  became_patient: "Became a patient",
};

/** The summary API's key of each stage (api-v1.md "Additions (3)": `stages`). */
export const LEAD_STAGE_API_KEYS = {
  contacted: "contacted",
  consultation_booked: "consultationBooked",
  attended: "attended",
  became_patient: "becamePatient",
} as const satisfies Record<LeadStage, string>;

