import type { CSSProperties, ReactNode } from "react";

import type { ActionState } from "@/lib/workspace/action-state";

import styles from "./staff.module.css";

/** What a Field hands its control: spread it onto the input, select or textarea. */
export interface FieldControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/**
 * One labelled control of a staff form: the label, the control, an optional hint and the error,
 * wired together (the label's `for`, `aria-describedby` to the hint and the error, `aria-invalid`
 * while there is an error). The hint's id is `${id}-hint`, the error's `${id}-error`.
 *
 *   <Field id="new-email" label="Email" error={fieldError(state, "email")}>
 *     {(control) => <input {...control} name="email" type="email" className={styles.input} />}
 *   </Field>
 */
export function Field({
  id,
  label,
  hint,
  error,
  labelHidden = false,
  className,
  style,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** The label is read by screen readers only (a table cell whose column header says it). */
  labelHidden?: boolean;
  /** Added to the wrapper's own class (layout, e.g. a grid span). */
  className?: string;
  style?: CSSProperties;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter((part) => part !== undefined).join(" ");
  return (
    <div className={className ? `${styles.field} ${className}` : styles.field} style={style}>
      <label htmlFor={id} className={labelHidden ? styles.visuallyHidden : undefined}>
        {label}
      </label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy === "" ? undefined : describedBy })}
      {hint ? (
        <span id={hintId} className={styles.hint}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={errorId} className={styles.fieldError}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** The action's message for one form field, if it has one. */
export function fieldError(state: ActionState, name: string): string | undefined {
  return state.fields && Object.hasOwn(state.fields, name) ? state.fields[name] : undefined;
}
