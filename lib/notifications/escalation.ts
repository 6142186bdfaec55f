import "server-only";

import type { CandidacyStatus } from "@/lib/candidacy/result";
import type { Db, DbTransaction } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { replyClock } from "@/lib/leads/reply-clock";
import { waitingBusinessMinutes } from "@/lib/leads/speed-to-lead";
import { logger } from "@/lib/log/logger";
import type { NotificationChannel } from "@/lib/notifications/config";
import { enqueueNotification } from "@/lib/notifications/enqueue";
import { LEAD_ESCALATED, type LeadEscalatedPayload } from "@/lib/notifications/kinds/lead-escalated";
import { emitEvent, hasSubscribers } from "@/lib/webhooks/emit";

/**
 * Escalation (issue 10): an ELIGIBLE inquiry still `new` once it has waited the clinic's reply-time
 * target in BUSINESS minutes (lib/leads/speed-to-lead.ts, the clinic's hours and time zone) gets one
 * "still waiting" notification per configured channel (staff e-mail, signed webhook `lead.escalated`),
 * queued in the outbox. At most one per inquiry, across any number of app instances:
 *
 *   UPDATE "Lead" SET "escalatedAt" = now WHERE id = ? AND "escalatedAt" IS NULL AND status = 'new' ...
 *
 * in the same transaction as the outbox rows and the audit row ("escalated", by the system): only
 * the transaction whose conditional update changed the row writes them (PostgreSQL re-checks the
 * condition after waiting for a concurrent writer's lock; SQLite has one writer at a time). A move
 * out of `new` before that moment means no escalation, ever (the condition fails).
 *
 * The scan reads only candidates: `new`, eligible, not escalated, not merged, created at least
 * `target` wall-clock minutes ago (business time never runs faster than the clock) and within
 * ESCALATION_LOOKBACK_MS (an inquiry left untouched for weeks is a matter for the inbox, not for an
 * alert, and the first start after an upgrade must not page staff about every old inquiry), oldest
 * first. Waiting time only grows with age, so the first candidate that is not yet overdue ends the scan.
 */

/** The verdicts that are escalated: the patients the clinic can treat (eligible, with or without conditions). */
export const ESCALATION_ELIGIBILITIES: readonly CandidacyStatus[] = ["eligible", "eligible_with_conditions"];

/** Inquiries older than this are never escalated (see above). */
export const ESCALATION_LOOKBACK_MS = 14 * 24 * 60 * 60_000;

/** Candidates read per run (a run that finds more overdue continues on the next one). */
export const ESCALATION_BATCH = 100;

export interface EscalationReport {
  /** Inquiries escalated by this run (their outbox rows written). */
  escalated: number;
  /** Overdue candidates another worker escalated first, or that left `new` meanwhile. */
  skipped: number;
}

export interface EscalationOptions {
  /** The channels to notify (an empty list escalates nothing). */
  channels: readonly NotificationChannel[];
  now?: Date;
}

export async function escalateOverdueLeads(db: Db, options: EscalationOptions): Promise<EscalationReport> {
  const report: EscalationReport = { escalated: 0, skipped: 0 };
  const channels = [...options.channels];
  if (channels.length === 0 && !(await hasSubscribers(db, "lead.escalated"))) return report;
  const now = options.now ?? new Date();
  const clock = await replyClock(db, now);
  const target = clock.replyTargetMinutes;

  const candidates = await db.lead.findMany({
    where: {
      status: "new",
      eligibility: { in: [...ESCALATION_ELIGIBILITIES] },
      escalatedAt: null,
      mergedIntoId: null,
      createdAt: { gte: new Date(now.getTime() - ESCALATION_LOOKBACK_MS), lte: new Date(now.getTime() - target * 60_000) },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: ESCALATION_BATCH,
    select: { id: true, createdAt: true, firstName: true, reference: true },
  });

  for (const lead of candidates) {
    const waitingMinutes = waitingBusinessMinutes(clock.calendar, lead.createdAt, now);
    if (waitingMinutes < target) break; // every later candidate has waited less
    const payload: LeadEscalatedPayload = {
      firstName: lead.firstName,
      reference: lead.reference,
      createdAt: lead.createdAt.toISOString(),
      waitingMinutes,
      replyTargetMinutes: target,
      timeZone: clock.calendar.timeZone,
    };
    const won = await db.$transaction(async (tx: DbTransaction) => {
      const { count } = await tx.lead.updateMany({
        where: { id: lead.id, status: "new", escalatedAt: null, mergedIntoId: null },
        data: { escalatedAt: now },
      });
      if (count !== 1) return false;
      if (channels.length > 0) await enqueueNotification(tx, LEAD_ESCALATED, payload, { leadId: lead.id, channels, now });
      await emitEvent(
        tx,
        "lead.escalated",
        { lead: { id: lead.id, reference: lead.reference, status: "new" }, waitingMinutes, replyTargetMinutes: target },
        { leadId: lead.id, now },
      );
      await recordAudit(tx, {
        actorId: null,
        leadId: lead.id,
        type: "escalated",
        data: { waitingMinutes, replyTargetMinutes: target, channels },
      });
      return true;
    });
    if (won) report.escalated++;
    else report.skipped++;
  }
  if (report.escalated > 0) logger.info({ op: "escalation", ...report, replyTargetMinutes: target }, "overdue inquiries escalated");
  return report;
}
