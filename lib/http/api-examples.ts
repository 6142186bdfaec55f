import type { z } from "zod";

import type { apiKeyCreatedSchema, apiKeyItemSchema } from "@/lib/api-keys/keys";
import type { apiKeyCreateSchema } from "@/lib/api-keys/scopes";
import type {
  callbackResponseSchema,
  consultationListResponseSchema,
  patientConsultationResponseSchema,
  slotsResponseSchema,
  staffConsultationResponseSchema,
} from "@/lib/booking/api";
import type { callbackPreferenceSchema, patientBookSchema, patientMoveSchema, staffBookSchema, staffUpdateConsultationSchema } from "@/lib/booking/schemas";
import type { candidacyAnswersSchema } from "@/lib/candidacy/answers";
import { evaluateCandidacy } from "@/lib/candidacy/evaluate";
import { FLAG_CODES } from "@/lib/candidacy/result";
import type { createLeadSchema } from "@/lib/leads/lead-input";
import type { leadPatchSchema } from "@/lib/leads/lead-patch";
import type { leadDetailResponseSchema, leadPageResponseSchema, leadSummaryResponseSchema } from "@/lib/leads/lead-responses";
import { PATIENT_EXPORT_FORMAT, type PatientExport } from "@/lib/patient-access/patient-export";
import type { eraseOwnInquirySchema, linkRequestSchema, patientViewSchema } from "@/lib/patient-access/schemas";
import type { assessmentInputSchema, assessmentResponseSchema, leadPhotoListSchema, storedDocumentSchema, storedPhotoSchema } from "@/lib/photos/schemas";
import { DEFAULT_PRICE_TABLE } from "@/lib/pricing/price-table";
import type { questionnaireEventSchema } from "@/lib/reports/questionnaire-event-schema";
import type { reportSummaryResponseSchema } from "@/lib/reports/summary-response";
import type { webhookDeliveryItemSchema, webhookEndpointCreatedSchema, webhookEndpointItemSchema } from "@/lib/webhooks/endpoints";
import type { webhookEndpointCreateSchema, webhookEndpointPatchSchema } from "@/lib/webhooks/events";

/**
 * The OpenAPI document's examples for the main operations (`requestExample` and a response's
 * `example` in lib/http/route.ts). The bodies are typed by the request schemas, and the results are
 * computed by the rules themselves, so an example cannot say what the API would not; Redocly checks
 * each against its schema (tests/integration/api/openapi-tools.test.ts).
 */

export const EXAMPLE_ANSWERS = {
  sex: "male",
  age: 42,
  lossPattern: "norwood",
  norwoodStage: "6",
  goal: "full_shaved_look",
  scars: [],
  skinConditions: [],
  dermatologyClearance: false,
  chemotherapy: "none",
} as const satisfies z.input<typeof candidacyAnswersSchema>;

/** What POST /api/v1/quote answers for EXAMPLE_ANSWERS with the built-in price table. */
export const EXAMPLE_RESULT = evaluateCandidacy({ ...EXAMPLE_ANSWERS, scars: [], skinConditions: [] }, DEFAULT_PRICE_TABLE, { locale: "en" });

export const EXAMPLE_LEAD_BODY = {
  answers: EXAMPLE_ANSWERS,
  contact: { firstName: "Alex", lastName: "Rivera", email: "alex.rivera@example.com", phone: "+19495550123", preferredContact: "phone" },
  consent: { contactAccepted: true, privacyAccepted: true, textVersion: "consent-2026-11" },
  source: { utmSource: "google", utmMedium: "cpc", utmCampaign: "smp-winter" },
  idempotencyKey: "6f1c1c1e-8e0a-4c55-9d1a-3d1f6f0b7a10",
} as const satisfies z.input<typeof createLeadSchema>;

export const EXAMPLE_CREATED_LEAD = {
  id: "cmiv0example00000000000001",
  reference: "SMP-7KQ2-94",
  result: EXAMPLE_RESULT,
  access: { url: "https://clinic.example/my/kq2J8Tn0b3yV1uXr5oGzA9c4wLsE7pHd" },
};

/*
 * One example per operation (tests/integration/api/openapi.test.ts "examples" fails while a JSON
 * request body or JSON success answer has none, and validates each against its schema with Ajv).
 * Each is typed by the schema it illustrates, so a schema change that an example no longer fits
 * fails to compile. The ids, dates and names are invented.
 */

const LEAD_ID = "cmiv0example00000000000001";
const STAFF = { id: "cmiv0staff000000000000001", name: "Maria Lopez" };
const RECEIVED = "2026-12-01T15:04:05.000Z";

/** A Norwood 5 patient who was not sure of the stage: the rules' answer for what staff confirmed from photos. */
const EXAMPLE_CONFIRMED_RESULT = evaluateCandidacy({ ...EXAMPLE_ANSWERS, norwoodStage: "5", scars: [], skinConditions: [] }, DEFAULT_PRICE_TABLE, { locale: "en" });

export const EXAMPLE_LEAD_SUMMARY = {
  id: LEAD_ID,
  reference: "SMP-7KQ2-94",
  createdAt: RECEIVED,
  status: "new",
  closedReason: null,
  eligibility: EXAMPLE_RESULT.status,
  flags: EXAMPLE_RESULT.flags.map((f) => f.code),
  firstName: "Alex",
  lastName: "Rivera",
  email: "alex.rivera@example.com",
  phone: "+19495550123",
  preferredContact: "phone",
  sex: "male",
  age: 42,
  lossPattern: "norwood",
  norwoodStage: "6",
  ludwigStage: null,
  goal: "full_shaved_look",
  price: { minUsd: EXAMPLE_RESULT.price.minUsd, maxUsd: EXAMPLE_RESULT.price.maxUsd, estimate: EXAMPLE_RESULT.price.estimate, basis: EXAMPLE_RESULT.price.basis, tableVersion: EXAMPLE_RESULT.price.tableVersion },
  assignee: STAFF,
  relatedLeadId: null,
  version: 1,
  photoCount: 0,
  confirmedResult: null,
  assessedAt: null,
  consultation: null,
  callbackPreference: null,
  firstContactedAt: null,
  followUpAt: null,
  followUpNote: null,
  waitingMinutes: 35,
  replyState: "due",
  mergedIntoId: null,
  calls: { attempts: 0, lastOutcome: null, lastAt: null },
} satisfies z.input<typeof leadSummaryResponseSchema>;

export const EXAMPLE_LEAD_PAGE = { items: [EXAMPLE_LEAD_SUMMARY], nextCursor: null } satisfies z.input<typeof leadPageResponseSchema>;

/** An inquiry contacted, booked and assessed from photos, as GET /api/v1/leads/{id} answers it. */
export const EXAMPLE_LEAD_DETAIL = {
  ...EXAMPLE_LEAD_SUMMARY,
  status: "consultation_booked",
  norwoodStage: "unknown",
  version: 4,
  photoCount: 3,
  confirmedResult: EXAMPLE_CONFIRMED_RESULT,
  assessedAt: "2026-12-02T17:20:00.000Z",
  consultation: { id: "cmiv0consult0000000000001", type: "in_person", start: "2026-12-09T17:00:00.000Z", status: "booked" },
  firstContactedAt: "2026-12-01T15:40:00.000Z",
  calls: { attempts: 2, lastOutcome: "reached", lastAt: "2026-12-01T15:40:00.000Z" },
  waitingMinutes: null,
  replyState: null,
  updatedAt: "2026-12-02T17:20:00.000Z",
  rulesVersion: EXAMPLE_RESULT.rulesVersion,
  locale: "en",
  answers: { ...EXAMPLE_ANSWERS, norwoodStage: "unknown", scars: [], skinConditions: [] },
  result: EXAMPLE_RESULT,
  patientNotes: null,
  consent: { contactAccepted: true, privacyAccepted: true, textVersion: "consent-2026-11", at: RECEIVED, method: "online", enteredBy: null },
  source: { utmSource: "google", utmMedium: "cpc", utmCampaign: "smp-winter", referrer: null },
  relatedLead: null,
  laterLeads: [],
  notes: [{ id: "cmiv0note0000000000000001", body: "Reached him; prefers afternoons.", createdAt: "2026-12-01T15:40:00.000Z", author: STAFF }],
  events: [{ id: "cmiv0event000000000000001", type: "status_changed", createdAt: "2026-12-01T15:40:00.000Z", actor: STAFF, data: { from: "new", to: "contacted" } }],
} satisfies z.input<typeof leadDetailResponseSchema>;

export const EXAMPLE_LEAD_PATCH = { status: "contacted", note: "Reached him; prefers afternoons.", version: 1 } satisfies z.input<typeof leadPatchSchema>;

export const EXAMPLE_ASSESSMENT_INPUT = { version: 4, norwoodStage: "5", scars: [], note: "Crown and temples as a Norwood 5 on the top and crown photos." } satisfies z.input<typeof assessmentInputSchema>;
export const EXAMPLE_ASSESSMENT = { confirmedResult: EXAMPLE_CONFIRMED_RESULT, version: 5 } satisfies z.input<typeof assessmentResponseSchema>;

export const EXAMPLE_PHOTO = { id: "cmiv0photo00000000000001", view: "crown", width: 1600, height: 1200, bytes: 241_337 } satisfies z.input<typeof storedPhotoSchema>;
export const EXAMPLE_DOCUMENT = { id: "cmiv0doc0000000000000001", kind: "clearance_letter", contentType: "application/pdf", bytes: 88_210 } satisfies z.input<typeof storedDocumentSchema>;
export const EXAMPLE_PHOTO_LIST = {
  photos: [{ ...EXAMPLE_PHOTO, createdAt: "2026-12-01T15:10:00.000Z" }],
  documents: [{ ...EXAMPLE_DOCUMENT, createdAt: "2026-12-02T09:00:00.000Z" }],
} satisfies z.input<typeof leadPhotoListSchema>;

const CONSULTATION_START = "2026-12-09T09:00:00-08:00";
const PATIENT_CONSULTATION = { id: "cmiv0consult0000000000001", type: "in_person", start: CONSULTATION_START, end: "2026-12-09T09:30:00-08:00", status: "booked", version: 1 } as const;
const STAFF_CONSULTATION = {
  ...PATIENT_CONSULTATION,
  leadId: LEAD_ID,
  reference: "SMP-7KQ2-94",
  firstName: "Alex",
  consultantId: "cmiv0consultant0000000001",
  consultantName: "Dr. Sam Chen",
  icsSequence: 0,
  bookedBy: "staff",
} as const;

export const EXAMPLE_SLOTS = {
  timeZone: "America/Los_Angeles",
  type: "in_person",
  lengthMinutes: 30,
  slots: [
    { start: "2026-12-09T09:00:00-08:00", end: "2026-12-09T09:30:00-08:00" },
    { start: "2026-12-09T09:30:00-08:00", end: "2026-12-09T10:00:00-08:00" },
  ],
} satisfies z.input<typeof slotsResponseSchema>;
export const EXAMPLE_CONSULTATION_LIST = { timeZone: "America/Los_Angeles", consultations: [STAFF_CONSULTATION] } satisfies z.input<typeof consultationListResponseSchema>;
export const EXAMPLE_STAFF_CONSULTATION = { consultation: STAFF_CONSULTATION } satisfies z.input<typeof staffConsultationResponseSchema>;
export const EXAMPLE_MOVED_CONSULTATION = {
  consultation: { ...STAFF_CONSULTATION, start: "2026-12-10T14:00:00-08:00", end: "2026-12-10T14:30:00-08:00", version: 2, icsSequence: 1 },
} satisfies z.input<typeof staffConsultationResponseSchema>;
export const EXAMPLE_STAFF_BOOK = { type: "in_person", start: CONSULTATION_START, consultantId: "cmiv0consultant0000000001" } satisfies z.input<typeof staffBookSchema>;
export const EXAMPLE_STAFF_MOVE = { version: 1, start: "2026-12-10T14:00:00-08:00" } satisfies z.input<typeof staffUpdateConsultationSchema>;
export const EXAMPLE_PATIENT_BOOK = { type: "in_person", start: CONSULTATION_START } satisfies z.input<typeof patientBookSchema>;
export const EXAMPLE_PATIENT_MOVE = { start: "2026-12-10T14:00:00-08:00", version: 1 } satisfies z.input<typeof patientMoveSchema>;
export const EXAMPLE_PATIENT_CONSULTATION = { consultation: PATIENT_CONSULTATION } satisfies z.input<typeof patientConsultationResponseSchema>;
export const EXAMPLE_PATIENT_MOVED = {
  consultation: { ...PATIENT_CONSULTATION, start: "2026-12-10T14:00:00-08:00", end: "2026-12-10T14:30:00-08:00", version: 2 },
} satisfies z.input<typeof patientConsultationResponseSchema>;
export const EXAMPLE_PATIENT_CANCELLED = { consultation: { ...PATIENT_CONSULTATION, status: "cancelled", version: 2 } } satisfies z.input<typeof patientConsultationResponseSchema>;
export const EXAMPLE_CALLBACK = { preferredTimes: "Weekday evenings after 5 pm", days: ["mon", "wed", "thu"] } satisfies z.input<typeof callbackPreferenceSchema>;
export const EXAMPLE_CALLBACK_SAVED = { callbackPreference: { ...EXAMPLE_CALLBACK, updatedAt: "2026-12-01T15:12:00.000Z" } } satisfies z.input<typeof callbackResponseSchema>;

export const EXAMPLE_PATIENT_VIEW = {
  firstName: "Alex",
  reference: "SMP-7KQ2-94",
  locale: "en",
  receivedAt: RECEIVED,
  stage: "consultation_booked",
  result: EXAMPLE_RESULT,
  clinic: {
    name: "Example SMP Clinic",
    phone: "+19495550100",
    phoneDisplay: "(949) 555-0100",
    email: "hello@clinic.example",
    addressLines: ["100 Main Street", "Irvine, CA 92618"],
    hours: ["Mon-Fri 9:00-18:00", "Sat 10:00-14:00"],
    replyPromise: "We reply within one business day.",
    isPlaceholder: false,
  },
} satisfies z.input<typeof patientViewSchema>;
export const EXAMPLE_ERASE_OWN = { confirm: "ERASE" } satisfies z.input<typeof eraseOwnInquirySchema>;
export const EXAMPLE_LINK_REQUEST = { email: "alex.rivera@example.com", locale: "en" } satisfies z.input<typeof linkRequestSchema>;
export const EXAMPLE_PATIENT_EXPORT = {
  format: PATIENT_EXPORT_FORMAT,
  exportedAt: "2026-12-03T10:00:00.000Z",
  inquiry: { id: LEAD_ID, reference: "SMP-7KQ2-94", createdAt: RECEIVED, status: "contacted", firstName: "Alex", lastName: "Rivera", email: "alex.rivera@example.com", answers: EXAMPLE_ANSWERS, result: EXAMPLE_RESULT },
  mergedDuplicates: [],
  notes: [{ createdAt: "2026-12-01T15:40:00.000Z", text: "Reached him; prefers afternoons." }],
  history: [{ type: "status_changed", at: "2026-12-01T15:40:00.000Z" }],
  messages: [{ kind: "patient_confirmation", channel: "email", createdAt: RECEIVED, deliveredAt: "2026-12-01T15:04:09.000Z" }],
  links: [{ issuedFor: "submission", createdAt: RECEIVED, expiresAt: "2027-05-30T15:04:05.000Z" }],
} satisfies PatientExport;

export const EXAMPLE_QUESTIONNAIRE_EVENT = { event: "step", step: "scars", locale: "es" } satisfies z.input<typeof questionnaireEventSchema>;

export const EXAMPLE_API_KEY_CREATE = { name: "CRM sync", scopes: ["leads:read", "consultations:read"] } satisfies z.input<typeof apiKeyCreateSchema>;
export const EXAMPLE_API_KEY_CREATED = {
  id: "cmiv0key00000000000000001",
  key: "smp_live_3Jq9Vb7Xw2Lk5Nd8Rt1Yp4Hs6Gf0Ea",
  name: "CRM sync",
  prefix: "smp_live_3Jq9",
  scopes: ["leads:read", "consultations:read"],
} satisfies z.input<typeof apiKeyCreatedSchema>;
export const EXAMPLE_API_KEY_LIST = {
  items: [{ id: EXAMPLE_API_KEY_CREATED.id, name: "CRM sync", prefix: "smp_live_3Jq9", scopes: ["leads:read", "consultations:read"], createdAt: "2026-12-01T09:00:00.000Z", createdBy: STAFF, lastUsedAt: "2026-12-03T08:15:00.000Z", revokedAt: null }],
} satisfies { items: z.input<typeof apiKeyItemSchema>[] };

const WEBHOOK_ENDPOINT = {
  id: "cmiv0hook0000000000000001",
  url: "https://crm.example.com/hooks/smp",
  events: ["lead.created", "lead.status_changed", "consultation.booked"],
  enabled: true,
  createdAt: "2026-12-01T09:00:00.000Z",
  updatedAt: "2026-12-01T09:00:00.000Z",
} as const;
export const EXAMPLE_WEBHOOK_CREATE = { url: WEBHOOK_ENDPOINT.url, events: [...WEBHOOK_ENDPOINT.events] } satisfies z.input<typeof webhookEndpointCreateSchema>;
export const EXAMPLE_WEBHOOK_CREATED = { ...WEBHOOK_ENDPOINT, events: [...WEBHOOK_ENDPOINT.events], secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" } satisfies z.input<typeof webhookEndpointCreatedSchema>;
export const EXAMPLE_WEBHOOK_PATCH = { enabled: false } satisfies z.input<typeof webhookEndpointPatchSchema>;
export const EXAMPLE_WEBHOOK_ENDPOINT = { ...WEBHOOK_ENDPOINT, events: [...WEBHOOK_ENDPOINT.events] } satisfies z.input<typeof webhookEndpointItemSchema>;
export const EXAMPLE_WEBHOOK_DISABLED = { ...EXAMPLE_WEBHOOK_ENDPOINT, enabled: false, updatedAt: "2026-12-02T10:00:00.000Z" } satisfies z.input<typeof webhookEndpointItemSchema>;
export const EXAMPLE_WEBHOOK_LIST = { items: [EXAMPLE_WEBHOOK_ENDPOINT] } satisfies { items: z.input<typeof webhookEndpointItemSchema>[] };
const FAILED_DELIVERY = {
  id: "msg_2Kp0Zq8c1Vb6Xw3Lk5Nd",
  endpointId: WEBHOOK_ENDPOINT.id,
  eventType: "lead.status_changed",
  status: "failed",
  attempts: 6,
  lastResponseCode: 502,
  lastError: "HTTP 502",
  lastAttemptAt: "2026-12-02T12:30:00.000Z",
  nextAttemptAt: null,
  deliveredAt: null,
  createdAt: "2026-12-02T10:00:00.000Z",
  data: { leadId: LEAD_ID, from: "new", to: "contacted" },
} as const satisfies z.input<typeof webhookDeliveryItemSchema>;
export const EXAMPLE_DELIVERY_LIST = { items: [FAILED_DELIVERY] } satisfies { items: z.input<typeof webhookDeliveryItemSchema>[] };
export const EXAMPLE_DELIVERY_RESENT = { ...FAILED_DELIVERY, status: "pending", nextAttemptAt: "2026-12-02T13:00:00.000Z" } satisfies z.input<typeof webhookDeliveryItemSchema>;


type Summary = z.input<typeof reportSummaryResponseSchema>;
const flagCounts: Partial<Summary["byFlag"]> = { SHAVED_LOOK_CLASSIC_CASE: 21, STAGE_TO_CONFIRM: 9, PRICE_ESTIMATE: 9, DERM_CLEARANCE_REQUIRED: 4, SCAR_REDUCED_RESPONSE: 6 };
export const EXAMPLE_SUMMARY = {
  from: "2026-11-01",
  to: "2026-11-30",
  inquiries: 57,
  byWeek: [
    { weekStart: "2026-10-26", inquiries: 6 },
    { weekStart: "2026-11-02", inquiries: 14 },
    { weekStart: "2026-11-09", inquiries: 12 },
    { weekStart: "2026-11-16", inquiries: 15 },
    { weekStart: "2026-11-23", inquiries: 10 },
  ],
  byEligibility: { clearance_required: 4, consult_required: 9, eligible_with_conditions: 17, eligible: 27 },
  byStatus: { new: 8, contacted: 19, consultation_booked: 14, became_patient: 9, not_proceeding: 7 },
  byFlag: Object.fromEntries(FLAG_CODES.map((code) => [code, flagCounts[code] ?? 0])) as Summary["byFlag"],
  bySource: [
    { utmSource: "google", inquiries: 31, becamePatients: 6 },
    { utmSource: null, inquiries: 26, becamePatients: 3 },
  ],
  stages: {
    contacted: { reached: 44, medianMinutes: 42 },
    consultationBooked: { reached: 23, medianMinutes: 1_310 },
    attended: { reached: 15, medianMinutes: 8_950 },
    becamePatient: { reached: 9, medianMinutes: 12_400 },
  },
  amountBySource: [
    { utmSource: "google", patients: 6, amountUsd: 27_500 },
    { utmSource: null, patients: 3, amountUsd: 11_000 },
  ],
  medianMinutesToFirstContact: 42,
  consultations: { booked: 23, attended: 15, noShow: 3, inquiriesBooked: 23, bookedShare: 0.4, medianMinutesToBooking: 1_310 },
  questionnaire: {
    started: 140,
    steps: [
      { step: "about", reached: 140 },
      { step: "pattern", reached: 121 },
      { step: "goal", reached: 79 },
      { step: "review", reached: 66 },
    ],
    completed: 61,
    requestedConsultation: 57,
  },
  stageAgreement: [
    { scale: "norwood", stage: "5", assessed: 4, matched: 3 },
    { scale: "norwood", stage: "unknown", assessed: 9, matched: 0 },
  ],
} satisfies Summary;
