"use client";

import { useActionState } from "react";

import { IDLE, type ActionState } from "@/lib/workspace/action-state";

import { ActionMessage } from "./ActionMessage";
import styles from "./staff.module.css";

/**
 * The signed-in person's own notification preferences: one checkbox per notification they may turn
 * off (lib/notifications/preferences.ts), saved together.
 */
export function NotificationPreferencesForm({
  preferences,
  action,
}: {
  preferences: { kind: string; label: string; hint: string; on: boolean }[];
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className={styles.panel}>
      <fieldset>
        <legend>E-mails to you</legend>
        {preferences.map((p) => (
          <div key={p.kind} className={styles.field}>
            <label>
              <input type="checkbox" name="on" value={p.kind} defaultChecked={p.on} aria-describedby={`pref-${p.kind}-hint`} /> {p.label}
            </label>
            <span id={`pref-${p.kind}-hint`} className={styles.hint}>
              {p.hint}
            </span>
          </div>
        ))}
      </fieldset>
      <button type="submit" className={styles.button} disabled={pending}>
        {pending ? "Saving…" : "Save notification settings"}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
