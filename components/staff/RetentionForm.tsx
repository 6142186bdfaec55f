"use client";

import { useActionState, useId } from "react";

import { IDLE, type ActionState } from "@/lib/workspace/action-state";

import { ActionMessage, ReloadOnConflict } from "./ActionMessage";
import admin from "./admin.module.css";
import styles from "./staff.module.css";

export interface RetentionFormProps {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  version: number;
  /** The months to save ("off" to turn retention off). */
  months: number | "off";
  label: string;
  danger: boolean;
}

/** The save step after the preview: one button that says exactly what it turns on or off. */
export function RetentionSaveForm({ action, version, months, label, danger }: RetentionFormProps) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const id = useId();
  return (
    <form action={formAction} aria-describedby={`${id}-msg`}>
      <input type="hidden" name="retentionMonths" value={String(months)} />
      <input type="hidden" name="version" value={version} />
      <p>
        <button type="submit" className={danger ? admin.buttonDanger : styles.buttonSecondary} disabled={pending}>
          {pending ? "Saving…" : label}
        </button>
      </p>
      <ActionMessage state={state} id={`${id}-msg`} />
      <ReloadOnConflict state={state} href="/staff/data-protection">
        Reload this page
      </ReloadOnConflict>
    </form>
  );
}
