import "server-only";

import { FLAG_CODES, STATUSES, type CandidacyStatus, type FlagCode } from "@/lib/candidacy/result";
import { getClinicProfile } from "@/lib/clinic/store";
import { type Db, dbProviderOf, Prisma } from "@/lib/db/client";
import { LEAD_STAGE_API_KEYS, LEAD_STAGES, type LeadStage } from "@/lib/leads/lead-stage-names";
import { LEAD_STATUSES, type LeadStatus } from "@/lib/leads/lead-status";

import { FUNNEL_STEPS, type FunnelStep } from "./questionnaire-events";
import { stageAgreementBetween, type StageAgreementRow } from "./summary-stages";
import { rangeInstants, type ReportRange, reportWeeks, resolveReportRange, type ReportRangeInput } from "./summary-query";

/**
 * GET /api/v1/reports/summary and the dashboard (/staff/dashboard): THE one place the figures come
 * from (api-v1.md "Admin additions"). Every figure is an SQL aggregate computed by the database, on
 * SQLite and PostgreSQL alike; this module only names the rows. Periods are clinic-time days.
 *
 * Which inquiries count: those received in the period, except merged duplicates (mergedIntoId set:
 * the kept inquiry counts once). Erased inquiries are gone from the table (lib/leads/erase-lead.ts).
 *
 * Queries (each reads only the period's range of Lead_report_idx: mergedIntoId, createdAt, status,
 * eligibility, flagCodes, utmSource, firstContactedAt, so no table lookup per inquiry, and LeadStage by its key):
 * - one pass, grouped per (eligibility, status, flagCodes), for the total, eligibility mix, status
 *   funnel and every flag (SUM(CASE ...) per value over the groups);
 * - one correlated COUNT per week (an index range each);
 * - one GROUP BY utmSource;
 * - the median minutes to first contact (ORDER BY ... LIMIT/OFFSET of the middle one or two);
 * - the questionnaire counts (QuestionnaireEventCount's primary key starts with the day);
 * - the funnel stages (issue 22 item 8, decision 027): the period's inquiries joined to LeadStage by
 *   its primary key (leadId, stage), one GROUP BY stage for the counts, then the middle one or two
 *   durations of each stage; "medianMinutesToFirstContact" is the "contacted" stage's median;
 * - the amount agreed by source: the period's inquiries that became patients, GROUP BY utmSource.
 */

export const MAX_SOURCES = 50;

export interface ReportSummary {
  from: string;
  to: string;
  inquiries: number;
  byWeek: { weekStart: string; inquiries: number }[];
  byEligibility: Record<CandidacyStatus, number>;
  byStatus: Record<LeadStatus, number>;
  byFlag: Record<FlagCode, number>;
  /** The most frequent sources first (at most MAX_SOURCES); null: no utm_source. */
  bySource: { utmSource: string | null; inquiries: number; becamePatients: number }[];
  /** Minutes from the inquiry to the "contacted" stage, the median over the inquiries actually contacted. */
  medianMinutesToFirstContact: number | null;
  /**
   * The funnel: of the period's inquiries, how many reached each stage (at any time so far) and the
   * median minutes from the inquiry to it (null: none reached it). A stage skipped is not counted.
   */
  stages: Record<StageKey, { reached: number; medianMinutes: number | null }>;
  /**
   * The period's inquiries that became patients, per source (null: no utm_source): how many, and the
   * sum of the treatment amounts agreed (whole USD; a patient without an amount adds 0). Largest first.
   */
  amountBySource: { utmSource: string | null; patients: number; amountUsd: number }[];
  /** Consultations (issue 20 item 7). */
  consultations: {
    /** Consultations booked (made) in the period, whatever became of them since. */
    booked: number;
    /** Consultations that started in the period and were marked attended / no-show. */
    attended: number;
    noShow: number;
    /** The period's inquiries that booked a consultation (at any time so far), and their share of the inquiries (null: none). */
    inquiriesBooked: number;
    bookedShare: number | null;
    /** Median minutes from an inquiry to its first booking, over the period's inquiries that booked; null: none. */
    medianMinutesToBooking: number | null;
  };
  questionnaire: {
    started: number;
    steps: { step: FunnelStep; reached: number }[];
    completed: number;
    requestedConsultation: number;
  };
  /**
   * Self-assessed vs confirmed stage (issue 21): per the stage the patient chose, the period's
   * inquiries staff assessed from photos and how many were confirmed at that stage (summary-stages.ts).
   */
  stageAgreement: StageAgreementRow[];
}

export type StageKey = (typeof LEAD_STAGE_API_KEYS)[LeadStage];

/** COUNT and SUM come back as bigint on PostgreSQL, number on SQLite, null for SUM of no rows. */
function num(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === "number" ? value : Number(String(value));
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

/** The inquiries a report counts: received in [gte, lt), not merged into another (a merge's tombstone). */
function inPeriod(gte: Date, lt: Date): Prisma.Sql {
  return Prisma.sql`"createdAt" >= ${gte} AND "createdAt" < ${lt} AND "mergedIntoId" IS NULL`;
}

/**
 * Total, eligibility, status and flag counts in one statement: the period's rows are first counted
 * per (eligibility, status, flagCodes) combination (a few dozen groups), then every figure is a
 * SUM over the groups, so each flag's LIKE runs once per group instead of once per inquiry.
 */
async function mixes(db: Db, where: Prisma.Sql) {
  const columns: Prisma.Sql[] = [Prisma.sql`COALESCE(SUM("n"), 0) AS "total"`];
  STATUSES.forEach((value, i) => columns.push(Prisma.sql`SUM(CASE WHEN "eligibility" = ${value} THEN "n" ELSE 0 END) AS ${Prisma.raw(`"e${i}"`)}`));
  LEAD_STATUSES.forEach((value, i) => columns.push(Prisma.sql`SUM(CASE WHEN "status" = ${value} THEN "n" ELSE 0 END) AS ${Prisma.raw(`"s${i}"`)}`));
  FLAG_CODES.forEach((code, i) => columns.push(Prisma.sql`SUM(CASE WHEN "flagCodes" LIKE ${`%,${code},%`} THEN "n" ELSE 0 END) AS ${Prisma.raw(`"f${i}"`)}`));
  const [row] = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT ${Prisma.join(columns, ", ")} FROM (
      SELECT "eligibility", "status", "flagCodes", COUNT(*) AS "n" FROM "Lead" WHERE ${where} GROUP BY "eligibility", "status", "flagCodes"
    ) grouped`;
  const byEligibility = zeroes(STATUSES);
  const byStatus = zeroes(LEAD_STATUSES);
  const byFlag = zeroes(FLAG_CODES);
  STATUSES.forEach((value, i) => (byEligibility[value] = num(row?.[`e${i}`])));
  LEAD_STATUSES.forEach((value, i) => (byStatus[value] = num(row?.[`s${i}`])));
  FLAG_CODES.forEach((code, i) => (byFlag[code] = num(row?.[`f${i}`])));
  return { inquiries: num(row?.total), byEligibility, byStatus, byFlag };
}

async function weeks(db: Db, range: ReportRange, timeZone: string): Promise<ReportSummary["byWeek"]> {
  const list = reportWeeks(range, timeZone);
  const selects = list.map(
    (week) => Prisma.sql`SELECT CAST(${week.weekStart} AS TEXT) AS "weekStart", (SELECT COUNT(*) FROM "Lead" WHERE ${inPeriod(week.gte, week.lt)}) AS "inquiries"`,
  );
  const rows = await db.$queryRaw<{ weekStart: string; inquiries: unknown }[]>`${Prisma.join(selects, " UNION ALL ")}`;
  const byStart = new Map(rows.map((row) => [row.weekStart, num(row.inquiries)]));
  return list.map((week) => ({ weekStart: week.weekStart, inquiries: byStart.get(week.weekStart) ?? 0 }));
}

async function sources(db: Db, where: Prisma.Sql): Promise<ReportSummary["bySource"]> {
  const rows = await db.$queryRaw<{ utmSource: string | null; inquiries: unknown; becamePatients: unknown }[]>`
    SELECT "utmSource" AS "utmSource", COUNT(*) AS "inquiries",
           SUM(CASE WHEN "status" = 'became_patient' THEN 1 ELSE 0 END) AS "becamePatients"
    FROM "Lead" WHERE ${where}
    GROUP BY "utmSource"
    ORDER BY COUNT(*) DESC, CASE WHEN "utmSource" IS NULL THEN 1 ELSE 0 END, "utmSource"
    LIMIT ${Prisma.raw(String(MAX_SOURCES))}`;
  return rows.map((row) => ({ utmSource: row.utmSource, inquiries: num(row.inquiries), becamePatients: num(row.becamePatients) }));
}

/** The database's minutes from `from` to `to` (two timestamp expressions). */
function minutesBetween(db: Db, from: Prisma.Sql, to: Prisma.Sql): Prisma.Sql {
  return dbProviderOf(db) === "sqlite" ? Prisma.sql`(julianday(${to}) - julianday(${from})) * 1440.0` : Prisma.sql`EXTRACT(EPOCH FROM (${to} - ${from})) / 60.0`;
}

/**
 * The funnel stages of the period's inquiries (decision 027): per stage, how many reached it and the
 * median minutes from the inquiry to it, rounded to a minute. One GROUP BY for the counts, then per
 * reached stage the middle one or two durations (ORDER BY ... LIMIT/OFFSET; averaged here, the only
 * arithmetic outside SQL). Only recorded stages count: an inquiry that skipped one is not in it.
 */
async function stageFigures(db: Db, where: Prisma.Sql): Promise<ReportSummary["stages"]> {
  const joined = Prisma.sql`FROM (SELECT "id", "createdAt" FROM "Lead" WHERE ${where}) l JOIN "LeadStage" s ON s."leadId" = l."id"`;
  const counts = await db.$queryRaw<{ stage: string; n: unknown }[]>`SELECT s."stage" AS "stage", COUNT(*) AS "n" ${joined} GROUP BY s."stage"`;
  const reached = new Map(counts.map((row) => [row.stage, num(row.n)]));
  const minutes = minutesBetween(db, Prisma.sql`l."createdAt"`, Prisma.sql`s."reachedAt"`);
  const medians = await Promise.all(
    LEAD_STAGES.map(async (stage) => {
      const n = reached.get(stage) ?? 0;
      if (n === 0) return null;
      const middle = await db.$queryRaw<{ m: unknown }[]>`
        SELECT ${minutes} AS "m" ${joined} WHERE s."stage" = ${stage}
        ORDER BY 1 LIMIT ${Prisma.raw(String(n % 2 === 1 ? 1 : 2))} OFFSET ${Prisma.raw(String(Math.floor((n - 1) / 2)))}`;
      const values = middle.map((row) => num(row.m));
      return Math.round(values.reduce((a, b) => a + b, 0) / values.length);
    }),
  );
  return Object.fromEntries(
    LEAD_STAGES.map((stage, i) => [LEAD_STAGE_API_KEYS[stage], { reached: reached.get(stage) ?? 0, medianMinutes: medians[i] ?? null }]),
  ) as ReportSummary["stages"];
}

/** The period's inquiries that became patients (the stage, so one moved back since still counts), per source. */
async function amountBySource(db: Db, where: Prisma.Sql): Promise<ReportSummary["amountBySource"]> {
  const rows = await db.$queryRaw<{ utmSource: string | null; patients: unknown; amountUsd: unknown }[]>`
    SELECT l."utmSource" AS "utmSource", COUNT(*) AS "patients", COALESCE(SUM(s."amountUsd"), 0) AS "amountUsd"
    FROM (SELECT "id", "utmSource" FROM "Lead" WHERE ${where}) l
    JOIN "LeadStage" s ON s."leadId" = l."id" AND s."stage" = 'became_patient'
    GROUP BY l."utmSource"
    ORDER BY COALESCE(SUM(s."amountUsd"), 0) DESC, COUNT(*) DESC, CASE WHEN l."utmSource" IS NULL THEN 1 ELSE 0 END, l."utmSource"
    LIMIT ${Prisma.raw(String(MAX_SOURCES))}`;
  return rows.map((row) => ({ utmSource: row.utmSource, patients: num(row.patients), amountUsd: num(row.amountUsd) }));
}

/**
 * The consultation figures: booked = made in the period (Consultation.createdAt); attended and no-show
 * = started in the period with that mark; the period's inquiries that have a consultation (any status,
 * booked at any time so far) and the median minutes from the inquiry to its first booking (the middle
 * one or two, as for the first contact).
 */
async function consultationFigures(db: Db, where: Prisma.Sql, gte: Date, lt: Date): Promise<ReportSummary["consultations"]> {
  const sqlite = dbProviderOf(db) === "sqlite";
  const minutes = sqlite
    ? Prisma.sql`(julianday(b."bookedAt") - julianday(l."createdAt")) * 1440.0`
    : Prisma.sql`EXTRACT(EPOCH FROM (b."bookedAt" - l."createdAt")) / 60.0`;
  const booked = Prisma.sql`
    FROM (SELECT "id", "createdAt" FROM "Lead" WHERE ${where}) l
    JOIN (SELECT "leadId", MIN("createdAt") AS "bookedAt" FROM "Consultation" GROUP BY "leadId") b ON b."leadId" = l."id"`;
  const [made, marked, joined] = await Promise.all([
    db.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS "n" FROM "Consultation" WHERE "createdAt" >= ${gte} AND "createdAt" < ${lt}`,
    db.$queryRaw<{ attended: unknown; noShow: unknown }[]>`
      SELECT SUM(CASE WHEN "status" = 'attended' THEN 1 ELSE 0 END) AS "attended", SUM(CASE WHEN "status" = 'no_show' THEN 1 ELSE 0 END) AS "noShow"
      FROM "Consultation" WHERE "startsAt" >= ${gte} AND "startsAt" < ${lt}`,
    db.$queryRaw<{ n: unknown; total: unknown }[]>`
      SELECT (SELECT COUNT(*) ${booked}) AS "n", (SELECT COUNT(*) FROM "Lead" WHERE ${where}) AS "total"`,
  ]);
  const n = num(joined[0]?.n);
  const total = num(joined[0]?.total);
  let median: number | null = null;
  if (n > 0) {
    const middle = await db.$queryRaw<{ m: unknown }[]>`
      SELECT ${minutes} AS "m" ${booked}
      ORDER BY 1 LIMIT ${Prisma.raw(String(n % 2 === 1 ? 1 : 2))} OFFSET ${Prisma.raw(String(Math.floor((n - 1) / 2)))}`;
    const values = middle.map((row) => num(row.m));
    median = Math.round(values.reduce((a, b) => a + b, 0) / values.length);
  }
  return {
    booked: num(made[0]?.n),
    attended: num(marked[0]?.attended),
    noShow: num(marked[0]?.noShow),
    inquiriesBooked: n,
    bookedShare: total === 0 ? null : n / total,
    medianMinutesToBooking: median,
  };
}

async function questionnaire(db: Db, range: ReportRange): Promise<ReportSummary["questionnaire"]> {
  const rows = await db.$queryRaw<{ event: string; step: string; total: unknown }[]>`
    SELECT "event" AS "event", "step" AS "step", SUM("count") AS "total"
    FROM "QuestionnaireEventCount" WHERE "day" >= ${range.from} AND "day" <= ${range.to}
    GROUP BY "event", "step"`;
  const total = (event: string, step = "") => num(rows.find((row) => row.event === event && row.step === step)?.total);
  return {
    started: total("started"),
    steps: FUNNEL_STEPS.map((step) => ({ step, reached: total("step", step) })),
    completed: total("completed"),
    requestedConsultation: total("requested"),
  };
}

/** The summary of a period (validated by reportRangeSchema; a missing end: this month). */
export async function reportSummary(db: Db, input: ReportRangeInput, now: Date = new Date()): Promise<ReportSummary> {
  const { timeZone } = await getClinicProfile(db);
  const range = resolveReportRange(input, timeZone, now);
  const { gte, lt } = rangeInstants(range, timeZone);
  const where = inPeriod(gte, lt);
  const [mix, byWeek, bySource, stages, amounts, funnel, consultations, agreement] = await Promise.all([
    mixes(db, where),
    weeks(db, range, timeZone),
    sources(db, where),
    stageFigures(db, where),
    amountBySource(db, where),
    questionnaire(db, range),
    consultationFigures(db, where, gte, lt),
    stageAgreementBetween(db, gte, lt),
  ]);
  return {
    from: range.from,
    to: range.to,
    inquiries: mix.inquiries,
    byWeek,
    byEligibility: mix.byEligibility,
    byStatus: mix.byStatus,
    byFlag: mix.byFlag,
    bySource,
    medianMinutesToFirstContact: stages.contacted.medianMinutes,
    stages,
    amountBySource: amounts,
    consultations,
    questionnaire: funnel,
    stageAgreement: agreement,
  };
}
