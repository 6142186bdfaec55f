"use client";

import type { ReactNode } from "react";
import { FieldError, fieldDomId, invalidProps } from "./fields";
import styles from "./questionnaire.module.css";

export interface PictureOption {
  value: string;
  /** Short name, e.g. "Norwood 3 vertex". */
  name: string;
  /** What the picture shows, in plain words. */
  description: string;
  picture: ReactNode;
}

interface PicturePickerProps {
  name: string;
  legend: string;
  hint: string;
  options: readonly PictureOption[];
  value: string | undefined;
  onChange: (value: string) => void;
  error: string | undefined;
  /** Lets the form focus the group (the first radio) when it has an error. */
  inputRef?: (element: HTMLInputElement | null) => void;
}

/**
 * Pictures as a native radio group: each card is a <label> around a real radio input, so Tab
 * enters the group once and the arrow keys move the selection, exactly as the browser does for
 * any radio group. The card's text is its accessible name ("Norwood 3 vertex: ..."); the
 * drawing is hidden from screen readers because the words already say what it shows.
 */
export function PicturePicker({ name, legend, hint, options, value, onChange, error, inputRef }: PicturePickerProps) {
  const hintId = fieldDomId(name, "hint");
  const errorId = fieldDomId(name, "error");
  return (
    <fieldset
      className={styles.fieldset}
      role="radiogroup"
      aria-labelledby={fieldDomId(name, "legend")}
      aria-invalid={error ? true : undefined}
      aria-describedby={hintId}
    >
      <legend id={fieldDomId(name, "legend")} className={styles.legend}>
        {legend}
      </legend>
      <p id={hintId} className={styles.hint}>
        {hint}
      </p>
      <FieldError id={errorId} message={error} />
      <div className={styles.pictureGrid}>
        {options.map((option, index) => {
          const optionId = `${fieldDomId(name)}-${option.value}`;
          return (
            <label key={option.value} htmlFor={optionId} className={styles.pictureCard}>
              <input
                ref={index === 0 ? inputRef : undefined}
                id={optionId}
                type="radio"
                name={name}
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
                className={styles.pictureInput}
                {...invalidProps("radio", Boolean(error))}
                aria-describedby={error ? errorId : undefined}
              />
              <span className={styles.picture}>{option.picture}</span>
              <span className={styles.pictureName}>
                {option.name}
                <span className="visually-hidden">:</span>
              </span>{" "}
              <span className={styles.pictureDescription}>{option.description}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
