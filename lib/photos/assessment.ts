import "server-only";

import { recordAudit } from "@/lib/audit/record";
import { candidacyAnswersSchema, evaluateCandidacy, type CandidacyAnswers, type CandidacyResult } from "@/lib/candidacy";
import type { Db } from "@/lib/db/client";
import { ConflictError, InvalidError, NotFoundError } from "@/lib/errors";
import { STALE_VERSION_MESSAGE } from "@/lib/leads/lead-workflow";
import { enqueueNotification } from "@/lib/notifications/enqueue";
import { ASSESSMENT_CONFIRMED } from "@/lib/notifications/kinds/assessment-confirmed";
import { getActivePriceTable } from "@/lib/pricing/price-table-store";
import { emitEvent } from "@/lib/webhooks/emit";

import type { AssessmentInput } from "./schemas";

/**
 * Staff confirm from the photos what the patient guessed (docs/decisions/023-photos.md): the stage
 * (Norwood or Ludwig), the scars and a note. The rules re-run on the patient's stored answers with
 * the confirmed ones in their place, with the active price table; the confirmed result (its price
 * pinned to that table's version) is stored beside the patient's own, which never changes. Takes the
 * inquiry's version (409 when stale), audited, and queues the patient's e-mail (no health details).
 */

export const ASSESSMENT_MESSAGES = {
  notFound: "This inquiry does not exist.",
  noAnswers: "This inquiry has no answers to assess.",
  nothing: "Confirm a stage or the scars.",
} as const;

/** The patient's answers with the confirmed stage and scars in their place (pure). */
export function confirmedAnswers(answers: CandidacyAnswers, input: Pick<AssessmentInput, "norwoodStage" | "ludwigStage" | "scars">): CandidacyAnswers {
  const next: CandidacyAnswers = { ...answers };
  if (input.norwoodStage !== undefined) {
    next.lossPattern = "norwood";
    next.norwoodStage = input.norwoodStage as CandidacyAnswers["norwoodStage"];
    delete next.ludwigStage;
  } else if (input.ludwigStage !== undefined) {
    next.lossPattern = "diffuse_thinning";
    next.ludwigStage = input.ludwigStage;
    delete next.norwoodStage;
  }
  if (input.scars !== undefined) next.scars = [...input.scars];
  return next;
}

export async function confirmAssessment(db: Db, actorId: string, leadId: string, input: AssessmentInput): Promise<{ confirmedResult: CandidacyResult; version: number }> {
  if (input.norwoodStage === undefined && input.ludwigStage === undefined && input.scars === undefined) {
    throw new InvalidError(ASSESSMENT_MESSAGES.nothing, { norwoodStage: ASSESSMENT_MESSAGES.nothing });
  }
  const table = await getActivePriceTable(db);
  return db.$transaction(async (tx) => {
    const lead = await tx.lead.findUnique({ where: { id: leadId }, select: { answers: true, locale: true, version: true, mergedIntoId: true } });
    if (!lead || lead.mergedIntoId !== null) throw new NotFoundError(ASSESSMENT_MESSAGES.notFound);
    if (input.version !== undefined && input.version !== lead.version) throw new ConflictError(STALE_VERSION_MESSAGE, "stale_version");
    const parsed = candidacyAnswersSchema.safeParse(lead.answers);
    if (!parsed.success) throw new InvalidError(ASSESSMENT_MESSAGES.noAnswers);
    const answers = confirmedAnswers(parsed.data, input);
    const confirmedResult = evaluateCandidacy(answers, table, { locale: lead.locale === "es" ? "es" : "en" });
    const { count } = await tx.lead.updateMany({ where: { id: leadId, version: lead.version }, data: { version: { increment: 1 } } });
    if (count === 0) throw new ConflictError(STALE_VERSION_MESSAGE, "stale_version");
    const assessedAt = new Date();
    const data = {
      norwoodStage: answers.lossPattern === "norwood" ? (answers.norwoodStage ?? null) : null,
      ludwigStage: answers.lossPattern === "diffuse_thinning" ? (answers.ludwigStage ?? null) : null,
      scars: answers.scars,
      note: input.note && input.note.length > 0 ? input.note : null,
      confirmedResult: confirmedResult as unknown as object,
      priceTableVersion: confirmedResult.price.tableVersion,
      assessedById: actorId,
      assessedAt,
    };
    await tx.leadAssessment.upsert({ where: { leadId }, create: { leadId, ...data }, update: data });
    // Stages, eligibility and the table version only: never the note's text.
    await recordAudit(tx, {
      actorId,
      type: "assessment_confirmed",
      leadId,
      data: {
        norwoodStage: data.norwoodStage,
        ludwigStage: data.ludwigStage,
        eligibility: confirmedResult.status,
        priceTableVersion: data.priceTableVersion,
        withNote: data.note !== null,
      },
    });
    await enqueueNotification(tx, ASSESSMENT_CONFIRMED, {}, { leadId, dedupeKey: `${ASSESSMENT_CONFIRMED}:${leadId}` });
    await emitEvent(tx, "assessment.confirmed", { lead: { id: leadId }, assessment: { eligibility: confirmedResult.status, version: lead.version + 1 } }, { leadId });
    return { confirmedResult, version: lead.version + 1 };
  });
}
