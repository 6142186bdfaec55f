"use client";

import { useActionState, useEffect, useId, useRef } from "react";

import { IDLE, type ActionState } from "@/lib/workspace/action-state";

import { ActionMessage } from "./ActionMessage";
import { Field, fieldError } from "./Field";
import admin from "./admin.module.css";
import styles from "./staff.module.css";

export interface EraseLeadFormProps {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  leadId: string;
  /** How many inquiries the same person has (this one included). */
  samePersonCount: number;
  confirmationWord: string;
}

/**
 * Erase on request (admin): closed by default, says exactly what goes, and asks the admin to type
 * the confirmation word, so a stray click can never erase anyone. Focus moves to the field on error.
 */
export function EraseLeadForm({ action, leadId, samePersonCount, confirmationWord }: EraseLeadFormProps) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (state.fields?.confirmation) input.current?.focus();
  }, [state]);
  const others = samePersonCount - 1;
  return (
    <section className={styles.panel} aria-labelledby={`${id}-title`}>
      <details className={admin.danger}>
        <summary>
          <h2 id={`${id}-title`} className={admin.inlineHeading}>
            Erase this inquiry (right to be forgotten)
          </h2>
        </summary>
        <p>
          Erasing deletes the contact details, answers, result, staff notes, notifications and history of this inquiry for good. It
          disappears from the inbox, exports and reports. The audit log keeps only that you erased inquiry <code>{leadId}</code> and when.
          This cannot be undone.
        </p>
        <form action={formAction} aria-describedby={`${id}-msg`}>
          <input type="hidden" name="leadId" value={leadId} />
          {others > 0 ? (
            <div className={admin.checkboxField}>
              <input id={`${id}-person`} type="checkbox" name="person" value="1" />
              <label htmlFor={`${id}-person`}>
                Also erase the {others} other {others === 1 ? "inquiry" : "inquiries"} with the same email or phone
              </label>
            </div>
          ) : (
            <p>This person has no other inquiry.</p>
          )}
          <Field
            id={`${id}-confirmation`}
            label={
              <>
                Type <strong>{confirmationWord}</strong> to confirm
              </>
            }
            error={fieldError(state, "confirmation")}
          >
            {(control) => <input {...control} ref={input} name="confirmation" className={styles.input} autoComplete="off" spellCheck={false} />}
          </Field>
          <p>
            <button type="submit" className={admin.buttonDanger} disabled={pending}>
              {pending ? "Erasing…" : "Erase for good"}
            </button>
          </p>
          <ActionMessage state={state} id={`${id}-msg`} />
        </form>
      </details>
    </section>
  );
}
