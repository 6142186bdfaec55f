import "server-only";

import { LUDWIG_STAGES, NORWOOD_STAGES } from "@/lib/candidacy/answers";
import { getClinicProfile } from "@/lib/clinic/store";
import type { Db } from "@/lib/db/client";

import { rangeInstants, resolveReportRange, type ReportRangeInput } from "./summary-query";

/**
 * The dashboard's "self-assessed vs confirmed stage" (issue 21, decision 023): over the period's
 * inquiries (received in it, not merged) that staff assessed from photos (at any time so far), per
 * the stage the patient chose, how many were assessed and how many of those the staff confirmed at
 * the same stage. One GROUP BY computed by the database (the period's range of the Lead report index,
 * LeadAssessment by its unique leadId), on SQLite and PostgreSQL alike.
 */
/** A stage a patient can choose on either scale (the questionnaire's lists). */
export type PatientStage = (typeof NORWOOD_STAGES)[number] | (typeof LUDWIG_STAGES)[number];
export const PATIENT_STAGES = [...new Set<PatientStage>([...NORWOOD_STAGES, ...LUDWIG_STAGES])] as [PatientStage, ...PatientStage[]];

export interface StageAgreementRow {
  /** The scale the patient answered on: "norwood" or "ludwig". */
  scale: "norwood" | "ludwig";
  /** The stage the patient chose ("unknown": not sure); null: none given. */
  stage: PatientStage | null;
  assessed: number;
  matched: number;
}

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** Stages in their scale's order (the questionnaire's lists, "unknown" last there), none given last. */
function byStage(a: StageAgreementRow, b: StageAgreementRow): number {
  if (a.scale !== b.scale) return a.scale === "norwood" ? -1 : 1;
  const order: readonly string[] = a.scale === "norwood" ? NORWOOD_STAGES : LUDWIG_STAGES;
  const rank = (s: string | null) => (s === null || !order.includes(s) ? order.length : order.indexOf(s));
  return rank(a.stage) - rank(b.stage);
}

/** The rows of the inquiries received in [gte, lt) (the summary's period as instants). */
export async function stageAgreementBetween(db: Db, gte: Date, lt: Date): Promise<StageAgreementRow[]> {
  const rows = await db.$queryRaw<{ scale: string; stage: string | null; assessed: unknown; matched: unknown }[]>`
    SELECT
      CASE WHEN l."lossPattern" = 'norwood' THEN 'norwood' ELSE 'ludwig' END AS "scale",
      CASE WHEN l."lossPattern" = 'norwood' THEN l."norwoodStage" ELSE l."ludwigStage" END AS "stage",
      COUNT(*) AS "assessed",
      SUM(CASE WHEN (l."lossPattern" = 'norwood' AND l."norwoodStage" = a."norwoodStage")
                 OR (l."lossPattern" <> 'norwood' AND l."ludwigStage" = a."ludwigStage") THEN 1 ELSE 0 END) AS "matched"
    FROM "Lead" l JOIN "LeadAssessment" a ON a."leadId" = l."id"
    WHERE l."createdAt" >= ${gte} AND l."createdAt" < ${lt} AND l."mergedIntoId" IS NULL
    GROUP BY 1, 2`;
  return rows
    .map((r) => ({ scale: r.scale === "norwood" ? ("norwood" as const) : ("ludwig" as const), stage: (r.stage as PatientStage | null), assessed: num(r.assessed), matched: num(r.matched) }))
    .sort(byStage);
}

/** The same rows for a period given as clinic-time days (validated by reportRangeSchema). */
export async function stageAgreement(db: Db, input: ReportRangeInput, now: Date = new Date()): Promise<StageAgreementRow[]> {
  const { timeZone } = await getClinicProfile(db);
  const { gte, lt } = rangeInstants(resolveReportRange(input, timeZone, now), timeZone);
  return stageAgreementBetween(db, gte, lt);
}
