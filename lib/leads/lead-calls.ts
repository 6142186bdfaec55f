import "server-only";

import { z } from "zod";

import { recordAudit } from "@/lib/audit/record";
import { parseCallCadence } from "@/lib/clinic/call-cadence";
import { getClinicProfile, getClinicSettings } from "@/lib/clinic/store";
import type { Db, DbTransaction } from "@/lib/db/client";
import { ConflictError, InvalidError, NotFoundError } from "@/lib/errors";
import { suggestNextTry } from "@/lib/leads/call-next-try";
import { CALL_OUTCOMES, OUTCOMES_WITH_NEXT_TRY, type CallOutcome, isCallOutcome } from "@/lib/leads/call-outcomes";
import { applyLeadPatch, MERGED_MESSAGE } from "@/lib/leads/lead-workflow";

/**
 * Calls logged in one tap (issue 22 item 5): each call is a LeadCall row (its outcome and its number
 * among the inquiry's calls), the inquiry keeps the count and the latest outcome for the inbox row,
 * and an audit event "call_logged" (ids, outcome and number only). After a call that did not reach
 * the patient, the clinic's cadence (lib/clinic/call-cadence.ts) suggests the next try, in its time
 * zone and opening hours; staff accept it as the follow-up in one tap (acceptNextTry) or set another.
 * "Reached" moves a new inquiry to contacted through the one status-change path (applyLeadPatch), so
 * speed to lead and every report see it as a status change made by that staff member.
 */

export const CALL_MESSAGES = {
  outcome: `Choose how the call went: ${CALL_OUTCOMES.join(", ")}.`,
  concurrent: "Someone logged a call on this inquiry at the same moment. Nothing was saved: reload the page and log it again if it was a different call.",
  noSuggestion: "There is no suggested next try for the latest call any more: set the follow-up yourself.",
} as const;

/** The form and the API body: one outcome. */
export const logCallSchema = z.strictObject({
  leadId: z.string({ error: "The inquiry id is missing." }).trim().min(1, { error: "The inquiry id is missing." }).max(64),
  outcome: z.enum(CALL_OUTCOMES, { error: CALL_MESSAGES.outcome }),
});
export type LogCallInput = z.infer<typeof logCallSchema>;

/** "Use as follow-up": the suggestion of the call it was shown for, with the inquiry's version. */
export const acceptNextTrySchema = z.strictObject({
  leadId: z.string({ error: "The inquiry id is missing." }).trim().min(1, { error: "The inquiry id is missing." }).max(64),
  callId: z.string({ error: "The call is missing." }).trim().min(1, { error: "The call is missing." }).max(64),
  version: z.coerce.number({ error: "The version must be a whole number." }).int().min(1),
});
export type AcceptNextTryInput = z.infer<typeof acceptNextTrySchema>;

export interface LoggedCall {
  id: string;
  attempt: number;
  outcome: CallOutcome;
  nextTryAt: Date | null;
  /** True when the call moved the inquiry from new to contacted. */
  contacted: boolean;
}

/** A unique violation (P2002, better-sqlite3, pg) on LeadCall (leadId, attempt): two calls counted at once. */
function isAttemptClash(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === "P2002" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "23505" || (typeof message === "string" && message.includes("LeadCall_leadId_attempt_key"));
}

/**
 * Records one call and how it went, all or nothing. The call's number is the inquiry's count + 1,
 * written `where callAttempts = count` and kept unique per inquiry by the database, so two taps at
 * the same moment cannot both become "attempt 2": the second is refused (ConflictError).
 */
export async function logCall(db: Db, actorId: string, leadId: string, outcome: CallOutcome, now: Date = new Date()): Promise<LoggedCall> {
  if (!isCallOutcome(outcome)) throw new InvalidError(CALL_MESSAGES.outcome, { outcome: CALL_MESSAGES.outcome });
  const [profile, settings] = await Promise.all([getClinicProfile(db), getClinicSettings(db)]);
  const cadence = parseCallCadence(settings.callCadence) ?? [];
  try {
    return await db.$transaction(async (tx: DbTransaction) => {
      const lead = await tx.lead.findUnique({ where: { id: leadId }, select: { status: true, callAttempts: true, mergedIntoId: true } });
      if (!lead) throw new NotFoundError("This inquiry does not exist.");
      if (lead.mergedIntoId) throw new InvalidError(MERGED_MESSAGE, { _root: MERGED_MESSAGE }, "merged");
      const attempt = lead.callAttempts + 1;
      const nextTryAt = OUTCOMES_WITH_NEXT_TRY.includes(outcome) ? suggestNextTry(profile, cadence, attempt, now) : null;
      const counted = await tx.lead.updateMany({
        where: { id: leadId, callAttempts: lead.callAttempts },
        data: { callAttempts: attempt, lastCallAt: now, lastCallOutcome: outcome },
      });
      if (counted.count !== 1) throw new ConflictError(CALL_MESSAGES.concurrent, "concurrent_call");
      const call = await tx.leadCall.create({ data: { leadId, actorId, outcome, attempt, nextTryAt, createdAt: now }, select: { id: true } });
      await recordAudit(tx, {
        actorId,
        leadId,
        type: "call_logged",
        data: { callId: call.id, outcome, attempt, nextTryAt: nextTryAt?.toISOString() ?? null },
      });
      const contacted = outcome === "reached" && lead.status === "new";
      if (contacted) await applyLeadPatch(tx, actorId, leadId, { status: "contacted" }, undefined);
      return { id: call.id, attempt, outcome, nextTryAt, contacted };
    });
  } catch (error) {
    if (isAttemptClash(error)) throw new ConflictError(CALL_MESSAGES.concurrent, "concurrent_call");
    throw error;
  }
}

/**
 * Accepts the latest call's suggested next try as the inquiry's follow-up (one tap), through the
 * same change path as the follow-up form (optimistic version, audit "follow_up_set"). Refused when
 * the call is not the inquiry's latest or has no suggestion.
 */
export async function acceptNextTry(db: Db, actorId: string, input: AcceptNextTryInput): Promise<{ at: Date; version: number }> {
  return await db.$transaction(async (tx: DbTransaction) => {
    const call = await tx.leadCall.findUnique({ where: { id: input.callId }, select: { leadId: true, attempt: true, nextTryAt: true, lead: { select: { callAttempts: true } } } });
    if (!call || call.leadId !== input.leadId) throw new NotFoundError("This call does not exist.");
    if (call.nextTryAt === null || call.attempt !== call.lead.callAttempts) throw new InvalidError(CALL_MESSAGES.noSuggestion, { _root: CALL_MESSAGES.noSuggestion }, "no_suggestion");
    const { version } = await applyLeadPatch(tx, actorId, input.leadId, {
      followUpAt: call.nextTryAt.toISOString(),
      followUpNote: `Call again (attempt ${call.attempt + 1})`,
      version: input.version,
    }, call.nextTryAt);
    return { at: call.nextTryAt, version };
  });
}

export interface LeadCallView {
  id: string;
  attempt: number;
  outcome: CallOutcome;
  at: string;
  nextTryAt: string | null;
  actor: { id: string; name: string } | null;
}

/** The inquiry's calls, newest first (the inquiry page). */
export async function listLeadCalls(db: Db, leadId: string): Promise<LeadCallView[]> {
  const rows = await db.leadCall.findMany({
    where: { leadId },
    orderBy: [{ attempt: "desc" }],
    select: { id: true, attempt: true, outcome: true, createdAt: true, nextTryAt: true, actor: { select: { id: true, name: true } } },
  });
  return rows.flatMap((r) =>
    isCallOutcome(r.outcome) ? [{ id: r.id, attempt: r.attempt, outcome: r.outcome, at: r.createdAt.toISOString(), nextTryAt: r.nextTryAt?.toISOString() ?? null, actor: r.actor }] : [],
  );
}
