import { z } from "zod";

import { CONSULTATION_STATUSES, CONSULTATION_TYPES } from "@/lib/booking/schemas";
import { candidacyAnswersSchema } from "@/lib/candidacy/answers";
import { GOALS, LOSS_PATTERNS, LUDWIG_STAGES, NORWOOD_STAGES, SEXES } from "@/lib/candidacy/options";
import { candidacyResultSchema, STATUSES } from "@/lib/candidacy/result";
import { CALL_OUTCOMES } from "@/lib/leads/call-outcomes";
import { CONSENT_METHODS } from "@/lib/leads/staff-entry-input";
import { LEAD_STATUSES } from "@/lib/leads/lead-status";

import type { LeadDetail, MergedLead } from "./lead-detail";
import { PREFERRED_CONTACT } from "./preferred-contact";
import type { LeadPage, LeadSummary } from "./staff-inbox";

/**
 * The shapes the lead endpoints answer with, as zod schemas: the OpenAPI document describes the
 * responses with them (GET /api/v1/openapi.json) and the API tests parse real responses with them.
 * The document says exactly these fields (`additionalProperties: false` for a response): a field
 * added to a response is added here, or the integration tests (every response validated against the
 * document) and the compile-time checks at the end (the TypeScript shapes equal these) fail.
 */

const staffRef = z.object({ id: z.string(), name: z.string() });
const isoDateTime = z.string().describe("ISO 8601 date-time (UTC)");

export const leadSummaryResponseSchema = z.object({
  id: z.string(),
  reference: z.string().nullable().describe("The short reference the patient was given, e.g. SMP-7KQ2-94 (null for inquiries stored before references)"),
  createdAt: isoDateTime,
  status: z.enum(LEAD_STATUSES),
  closedReason: z.string().nullable(),
  eligibility: z.enum(STATUSES),
  flags: z.array(z.string()),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string(),
  preferredContact: z.enum(PREFERRED_CONTACT),
  sex: z.enum(SEXES),
  age: z.number().int(),
  lossPattern: z.enum(LOSS_PATTERNS),
  norwoodStage: z.enum(NORWOOD_STAGES).nullable(),
  ludwigStage: z.enum(LUDWIG_STAGES).nullable(),
  goal: z.enum(GOALS),
  price: z.object({ minUsd: z.number(), maxUsd: z.number(), estimate: z.boolean(), basis: z.string(), tableVersion: z.number().int() }),
  assignee: staffRef.nullable(),
  relatedLeadId: z.string().nullable(),
  version: z.number().int(),
  photoCount: z.number().int().describe("Scalp photos the patient sent (at most 5)."),
  confirmedResult: candidacyResultSchema.nullable().describe("The result with the stage and scars staff confirmed from the photos; null until then."),
  assessedAt: isoDateTime.nullable(),
  consultation: z
    .object({ id: z.string(), type: z.enum(CONSULTATION_TYPES), start: isoDateTime, status: z.enum(CONSULTATION_STATUSES) })
    .nullable()
    .describe("The latest consultation that is not cancelled (booked, attended or no-show); null when none."),
  callbackPreference: z
    .object({ preferredTimes: z.string(), days: z.array(z.string()), updatedAt: isoDateTime })
    .nullable()
    .describe("\"None of these times suit me\": when the patient would like a call; null when they left none."),
  firstContactedAt: isoDateTime.nullable().describe("The first move out of new; null while new (and for inquiries older than the field)."),
  followUpAt: isoDateTime.nullable(),
  followUpNote: z.string().nullable(),
  waitingMinutes: z.number().int().nullable().describe("Business minutes since the inquiry while it is new, else null."),
  replyState: z.enum(["due", "overdue"]).nullable().describe("Against the clinic's reply-time target while new, else null."),
  mergedIntoId: z.string().nullable().describe("Null unless merged into another inquiry."),
  calls: z
    .object({ attempts: z.number().int().min(0), lastOutcome: z.enum(CALL_OUTCOMES).nullable(), lastAt: isoDateTime.nullable() })
    .describe("Calls staff logged on the inquiry page: how many, and the latest one's outcome and time."),
}).meta({
  // The conditional answer rules (JSON Schema 2020-12, which OpenAPI 3.1 uses as is).
  allOf: [
    {
      description: "waitingMinutes and replyState are numbers while the inquiry is new, null after.",
      if: { properties: { status: { const: "new" } }, required: ["status"] },
      then: { properties: { waitingMinutes: { type: "integer" }, replyState: { enum: ["due", "overdue"] } } },
      else: { properties: { waitingMinutes: { type: "null" }, replyState: { type: "null" } } },
    },
    {
      description: "A Norwood stage only with the Norwood pattern, a Ludwig stage only with diffuse thinning.",
      if: { properties: { lossPattern: { const: "norwood" } }, required: ["lossPattern"] },
      then: { properties: { norwoodStage: { type: "string" }, ludwigStage: { type: "null" } } },
      else: { properties: { norwoodStage: { type: "null" } } },
    },
  ],
});

export const leadPageResponseSchema = z.object({
  items: z.array(leadSummaryResponseSchema),
  nextCursor: z.string().nullable().describe("Pass as ?cursor= for the next page; null on the last page."),
});

export const leadDetailResponseSchema = leadSummaryResponseSchema.extend({
  updatedAt: isoDateTime,
  rulesVersion: z.string(),
  locale: z.string(),
  answers: candidacyAnswersSchema.nullable(),
  result: candidacyResultSchema.nullable(),
  patientNotes: z.string().nullable(),
  consent: z.object({
    contactAccepted: z.boolean(),
    privacyAccepted: z.boolean(),
    textVersion: z.string(),
    at: isoDateTime,
    method: z.enum(CONSENT_METHODS).describe("online: the patient ticked the boxes; verbal: given to the staff member who entered the inquiry (enteredBy)."),
    enteredBy: z.object({ id: z.string(), name: z.string() }).nullable().describe("The staff member who entered the inquiry for a phone-in or walk-in patient; null for the online form."),
  }),
  source: z.object({ utmSource: z.string().nullable(), utmMedium: z.string().nullable(), utmCampaign: z.string().nullable(), referrer: z.string().nullable() }),
  relatedLead: leadSummaryResponseSchema.nullable(),
  laterLeads: z.array(leadSummaryResponseSchema),
  notes: z.array(z.object({ id: z.string(), body: z.string(), createdAt: isoDateTime, author: staffRef })),
  events: z.array(z.object({ id: z.string(), type: z.string(), createdAt: isoDateTime, actor: staffRef.nullable(), data: z.unknown() })),
});

/** GET of a merged inquiry (api-v1.md "Lead workflow additions"): where it went, nothing else. */
export const mergedLeadResponseSchema = z.object({ id: z.string(), mergedIntoId: z.string() });

/** GET / PATCH /api/v1/leads/{id} and the merge: the inquiry, or a merged one's tombstone. */
export const leadOrMergedResponseSchema = z.union([leadDetailResponseSchema, mergedLeadResponseSchema]);

/** POST /api/v1/leads/bulk. */
export const leadBulkResponseSchema = z.object({ updated: z.number().int().min(0).describe("How many inquiries changed.") });

/** POST /api/v1/leads: the stored inquiry's id and the result the server computed. */
export const createLeadResponseSchema = z.object({
  id: z.string(),
  reference: z.string().nullable().describe("The short reference the patient was given, e.g. SMP-7KQ2-94 (null only for an inquiry stored before references)"),
  result: candidacyResultSchema,
  access: z
    .object({ url: z.string().describe("The patient's own page, APP/my/<token>: the same link on the 201 and its idempotent 200s, stored only as a hash.") })
    .describe("The patient's link to their own page (docs/decisions/020-patient-page.md)."),
});

/** True when A and B are the same type (each assignable to the other, the same keys): no field missing, none extra. */
export type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : never) : never) : never) : never;

// Compile-time drift checks: the TypeScript shapes the handlers return are exactly these schemas' outputs.
export type LeadSummaryMatches = SameShape<LeadSummary, z.output<typeof leadSummaryResponseSchema>>;
export type LeadPageMatches = SameShape<LeadPage, z.output<typeof leadPageResponseSchema>>;
export type LeadDetailMatches = SameShape<LeadDetail, z.output<typeof leadDetailResponseSchema>>;
export type MergedLeadMatches = SameShape<MergedLead, z.output<typeof mergedLeadResponseSchema>>;
export const RESPONSE_SHAPES_MATCH: [LeadSummaryMatches, LeadPageMatches, LeadDetailMatches, MergedLeadMatches] = [true, true, true, true];
