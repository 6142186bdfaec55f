"use client";

import { useActionState, useCallback, useEffect, useId, useRef, useSyncExternalStore } from "react";

import { BULK_MAX, BULK_NOBODY } from "@/lib/leads/lead-patch";
import { LEAD_STATUS_LABELS, LEAD_STATUSES } from "@/lib/leads/lead-status";
import { IDLE, type ActionState } from "@/lib/workspace/action-state";

import { ActionMessage, ReloadOnConflict } from "./ActionMessage";
import { Field, fieldError } from "./Field";
import { useShownState } from "./form-state";
import styles from "./staff.module.css";

export type BulkAction = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** "Not proceeding" needs a reason per inquiry, so it is set on each inquiry's page, not here. */
const BULK_STATUSES = LEAD_STATUSES.filter((s) => s !== "not_proceeding");

/** The row checkboxes that belong to this form (they sit in the tables, tied to it by `form=`). */
function rowBoxes(formId: string): HTMLInputElement[] {
  return Array.from(document.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][name="ids"][form="${CSS.escape(formId)}"]`));
}

/**
 * The inbox's bulk bar: tick inquiries in the tables (each checkbox names the patient), then set a
 * status and/or an assignee for all of them in one go (`bulkUpdateLeadsAction`, one transaction).
 * A plain form: without JavaScript the ticked boxes are posted as they are; with it, a count of the
 * selection and "select all on this page" (a tri-state checkbox) are added.
 */
export function BulkActions({
  action,
  formId,
  staff,
  reloadHref,
}: {
  action: BulkAction;
  formId: string;
  staff: { id: string; name: string }[];
  /** This inbox page's own address (after a conflict: reload to see the changes). */
  reloadHref: string;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const { shown, dismiss } = useShownState(state, pending);
  // Ticking another box starts the next change: the last outcome message goes away.
  const dismissRef = useRef(dismiss);
  useEffect(() => {
    dismissRef.current = dismiss;
  });
  const subscribe = useCallback(
    (onStoreChange: () => void) => {
      const onChange = (event: Event) => {
        const target = event.target;
        if (target instanceof HTMLInputElement && target.name === "ids" && target.getAttribute("form") === formId) {
          onStoreChange();
          dismissRef.current();
        }
      };
      // A form reset (React resets the form after its action) fires before the boxes are cleared.
      const onReset = () => setTimeout(onStoreChange, 0);
      document.addEventListener("change", onChange);
      document.addEventListener("reset", onReset, true);
      return () => {
        document.removeEventListener("change", onChange);
        document.removeEventListener("reset", onReset, true);
      };
    },
    [formId],
  );
  // "selected/total" of the row boxes; null on the server and before hydration (no count without JS).
  const snapshot = useSyncExternalStore(
    subscribe,
    () => {
      const boxes = rowBoxes(formId);
      return `${boxes.filter((b) => b.checked).length}/${boxes.length}`;
    },
    () => null,
  );
  const selection = snapshot === null ? null : { selected: Number(snapshot.split("/")[0]), total: Number(snapshot.split("/")[1]) };
  const allRef = useRef<HTMLInputElement>(null);
  const id = useId();

  const selected = selection?.selected ?? 0;
  const total = selection?.total ?? 0;
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = selected > 0 && selected < total;
  }, [selected, total]);

  const selectAll = (checked: boolean) => {
    for (const box of rowBoxes(formId)) {
      if (box.checked !== checked) {
        box.checked = checked;
        // As if ticked by hand: the count (and anything else listening) follows.
        box.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
    dismiss();
  };
  const tooMany = selected > BULK_MAX;

  return (
    // data-empty / data-active: on a phone only the "select all" line shows until something is ticked,
    // then the bar stays in view while scrolling (staff.module.css). Without JavaScript: everything shows.
    <section
      className={`${styles.panel} ${styles.bulkPanel}`}
      aria-labelledby={`${id}-heading`}
      data-empty={selection !== null && selected === 0 ? "" : undefined}
      data-active={selected > 0 ? "" : undefined}
    >
      <h2 id={`${id}-heading`} className={styles.bulkHeading}>
        Change several inquiries
      </h2>
      <form id={formId} action={formAction} className={styles.bulkBar}>
        {selection !== null && total > 0 ? (
          <div className={`${styles.field} ${styles.bulkAll}`}>
            <label className={styles.checkLabel}>
              <input
                ref={allRef}
                type="checkbox"
                className={styles.rowCheck}
                checked={total > 0 && selected === total}
                onChange={(e) => selectAll(e.target.checked)}
              />
              Select all {total} on this page
            </label>
          </div>
        ) : null}
        <Field id={`${id}-status`} label="Set status" className={styles.bulkControl} error={fieldError(state, "status")}>
          {(control) => (
            <select {...control} name="status" className={styles.select} defaultValue="" onChange={dismiss}>
              <option value="">No change</option>
              {BULK_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {LEAD_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${id}-assignee`} label="Assign to" className={styles.bulkControl} error={fieldError(state, "assigneeId")}>
          {(control) => (
            <select {...control} name="assigneeId" className={styles.select} defaultValue="" onChange={dismiss}>
              <option value="">No change</option>
              <option value={BULK_NOBODY}>Nobody</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className={`${styles.button} ${styles.bulkControl}`} disabled={pending || tooMany} aria-describedby={`${id}-count`}>
          {pending ? "Saving…" : selection === null ? "Apply to the selected" : `Apply to ${selected} selected`}
        </button>
        <p id={`${id}-count`} className={`${styles.hint} ${styles.bulkControl}`} aria-live="polite">
          {selection === null
            ? `Tick the inquiries to change (at most ${BULK_MAX}).`
            : tooMany
              ? `${selected} selected: at most ${BULK_MAX} at a time.`
              : `${selected} of ${total} selected.`}
        </p>
      </form>
      <ActionMessage state={shown} />
      {shown.fields?.ids ? <p className={styles.fieldError}>{shown.fields.ids}</p> : null}
      <ReloadOnConflict state={shown} href={reloadHref}>
        Reload the inbox
      </ReloadOnConflict>
    </section>
  );
}
