"use client";

import { useActionState, useId } from "react";

import { CONTACT_FIELD_LABELS, type CorrectableContactField } from "@/lib/leads/contact-correction-input";
import { IDLE, typedValue, type ActionState } from "@/lib/workspace/action-state";
import { formatDateTime } from "@/lib/workspace/format";

import { ActionMessage, ReloadOnConflict } from "./ActionMessage";
import { Field, fieldError } from "./Field";
import styles from "./staff.module.css";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export interface ContactCorrectionProps {
  leadId: string;
  version: number;
  current: Record<CorrectableContactField, string>;
  history: { id: string; at: string; actorName: string | null; changes: { field: CorrectableContactField; before: string; after: string }[] }[];
  timeZone: string;
  /** Open at once (the latest call was a wrong number). */
  open: boolean;
  action: Action;
}

const FIELDS: { name: CorrectableContactField; type: string; autoComplete: string }[] = [
  { name: "firstName", type: "text", autoComplete: "off" },
  { name: "lastName", type: "text", autoComplete: "off" },
  { name: "phone", type: "tel", autoComplete: "off" },
  { name: "email", type: "email", autoComplete: "off" },
];

/**
 * "Correct the contact details" (issue 22 item 6): name, phone and e-mail with the questionnaire's own
 * validation; every earlier version listed below (who changed what, from what to what).
 */
export function ContactCorrection({ leadId, version, current, history, timeZone, open, action }: ContactCorrectionProps) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const id = useId();
  return (
    <details id="correct-contact" open={open || state.status === "error" || state.status === "conflict" ? true : undefined}>
      <summary>Correct the contact details</summary>
      <form action={formAction} aria-describedby={`${id}-msg`} noValidate>
        <input type="hidden" name="leadId" value={leadId} />
        <input type="hidden" name="version" value={version} />
        {FIELDS.map((f) => (
          <Field key={`${f.name}:${current[f.name]}`} id={`${id}-${f.name}`} label={CONTACT_FIELD_LABELS[f.name]} error={fieldError(state, f.name)}>
            {(control) => (
              <input {...control} name={f.name} type={f.type} autoComplete={f.autoComplete} className={styles.input} defaultValue={typedValue(state, f.name, current[f.name])} />
            )}
          </Field>
        ))}
        <p className={styles.hint}>The previous values are kept below and in the audit log.</p>
        <button type="submit" className={styles.button} disabled={pending}>
          {pending ? "Saving…" : "Save corrected details"}
        </button>
        <ActionMessage state={state} id={`${id}-msg`} />
        <ReloadOnConflict state={state} href={`/staff/leads/${leadId}`}>
          Reload this inquiry
        </ReloadOnConflict>
      </form>
      {history.length > 0 ? (
        <>
          <h3>Earlier contact details</h3>
          <ul data-contact-history="">
            {history.map((h) => (
              <li key={h.id}>
                {formatDateTime(h.at, timeZone)} · {h.actorName ?? "a former staff member"}:{" "}
                {h.changes.map((c, i) => (
                  <span key={c.field}>
                    {i > 0 ? "; " : ""}
                    {CONTACT_FIELD_LABELS[c.field]} “{c.before}” → “{c.after}”
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </details>
  );
}
