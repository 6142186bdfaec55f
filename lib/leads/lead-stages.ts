import "server-only";

import type { DbTransaction } from "@/lib/db/client";
import type { LeadStatus } from "@/lib/leads/lead-status";

import type { LeadStage } from "./lead-stage-names";

export { LEAD_STAGES, LEAD_STAGE_LABELS, type LeadStage } from "./lead-stage-names";

/**
 * The funnel stages an inquiry reached (issue 22 item 8, docs/decisions/026-funnel-stages.md), one
 * LeadStage row per (inquiry, stage), written in the transaction of the change that caused it:
 * - the status path (lib/leads/lead-workflow.ts updateLead, lib/leads/lead-bulk.ts) and the system's
 *   move to consultation_booked on booking (lib/booking/consultations.ts): entering contacted,
 *   consultation_booked or became_patient reaches that stage;
 * - marking a consultation attended (lib/booking/consultations.ts markConsultation) reaches attended.
 * A stage is reached only by entering it: an inquiry moved from new straight to not_proceeding
 * reached nothing, one booked straight from new skipped "contacted". The first time is kept: the
 * primary key (leadId, stage) refuses a second row, and a later entry (after a correction back)
 * writes nothing, except the amount agreed when "became a patient" is given one again.
 */

/** The stage that entering `status` reaches, if any (new and not_proceeding reach none). */
export function stageOfStatus(status: LeadStatus): LeadStage | null {
  return status === "contacted" || status === "consultation_booked" || status === "became_patient" ? status : null;
}

/**
 * Records that inquiry `leadId` reached `stage` at `at`, inside `tx`; nothing when it already had
 * (the first time stays). `amountUsd` (became_patient only) replaces the amount when given.
 */
export async function recordStage(tx: DbTransaction, leadId: string, stage: LeadStage, at: Date, amountUsd?: number | null): Promise<void> {
  const amount = stage === "became_patient" && amountUsd !== undefined && amountUsd !== null ? amountUsd : undefined;
  await tx.leadStage.upsert({
    where: { leadId_stage: { leadId, stage } },
    create: { leadId, stage, reachedAt: at, ...(amount !== undefined ? { amountUsd: amount } : {}) },
    update: amount !== undefined ? { amountUsd: amount } : {},
  });
}

/** A status change's stage, if entering `to` reaches one. */
export async function recordStatusStage(tx: DbTransaction, leadId: string, to: LeadStatus, at: Date, amountUsd?: number | null): Promise<void> {
  const stage = stageOfStatus(to);
  if (stage) await recordStage(tx, leadId, stage, at, amountUsd);
}
