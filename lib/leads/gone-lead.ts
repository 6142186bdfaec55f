import "server-only";

import type { Db } from "@/lib/db/client";
import { mergeInfo, type MergeInfo } from "@/lib/leads/lead-merge";

/**
 * What a staff link to an inquiry that is not there any more should say (issue 22 item 9): erased
 * (when, by whom and why, from the audit stub: no patient data is left to show) or merged (into which
 * inquiry, by whom, and whether this viewer may still undo it). Null: there never was such an inquiry.
 */
export type GoneLead =
  | { kind: "erased"; id: string; at: string; by: { kind: "staff"; name: string } | { kind: "patient" } | { kind: "system" }; reason: "request" | "retention" }
  | { kind: "merged"; id: string; merge: MergeInfo | null; survivor: { id: string; reference: string | null; createdAt: string } | null; reference: string | null };

/** How many erasure stubs are read at most to find one id (newest first). */
const STUB_SCAN = 5000;

export async function goneLead(db: Db, id: string, viewerId: string): Promise<GoneLead | null> {
  const lead = await db.lead.findUnique({ where: { id }, select: { mergedIntoId: true, reference: true } });
  if (lead) {
    if (!lead.mergedIntoId) return null;
    const [merge, survivor] = await Promise.all([
      mergeInfo(db, id, viewerId),
      db.lead.findUnique({ where: { id: lead.mergedIntoId }, select: { id: true, reference: true, createdAt: true } }),
    ]);
    return {
      kind: "merged",
      id,
      reference: lead.reference,
      merge,
      survivor: survivor ? { id: survivor.id, reference: survivor.reference, createdAt: survivor.createdAt.toISOString() } : null,
    };
  }
  // The stub an erasure leaves (lib/leads/erase-lead.ts): leadId null, data { leadId, reason, by? }.
  const stubs = await db.leadEvent.findMany({
    where: { leadId: null, type: "erased" },
    select: { data: true, createdAt: true, actor: { select: { name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: STUB_SCAN,
  });
  for (const stub of stubs) {
    const data = stub.data !== null && typeof stub.data === "object" && !Array.isArray(stub.data) ? stub.data : null;
    if (data?.leadId !== id) continue;
    const reason = data.reason === "retention" ? "retention" : "request";
    // A request with no actor left: the patient, or a staff account deleted since.
    const by =
      data.by === "patient"
        ? ({ kind: "patient" } as const)
        : reason === "retention"
          ? ({ kind: "system" } as const)
          : ({ kind: "staff", name: stub.actor?.name ?? "a former staff member" } as const);
    return { kind: "erased", id, at: stub.createdAt.toISOString(), by, reason };
  }
  return null;
}
