import "server-only";

import type { Db } from "@/lib/db/client";
import { REFERENCE_PATTERN } from "@/lib/leads/reference";
import { searchMatch } from "@/lib/leads/staff-inbox";

/** A search for the reference of a merged inquiry: the reference searched for and the live inquiry it lives on in. */
export interface MergedReference {
  /** The merged inquiry's reference, as the patient has it (e.g. "SMP-7KQ2-94"). */
  reference: string;
  survivor: { id: string; reference: string | null; createdAt: string };
}

/** How many merges are followed (a survivor merged again later); the same bound as the patient's link. */
const MAX_HOPS = 5;

/**
 * When the inbox search `q` is a reference (typed or read out: "SMP 7KQ2 94") of an inquiry that was
 * merged into another, the live inquiry it ended up in (following a survivor that was merged again);
 * otherwise null. The tombstone keeps its reference (the unique index finds it), but not its search
 * text, so the ordinary search alone finds nothing for it.
 */
export async function findMergedReference(db: Db, q: string | undefined): Promise<MergedReference | null> {
  if (!q) return null;
  const match = searchMatch(q);
  const reference = match.kind === "text" ? match.value.toUpperCase() : "";
  if (!REFERENCE_PATTERN.test(reference)) return null;
  const tombstone = await db.lead.findUnique({ where: { reference }, select: { mergedIntoId: true } });
  let next = tombstone?.mergedIntoId ?? null;
  for (let hop = 0; next !== null && hop < MAX_HOPS; hop++) {
    const lead = await db.lead.findUnique({ where: { id: next }, select: { id: true, reference: true, createdAt: true, mergedIntoId: true } });
    if (!lead) return null;
    if (lead.mergedIntoId === null) return { reference, survivor: { id: lead.id, reference: lead.reference, createdAt: lead.createdAt.toISOString() } };
    next = lead.mergedIntoId;
  }
  return null;
}
