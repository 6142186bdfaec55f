"use client";

import { useActionState, useEffect, useId, useRef, useState } from "react";

import type { FollowUpChoice } from "@/lib/leads/lead-patch";
import { CLOSED_REASON_MAX, FOLLOW_UP_NOTE_MAX, LEAD_STATUS_LABELS, LEAD_TRANSITIONS, NOTE_MAX, type LeadStatus } from "@/lib/leads/lead-status";
import { IDLE, typedValue, type ActionState } from "@/lib/workspace/action-state";

import { ActionMessage, ReloadOnConflict } from "./ActionMessage";
import { Field, fieldError } from "./Field";
import { savedFieldKey, useSavedValue, useShownState } from "./form-state";
import styles from "./staff.module.css";

export type LeadAction = (prev: ActionState, form: FormData) => Promise<ActionState>;

interface Common {
  action: LeadAction;
  leadId: string;
  version: number;
}

/** Which lead, and the version the form was rendered from (a stale version is a 409, not an overwrite). */
function LeadFormKeys({ leadId, version }: { leadId: string; version: number }) {
  return (
    <>
      <input type="hidden" name="leadId" value={leadId} />
      <input type="hidden" name="version" value={version} />
    </>
  );
}

/** After a concurrent change by someone else: the way back to the current inquiry. */
function ConflictReload({ state, leadId }: { state: ActionState; leadId: string }) {
  return (
    <ReloadOnConflict state={state} href={`/staff/leads/${leadId}`}>
      Reload this inquiry
    </ReloadOnConflict>
  );
}

/** Status change: only the moves the workflow allows; "not proceeding" asks for the reason; "became a patient" takes the amount agreed (optional). */
export function StatusForm({ action, leadId, version, status }: Common & { status: LeadStatus }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  // The choice starts empty again whenever the saved status changes (the offered moves change with it).
  const [choice, setChoice] = useSavedValue(`${status}:`);
  const next = choice.slice(status.length + 1);
  const { shown, dismiss } = useShownState(state, pending);
  const id = useId();
  const options = LEAD_TRANSITIONS[status];
  return (
    <form action={formAction} aria-describedby={`${id}-msg`}>
      <LeadFormKeys leadId={leadId} version={version} />
      <Field id={`${id}-status`} label="Move to" error={fieldError(state, "status")}>
        {(control) => (
          <select
            {...control}
            key={savedFieldKey(status)}
            name="status"
            className={styles.select}
            required
            defaultValue=""
            onChange={(e) => {
              setChoice(`${status}:${e.target.value}`);
              dismiss();
            }}
          >
            <option value="" disabled>
              Choose…
            </option>
            {options.map((s) => (
              <option key={s} value={s}>
                {LEAD_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${id}-reason`} label="Reason (needed for “Not proceeding”)" error={fieldError(state, "closedReason")}>
        {(control) => (
          <textarea
            {...control}
            name="closedReason"
            defaultValue={typedValue(state, "closedReason")}
            className={styles.textarea}
            maxLength={CLOSED_REASON_MAX}
            required={next === "not_proceeding"}
            onChange={dismiss}
          />
        )}
      </Field>
      <Field
        id={`${id}-amount`}
        label="Treatment amount agreed, US$ (optional, with “Became a patient”)"
        hint="Whole dollars, e.g. 3200. It counts towards the dashboard’s amount by source."
        error={fieldError(state, "treatmentAmountUsd")}
      >
        {(control) => (
          <input
            {...control}
            name="treatmentAmountUsd"
            inputMode="numeric"
            autoComplete="off"
            defaultValue={typedValue(state, "treatmentAmountUsd")}
            className={styles.input}
            disabled={next !== "" && next !== "became_patient"}
            onChange={dismiss}
          />
        )}
      </Field>
      <button type="submit" className={styles.button} disabled={pending}>
        {pending ? "Saving…" : "Save status"}
      </button>
      <ActionMessage state={shown} id={`${id}-msg`} />
      <ConflictReload state={shown} leadId={leadId} />
    </form>
  );
}

export function AssigneeForm({
  action,
  leadId,
  version,
  assigneeId,
  staff,
}: Common & { assigneeId: string | null; staff: { id: string; name: string }[] }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const { shown, dismiss } = useShownState(state, pending);
  const saved = assigneeId ?? "";
  const id = useId();
  return (
    <form action={formAction}>
      <LeadFormKeys leadId={leadId} version={version} />
      <Field id={`${id}-assignee`} label="Assigned to" error={fieldError(state, "assigneeId")}>
        {(control) => (
          // Keyed by the saved value: see savedFieldKey.
          <select {...control} key={savedFieldKey(saved)} name="assigneeId" className={styles.select} defaultValue={saved} onChange={dismiss}>
            <option value="">Nobody</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className={styles.buttonSecondary} disabled={pending}>
        {pending ? "Saving…" : "Assign"}
      </button>
      <ActionMessage state={shown} />
      <ConflictReload state={shown} leadId={leadId} />
    </form>
  );
}

export function NoteForm({ action, leadId, version }: Common) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const { shown, dismiss } = useShownState(state, pending);
  const id = useId();
  return (
    <form action={formAction}>
      <LeadFormKeys leadId={leadId} version={version} />
      <Field
        id={`${id}-note`}
        label="Add a note"
        hint="What happened on the call, what was agreed. Visible to all staff and in the export."
        error={fieldError(state, "note")}
      >
        {(control) => <textarea {...control} name="note" defaultValue={typedValue(state, "note")} className={styles.textarea} required maxLength={NOTE_MAX} onChange={dismiss} />}
      </Field>
      <button type="submit" className={styles.button} disabled={pending}>
        {pending ? "Adding…" : "Add note"}
      </button>
      <ActionMessage state={shown} />
    </form>
  );
}

/** The follow-up choices as the server worked them out (lib/leads/follow-up.ts followUpChoicesView). */
export interface FollowUpOptions {
  choices: { choice: FollowUpChoice; label: string; when: string | null }[];
  /** The clinic's today ("YYYY-MM-DD"): the date field's earliest suggestion. */
  today: string;
  timeZone: string;
  /** The saved follow-up as staff read it ("Wed, Dec 9, 2026, 9:00 AM PST"), or null. */
  current: string | null;
}

/**
 * When to try again: quick choices (in 2 hours, tomorrow morning, next business day, in a week), a
 * date and a time in the clinic's zone, or none; and what for. A past date and time comes back with
 * the server's warning and a "Yes, set it in the past" box (focus moves to the warning).
 */
export function FollowUpForm({ action, leadId, version, followUpAt, options }: Common & { followUpAt: string | null; options: FollowUpOptions }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const { shown, dismiss } = useShownState(state, pending);
  const id = useId();
  // From the last answer, not the dismissable one: ticking the box (a change in the form) must not hide it.
  const pastError = fieldError(state, "confirmPast");
  const typedChoice = typedValue(state, "choice", followUpAt ? "" : "tomorrow");
  return (
    <form action={formAction} onChange={dismiss}>
      <LeadFormKeys leadId={leadId} version={version} />
      <fieldset key={`${savedFieldKey(followUpAt ?? "")}:${state.values ? JSON.stringify(state.values) : ""}`}>
        <legend>Follow up</legend>
        <p className={styles.hint} id={`${id}-zone`}>
          Times are the clinic&apos;s ({options.timeZone}).
        </p>
        {options.choices.map(({ choice, label, when }) => (
          <label key={choice} style={{ display: "block" }}>
            <input type="radio" name="choice" value={choice} required defaultChecked={choice === typedChoice} /> {label}
            {when ? <span className={styles.hint}> ({when})</span> : null}
          </label>
        ))}
        <div className={styles.actionsRow}>
          <Field id={`${id}-date`} label="Date (for “Pick a date and time”)" error={fieldError(shown, "date")}>
            {(control) => <input {...control} name="date" type="date" defaultValue={typedValue(state, "date")} className={styles.input} />}
          </Field>
          <Field id={`${id}-time`} label="Time" hint="Empty: the clinic's opening time" error={fieldError(shown, "time")}>
            {(control) => <input {...control} name="time" type="time" defaultValue={typedValue(state, "time")} className={styles.input} />}
          </Field>
        </div>
        {pastError ? (
          <div className={`${styles.status} ${styles.status_error}`} role="alert">
            <p id={`${id}-past`}>{pastError}</p>
            <label>
              <input type="checkbox" name="confirmPast" aria-describedby={`${id}-past`} /> Yes, set it in the past (it shows as overdue at once)
            </label>
          </div>
        ) : null}
        <div className={styles.field}>
          <label htmlFor={`${id}-fnote`}>What for (optional)</label>
          <input id={`${id}-fnote`} name="note" className={styles.input} maxLength={FOLLOW_UP_NOTE_MAX} defaultValue={typedValue(state, "note")} />
        </div>
      </fieldset>
      <button type="submit" className={styles.buttonSecondary} disabled={pending}>
        {pending ? "Saving…" : "Save follow-up"}
      </button>
      {pastError ? null : <ActionMessage state={shown} />}
      <ConflictReload state={shown} leadId={leadId} />
    </form>
  );
}

/** Merge this inquiry (a duplicate) into one of the same person's other inquiries. */
/**
 * "Merge this inquiry into ...": asks first (a modal dialog that says what will happen and that it can
 * be undone for 24 hours; Cancel or Esc changes nothing and gives the focus back), then merges. The
 * survivor's page then says what was done, with the undo (components/staff/MergeUndo.tsx).
 */
export function MergeForm({ action, leadId, version, candidates }: Common & { candidates: { id: string; label: string }[] }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const select = useRef<HTMLSelectElement>(null);
  const [target, setTarget] = useState("");
  // A refusal (stale version, merged meanwhile) is shown under the form: the dialog closes for it.
  useEffect(() => {
    if (state.status === "error" || state.status === "conflict") dialog.current?.close();
  }, [state]);
  if (candidates.length === 0) return null;
  const ask = () => {
    const chosen = select.current?.selectedOptions[0]?.textContent ?? "";
    setTarget(chosen);
    dialog.current?.showModal();
  };
  return (
    <form action={formAction}>
      <LeadFormKeys leadId={leadId} version={version} />
      <div className={styles.field}>
        <label htmlFor={`${id}-into`}>Merge this inquiry into</label>
        <select ref={select} id={`${id}-into`} name="intoId" className={styles.select} required aria-describedby={`${id}-into-hint`}>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        <span id={`${id}-into-hint`} className={styles.hint}>
          Its notes and history move there; this one keeps only its reference, without contact details. You can undo it for 24 hours.
        </span>
      </div>
      <button type="button" className={styles.buttonSecondary} onClick={ask} aria-haspopup="dialog">
        Merge
      </button>
      <dialog ref={dialog} className={styles.confirmDialog} aria-labelledby={`${id}-confirm-title`} aria-describedby={`${id}-confirm-text`}>
        <h2 id={`${id}-confirm-title`}>Merge this inquiry?</h2>
        <div id={`${id}-confirm-text`}>
          <p>
            Its notes and history move to <strong>{target}</strong>, marked with this inquiry&apos;s reference. This inquiry keeps only its
            reference and a link there; its contact details are removed from it.
          </p>
          <p>You, and only you, can undo it for 24 hours.</p>
        </div>
        <p className={styles.actionsRow}>
          <button type="submit" className={styles.button} disabled={pending}>
            {pending ? "Merging…" : "Yes, merge"}
          </button>
          <button type="button" className={styles.buttonSecondary} onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </p>
      </dialog>
      <ActionMessage state={state} />
    </form>
  );
}
