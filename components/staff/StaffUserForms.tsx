"use client";

import { useActionState, useId } from "react";

import { PASSWORD_RULES_TEXT, STAFF_NAME_MAX } from "@/lib/staff/password-policy";
import { STAFF_ROLE_LABELS, STAFF_ROLES, type StaffRole } from "@/lib/staff/roles";
import { IDLE, typedValue, type ActionState } from "@/lib/workspace/action-state";

import { ActionMessage } from "./ActionMessage";
import { Field, fieldError } from "./Field";
import { savedFieldKey, useShownState } from "./form-state";
import { NewPasswordField } from "./NewPasswordField";
import styles from "./staff.module.css";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export function CreateStaffUserForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className={styles.filters}>
      <Field id="new-name" label="Name" error={fieldError(state, "name")}>
        {(control) => <input {...control} name="name" className={styles.input} maxLength={STAFF_NAME_MAX} autoComplete="off" defaultValue={typedValue(state, "name")} />}
      </Field>
      <Field id="new-email" label="Email" error={fieldError(state, "email")}>
        {(control) => <input {...control} name="email" type="email" required className={styles.input} autoComplete="off" defaultValue={typedValue(state, "email")} />}
      </Field>
      <NewPasswordField id="new-password" name="password" label="Password" hint={PASSWORD_RULES_TEXT} error={fieldError(state, "password")} />
      <Field id="new-role" label="Role" error={fieldError(state, "role")}>
        {(control) => (
          <select {...control} name="role" className={styles.select} defaultValue={typedValue(state, "role", "front_desk")}>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {STAFF_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div>
        <button type="submit" className={styles.button} disabled={pending}>
          {pending ? "Creating…" : "Create account"}
        </button>
      </div>
      <div style={{ gridColumn: "1 / -1" }}>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}

export function RoleForm({ action, userId, name, role }: { action: Action; userId: string; name: string; role: StaffRole }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const { shown, dismiss } = useShownState(state, pending);
  const id = useId();
  return (
    <form action={formAction} className={styles.actionsRow}>
      <input type="hidden" name="userId" value={userId} />
      <label className={styles.visuallyHidden} htmlFor={`${id}-role`}>
        Role of {name}
      </label>
      {/* Keyed by the saved role: see savedFieldKey. */}
      <select key={savedFieldKey(role)} id={`${id}-role`} name="role" className={styles.select} defaultValue={role} onChange={dismiss}>
        {STAFF_ROLES.map((r) => (
          <option key={r} value={r}>
            {STAFF_ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <button type="submit" className={styles.buttonSecondary} disabled={pending}>
        Change role
      </button>
      <ActionMessage state={shown} />
    </form>
  );
}

/** One button for one account (deactivate, reactivate, remove two-factor), with its outcome beside it. */
export function UserButtonForm({
  action,
  userId,
  label,
  accessibleLabel,
  pendingLabel,
  secondary = true,
}: {
  action: Action;
  userId: string;
  label: string;
  /** The button's name for screen readers: "Deactivate Ana Lopez". */
  accessibleLabel: string;
  pendingLabel: string;
  secondary?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const { shown } = useShownState(state, pending);
  return (
    <form action={formAction} className={styles.actionsRow}>
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" className={secondary ? styles.buttonSecondary : styles.button} disabled={pending} aria-label={accessibleLabel}>
        {pending ? pendingLabel : label}
      </button>
      <ActionMessage state={shown} />
    </form>
  );
}

/** The admin sets a temporary password; the person must choose their own at the next sign-in. */
export function ResetPasswordForm({ action, userId, name }: { action: Action; userId: string; name: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const id = useId();
  return (
    <details>
      <summary>Reset password</summary>
      <form action={formAction} style={{ marginTop: "0.5rem" }}>
        <input type="hidden" name="userId" value={userId} />
        <NewPasswordField
          id={`${id}-password`}
          name="password"
          label={`Temporary password for ${name}`}
          hint={`${PASSWORD_RULES_TEXT} They must change it when they next sign in.`}
          error={fieldError(state, "password")}
          temporary
        />
        <p style={{ marginTop: "0.5rem" }}>
          <button type="submit" className={styles.buttonSecondary} disabled={pending}>
            {pending ? "Setting…" : "Set temporary password"}
          </button>
        </p>
        <ActionMessage state={state} />
      </form>
    </details>
  );
}
