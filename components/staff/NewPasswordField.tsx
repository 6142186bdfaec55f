import type { CSSProperties, ReactNode } from "react";

import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/staff/password-policy";

import { Field } from "./Field";
import styles from "./staff.module.css";

/**
 * A field for a password being chosen (one's own, a new account's, or the admin's temporary one):
 * the policy's lengths (lib/staff/password-policy.ts) on the input, required. `temporary` shows
 * what is typed (the admin reads it out to the person) and keeps the browser from saving or
 * correcting it; otherwise the browser may suggest a new password.
 */
export function NewPasswordField({
  id,
  name,
  label,
  hint,
  error,
  temporary = false,
  style,
}: {
  id: string;
  name: string;
  label: ReactNode;
  hint: ReactNode;
  error: string | undefined;
  temporary?: boolean;
  style?: CSSProperties;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error} style={style}>
      {(control) => (
        <input
          {...control}
          name={name}
          type={temporary ? "text" : "password"}
          required
          minLength={PASSWORD_MIN_LENGTH}
          maxLength={PASSWORD_MAX_LENGTH}
          className={styles.input}
          autoComplete={temporary ? "off" : "new-password"}
          spellCheck={temporary ? false : undefined}
        />
      )}
    </Field>
  );
}
