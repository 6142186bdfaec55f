"use client";

import { useActionState } from "react";

import { IDLE, typedValue, type ActionState } from "@/lib/workspace/action-state";

import { ActionMessage, FieldError } from "./ActionMessage";
import styles from "./staff.module.css";

/** Staff sign-in. Works without JavaScript (a server action); errors are announced as an alert. */
export function SignInForm({ action, returnTo }: { action: (prev: ActionState, form: FormData) => Promise<ActionState>; returnTo: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className={styles.panel} noValidate>
      <input type="hidden" name="returnTo" value={returnTo} />
      <ActionMessage state={state} />
      <div className={styles.field}>
        <label htmlFor="signin-email">Email</label>
        <input
          id="signin-email"
          name="email"
          type="email"
          autoComplete="username"
          defaultValue={typedValue(state, "email")}
          required
          className={styles.input}
          aria-invalid={state.fields?.email ? true : undefined}
          aria-describedby={state.fields?.email ? "signin-email-error" : undefined}
        />
        <FieldError state={state} name="email" id="signin-email-error" />
      </div>
      <div className={styles.field} style={{ marginTop: "1rem" }}>
        <label htmlFor="signin-password">Password</label>
        <input
          id="signin-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={styles.input}
          aria-invalid={state.fields?.password ? true : undefined}
          aria-describedby={state.fields?.password ? "signin-password-error" : undefined}
        />
        <FieldError state={state} name="password" id="signin-password-error" />
      </div>
      <p style={{ marginTop: "1rem" }}>
        <button type="submit" className={styles.button} disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </p>
      <p className={styles.hint}>No account? Ask the clinic admin. Accounts are created by the admin only.</p>
    </form>
  );
}
