"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";

import { IDLE } from "@/lib/workspace/action-state";

import { ActionMessage } from "./ActionMessage";
import type { LeadAction } from "./LeadForms";
import styles from "./staff.module.css";

/** A merge into this inquiry as the page shows it (lib/leads/lead-merge.ts MergeInfo, in words). */
export interface MergeUndoItem {
  mergedLeadId: string;
  mergedReference: string | null;
  mergedBy: string;
  mergedAt: string;
  undoUntil: string;
  canUndo: boolean;
}

/** "Undo merge" for the staff member who merged, within the window; the server checks both again. */
export function UndoMergeForm({ action, mergedLeadId, label }: { action: LeadAction; mergedLeadId: string; label: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className={styles.inlineForm}>
      <input type="hidden" name="leadId" value={mergedLeadId} />
      <button type="submit" className={styles.buttonSecondary} disabled={pending} aria-label={label}>
        {pending ? "Undoing…" : "Undo merge"}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}

/**
 * What a merge or its undo did, said once after it (`?merged=` / `?unmerged=`): a status message that
 * takes the focus (and is announced), with the undo button right there after a merge.
 */
export function MergeOutcome({ children, undo }: { children: React.ReactNode; undo?: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} tabIndex={-1} role="status" aria-live="polite" className={`${styles.panel} ${styles.mergeOutcome}`} data-merge-outcome="">
      <p>{children}</p>
      {undo}
    </div>
  );
}

/** The merges into this inquiry that can still be undone by the viewer: one line each, with the button. */
export function MergesHere({ items, action }: { items: MergeUndoItem[]; action: LeadAction }) {
  const undoable = items.filter((i) => i.canUndo);
  if (undoable.length === 0) return null;
  return (
    <section className={styles.panel} aria-labelledby="merges-here-heading">
      <h2 id="merges-here-heading">Merged into this inquiry</h2>
      <ul>
        {undoable.map((item) => (
          <li key={item.mergedLeadId}>
            <Link href={`/staff/leads/${encodeURIComponent(item.mergedLeadId)}`}>{item.mergedReference ?? "An inquiry"}</Link>, merged by you {item.mergedAt}.
            You can undo it until {item.undoUntil}.{" "}
            <UndoMergeForm action={action} mergedLeadId={item.mergedLeadId} label={`Undo the merge of ${item.mergedReference ?? "this inquiry"}`} />
          </li>
        ))}
      </ul>
    </section>
  );
}
