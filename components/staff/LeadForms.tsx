"use client";

import { useActionState, useId } from "react";

import { CLOSED_REASON_MAX, LEAD_STATUS_LABELS, LEAD_TRANSITIONS, NOTE_MAX, type LeadStatus } from "@/lib/leads/lead-status";
import { IDLE, typedValue, type ActionState } from "@/lib/workspace/action-state";

import { ActionMessage } from "./ActionMessage";
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
  if (state.status !== "conflict") return null;
  return (
    <p>
      <a href={`/staff/leads/${leadId}`}>Reload this inquiry</a>
    </p>
  );
}

/** Status change: only the moves the workflow allows; "not proceeding" asks for the reason. */
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
