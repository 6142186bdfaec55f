"use client";

import { useActionState } from "react";

import { IDLE, typedValue, type ActionState } from "@/lib/workspace/action-state";

import { ActionMessage } from "./ActionMessage";
import { Field, fieldError } from "./Field";
import styles from "./staff.module.css";

/** Staff sign-in. Works without JavaScript (a server action); errors are announced as an alert. */
export function SignInForm({ action, returnTo }: { action: (prev: ActionState, form: FormData) => Promise<ActionState>; returnTo: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className={styles.panel} noValidate>
      <input type="hidden" name="returnTo" value={returnTo} />
      <ActionMessage state={state} />
      <Field id="signin-email" label="Email" error={fieldError(state, "email")}>
        {(control) => <input {...control} name="email" type="email" autoComplete="username" required className={styles.input} defaultValue={typedValue(state, "email")} />}
      </Field>
      <Field id="signin-password" label="Password" error={fieldError(state, "password")} style={{ marginTop: "1rem" }}>
        {(control) => <input {...control} name="password" type="password" autoComplete="current-password" required className={styles.input} />}
      </Field>
      <p style={{ marginTop: "1rem" }}>
        <button type="submit" className={styles.button} disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </p>
      <p className={styles.hint}>No account? Ask the clinic admin. Accounts are created by the admin only.</p>
    </form>
  );
}
