import { z } from "zod";

import { CONSULTATION_STATUSES, CONSULTATION_TYPES } from "@/lib/booking/schemas";

import { candidacyAnswersSchema } from "@/lib/candidacy/answers";
import { candidacyResultSchema, STATUSES } from "@/lib/candidacy/result";
import { LEAD_STATUSES } from "@/lib/leads/lead-status";

import type { LeadDetail } from "./lead-detail";
import type { LeadPage, LeadSummary } from "./staff-inbox";

/**
 * The shapes the lead endpoints answer with, as zod schemas: the OpenAPI document describes the
 * responses with them (GET /api/v1/openapi.json) and the API tests parse real responses with them.
 * Objects are open (`z.object`): a field added to a response extends the contract, never breaks it.
 * The `satisfies` checks below fail to compile when the TypeScript shapes drift from these.
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
  preferredContact: z.string(),
  sex: z.string(),
  age: z.number().int(),
  lossPattern: z.string(),
  norwoodStage: z.string().nullable(),
  ludwigStage: z.string().nullable(),
  goal: z.string(),
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
  consent: z.object({ contactAccepted: z.boolean(), privacyAccepted: z.boolean(), textVersion: z.string(), at: isoDateTime }),
  source: z.object({ utmSource: z.string().nullable(), utmMedium: z.string().nullable(), utmCampaign: z.string().nullable(), referrer: z.string().nullable() }),
  relatedLead: leadSummaryResponseSchema.nullable(),
  laterLeads: z.array(leadSummaryResponseSchema),
  notes: z.array(z.object({ id: z.string(), body: z.string(), createdAt: isoDateTime, author: staffRef })),
  events: z.array(z.object({ id: z.string(), type: z.string(), createdAt: isoDateTime, actor: staffRef.nullable(), data: z.unknown() })),
});

/** POST /api/v1/leads: the stored inquiry's id and the result the server computed. */
export const createLeadResponseSchema = z.object({
  id: z.string(),
  reference: z.string().nullable().optional().describe("The short reference the patient was given, e.g. SMP-7KQ2-94"),
  result: candidacyResultSchema,
  access: z
    .object({ url: z.string().describe("The patient's own page, APP/my/<token>: the same link on the 201 and its idempotent 200s, stored only as a hash.") })
    .describe("The patient's link to their own page (docs/decisions/020-patient-page.md)."),
});

// Compile-time drift checks: every value of the TypeScript shape is a valid value of the schema.
export type LeadSummaryMatches = LeadSummary extends z.input<typeof leadSummaryResponseSchema> ? true : never;
export type LeadPageMatches = LeadPage extends z.input<typeof leadPageResponseSchema> ? true : never;
export type LeadDetailMatches = LeadDetail extends z.input<typeof leadDetailResponseSchema> ? true : never;
export const RESPONSE_SHAPES_MATCH: [LeadSummaryMatches, LeadPageMatches, LeadDetailMatches] = [true, true, true];
