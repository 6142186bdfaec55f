import type { Metadata } from "next";
import Link from "next/link";

import { undoMergeAction } from "@/app/staff/leads/actions";
import { signOutAction } from "@/app/staff/sign-in/actions";
import { UndoMergeForm } from "@/components/staff/MergeUndo";
import { StaffShell } from "@/components/staff/StaffShell";
import styles from "@/components/staff/staff.module.css";
import { formatDateTime } from "@/lib/workspace/format";
import { loadGoneLeadPage } from "@/lib/workspace/page-loaders";

export const metadata: Metadata = { title: "Inquiry not here · staff", robots: { index: false } };

/**
 * A staff link to an inquiry that was erased or merged (issue 22 item 9): says what happened instead
 * of the patient's 404. Erased: when, by whom and why, from the audit stub (no patient data is left).
 * Merged: the inquiry it lives on in, and the undo for the one who merged, within the day.
 */
export default async function GoneLeadPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, gone, timeZone } = await loadGoneLeadPage(id);
  const at = (iso: string) => formatDateTime(iso, timeZone);
  return (
    <StaffShell user={user} current="lead" signOut={signOutAction}>
      <p>
        <Link href="/staff">← Back to the inbox</Link>
      </p>
      {gone.kind === "erased" ? (
        <>
          <h1>This inquiry was erased</h1>
          <section className={styles.panel} aria-labelledby="gone-heading">
            <h2 id="gone-heading">What happened</h2>
            <p>
              It was erased on <strong>{at(gone.at)}</strong>{" "}
              {gone.by.kind === "staff"
                ? `by ${gone.by.name}, on request.`
                : gone.by.kind === "patient"
                  ? "by the patient, from their own page."
                  : "automatically, past the clinic's retention period."}
            </p>
            <p>Nothing of the patient is kept: only the audit log records that it happened.</p>
            <p className={styles.hint}>Inquiry id: {gone.id}</p>
          </section>
        </>
      ) : (
        <>
          <h1>This inquiry was merged</h1>
          <section className={styles.panel} aria-labelledby="gone-heading">
            <h2 id="gone-heading">Where it is now</h2>
            <p>
              {gone.reference ? <strong>{gone.reference}</strong> : "It"} was merged into another inquiry of the same person
              {gone.merge ? `, by ${gone.merge.mergedBy?.name ?? "a former staff member"} on ${at(gone.merge.mergedAt)}` : ""}. Its notes and history
              are there, marked “Merged from {gone.reference ?? "this inquiry"}”; it keeps no contact details.
            </p>
            {gone.survivor ? (
              <p>
                <Link href={`/staff/leads/${encodeURIComponent(gone.survivor.id)}`}>
                  Open {gone.survivor.reference ?? `the inquiry received ${at(gone.survivor.createdAt)}`}
                </Link>
              </p>
            ) : null}
            {gone.merge?.canUndo ? (
              <>
                <p>You merged it: you can undo the merge until {at(gone.merge.undoUntil)}.</p>
                <UndoMergeForm action={undoMergeAction} mergedLeadId={gone.id} label={`Undo the merge of ${gone.reference ?? "this inquiry"}`} />
              </>
            ) : null}
          </section>
        </>
      )}
    </StaffShell>
  );
}
