import { z } from "zod";

import { FLAG_CODES, STATUSES } from "@/lib/candidacy/result";
import { LEAD_STAGE_API_KEYS, LEAD_STAGES } from "@/lib/leads/lead-stage-names";
import { LEAD_STATUSES } from "@/lib/leads/lead-status";
import type { SameShape } from "@/lib/leads/lead-responses";

import { FUNNEL_STEPS, type FunnelStep } from "./questionnaire-events";
import type { ReportSummary } from "./summary";
import { PATIENT_STAGES } from "./summary-stages";

const count = z.number().int().min(0);
const date = z.string().describe("YYYY-MM-DD (clinic time)");
/** Every key of `keys` present with a count (an object with exactly these properties, not a record). */
const countsOf = <const K extends readonly [string, ...string[]]>(keys: K) =>
  z.object(Object.fromEntries(keys.map((key) => [key, count])) as { [P in K[number]]: typeof count });

/** GET /api/v1/reports/summary (api-v1.md "Admin additions"): the figures of lib/reports/summary.ts. */
export const reportSummaryResponseSchema = z.object({
  from: date,
  to: date,
  inquiries: count,
  byWeek: z.array(z.object({ weekStart: date, inquiries: count })),
  byEligibility: countsOf(STATUSES),
  byStatus: countsOf(LEAD_STATUSES),
  byFlag: countsOf(FLAG_CODES),
  bySource: z.array(z.object({ utmSource: z.string().nullable().describe("null: no utm_source"), inquiries: count, becamePatients: count })),
  medianMinutesToFirstContact: z.number().nullable().describe("median minutes from inquiry to the contacted stage, over the inquiries actually contacted; null: none"),
  stages: z
    .object(
      Object.fromEntries(
        LEAD_STAGES.map((stage) => [
          LEAD_STAGE_API_KEYS[stage],
          z.object({
            reached: count.describe("the period's inquiries that reached this stage (at any time so far); one that skipped it is not counted"),
            medianMinutes: z.number().nullable().describe("median minutes from the inquiry to reaching it; null: none reached it"),
          }),
        ]),
      ) as { [K in (typeof LEAD_STAGE_API_KEYS)[keyof typeof LEAD_STAGE_API_KEYS]]: z.ZodObject<{ reached: typeof count; medianMinutes: z.ZodNullable<z.ZodNumber> }> },
    )
    .describe("the funnel of the period's inquiries, stage by stage as it happened"),
  amountBySource: z
    .array(
      z.object({
        utmSource: z.string().nullable().describe("null: no utm_source"),
        patients: count.describe("the period's inquiries of this source that became patients"),
        amountUsd: count.describe("the treatment amounts agreed, summed, whole USD (a patient without an amount adds 0)"),
      }),
    )
    .describe("largest amount first"),
  consultations: z.object({
    booked: count.describe("consultations made in the period"),
    attended: count.describe("consultations that started in the period, marked attended"),
    noShow: count.describe("consultations that started in the period, marked no-show"),
    inquiriesBooked: count.describe("the period's inquiries that have a consultation"),
    bookedShare: z.number().min(0).max(1).nullable().describe("inquiriesBooked / inquiries; null: no inquiry"),
    medianMinutesToBooking: z.number().nullable().describe("median minutes from inquiry to first booking; null: none booked"),
  }),
  questionnaire: z.object({
    started: count,
    steps: z.array(z.object({ step: z.enum(FUNNEL_STEPS as unknown as readonly [FunnelStep, ...FunnelStep[]]), reached: count })),
    completed: count,
    requestedConsultation: count,
  }),
  stageAgreement: z
    .array(
      z.object({
        scale: z.enum(["norwood", "ludwig"]).describe("the scale the patient answered on"),
        stage: z
          .enum(PATIENT_STAGES)
          .nullable()
          .describe('the stage the patient chose ("unknown": not sure; null: none given)'),
        assessed: count.describe("the period's inquiries with that stage that staff assessed from photos"),
        matched: count.describe("of those, how many staff confirmed at the patient's own stage"),
      }),
    )
    .describe("Self-assessed vs confirmed stage: per stage the patient chose, in the scale's order"),
});

export const REPORT_SUMMARY_MATCHES: SameShape<ReportSummary, z.output<typeof reportSummaryResponseSchema>> = true;
