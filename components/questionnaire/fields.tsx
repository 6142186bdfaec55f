"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useFormContext, useFormState } from "react-hook-form";
import { answerMessageKey } from "./answer-messages";
import type { AnswerField, AnswerFormValues } from "./steps";
import styles from "./questionnaire.module.css";

/** Radios can't carry aria-invalid (their group does), so they are marked with data-invalid. */
export const INVALID_INPUT_SELECTOR = 'input[aria-invalid="true"], textarea[aria-invalid="true"], input[data-invalid="true"]';

/** aria-invalid where ARIA allows it (text, checkbox); data-invalid on radios, for focusing. */
export function invalidProps(type: "radio" | "checkbox" | "text", invalid: boolean) {
  if (!invalid) return {};
  return type === "radio" ? { "data-invalid": true } : { "aria-invalid": true as const };
}

export function fieldDomId(name: string, part?: "hint" | "error" | "legend"): string {
  return part ? `q-${name}-${part}` : `q-${name}`;
}

/** The translated error of one answer field, or undefined. */
export function useAnswerError(name: AnswerField): string | undefined {
  const t = useTranslations("validation.answers");
  const { errors } = useFormState<AnswerFormValues>({ name });
  const error = errors[name];
  if (!error) return undefined;
  const message = typeof error.message === "string" ? error.message : undefined;
  return t(answerMessageKey(message));
}

export function FieldError({ id, message, children }: { id: string; message: string | undefined; children?: ReactNode }) {
  // Always rendered (empty when valid) so aria-describedby never points at nothing.
  return (
    <p id={id} className={message ? styles.error : styles.errorEmpty}>
      {message}
      {message && children ? <> {children}</> : null}
    </p>
  );
}

export interface ChoiceOption {
  value: string;
  label: string;
  hint?: string;
}

interface ChoiceGroupProps {
  name: AnswerField;
  type: "radio" | "checkbox";
  legend: string;
  hint?: string;
  options: readonly ChoiceOption[];
  /** Extra content shown inside the fieldset, after the options (e.g. a follow-up question). */
  children?: ReactNode;
}

/**
 * A labelled group of radio buttons or checkboxes, as a fieldset with its legend. Hints are
 * read as descriptions (not part of each option's name) so the options stay short to hear.
 */
export function ChoiceGroup({ name, type, legend, hint, options, children }: ChoiceGroupProps) {
  const { register, trigger, getFieldState } = useFormContext<AnswerFormValues>();
  const error = useAnswerError(name);
  const hintId = fieldDomId(name, "hint");
  const errorId = fieldDomId(name, "error");
  const field = register(name, {
    // Once an error is shown, re-check on every change so it disappears as soon as it's fixed.
    onChange: () => {
      if (getFieldState(name).error) void trigger(name);
    },
  });
  return (
    <fieldset
      className={styles.fieldset}
      // A radio's invalid state belongs on its group; checkboxes carry their own.
      role={type === "radio" ? "radiogroup" : undefined}
      aria-labelledby={fieldDomId(name, "legend")}
      aria-invalid={type === "radio" && error ? true : undefined}
      aria-describedby={hint ? hintId : undefined}
    >
      <legend id={fieldDomId(name, "legend")} className={styles.legend}>
        {legend}
      </legend>
      {hint ? (
        <p id={hintId} className={styles.hint}>
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} message={error} />
      <div className={styles.options}>
        {options.map((option) => {
          const optionId = `${fieldDomId(name)}-${option.value}`;
          const optionHintId = `${optionId}-hint`;
          const describedBy = [option.hint ? optionHintId : null, error ? errorId : null].filter(Boolean).join(" ");
          return (
            <label key={option.value} className={styles.option} htmlFor={optionId}>
              <input
                {...field}
                id={optionId}
                type={type}
                value={option.value}
                className={styles.optionInput}
                {...invalidProps(type, Boolean(error))}
                aria-describedby={describedBy || undefined}
              />
              <span className={styles.optionText}>
                <span className={styles.optionLabel}>{option.label}</span>
                {option.hint ? (
                  // Hidden from the name, read as the description through aria-describedby.
                  <span id={optionHintId} className={styles.optionHint} aria-hidden="true">
                    {option.hint}
                  </span>
                ) : null}
              </span>
            </label>
          );
        })}
      </div>
      {children}
    </fieldset>
  );
}
