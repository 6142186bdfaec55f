"use client";

import { useActionState, useId, useState } from "react";

import { CHEMOTHERAPY, GOALS, LOSS_PATTERNS, LUDWIG_STAGES, NORWOOD_STAGES, SCAR_KINDS, SEXES, SKIN_CONDITIONS, type Sex } from "@/lib/candidacy/options";
import { healthScreenItemsFor } from "@/lib/candidacy/screening";
import { PREFERRED_CONTACT } from "@/lib/leads/preferred-contact";
import { STAFF_ENTRY_SOURCE_LABELS, STAFF_ENTRY_SOURCES } from "@/lib/leads/staff-entry-input";
import { IDLE, typedValue, type ActionState } from "@/lib/workspace/action-state";
import {
  CHEMO_LABELS,
  GOAL_LABELS,
  HEALTH_SCREEN_LABELS,
  LOSS_PATTERN_LABELS,
  LUDWIG_LABELS,
  NORWOOD_LABELS,
  PREFERRED_CONTACT_LABELS,
  SCAR_LABELS,
  SEX_LABELS,
  SKIN_LABELS,
} from "@/lib/workspace/answer-labels";

import { ActionMessage } from "./ActionMessage";
import { Field, fieldError } from "./Field";
import styles from "./staff.module.css";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

function Choice({ id, name, label, options, labels, state, onChange }: { id: string; name: string; label: string; options: readonly string[]; labels: Readonly<Record<string, string>>; state: ActionState; onChange?: (v: string) => void }) {
  return (
    <Field id={id} label={label} error={fieldError(state, name)}>
      {(control) => (
        <select {...control} name={name} className={styles.select} defaultValue={typedValue(state, name)} onChange={(e) => onChange?.(e.target.value)}>
          <option value="">Choose…</option>
          {options.map((o) => (
            <option key={o} value={o}>
              {labels[o] ?? o}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function Ticks({ name, legend, options, labels, state }: { name: string; legend: string; options: readonly string[]; labels: Readonly<Record<string, string>>; state: ActionState }) {
  const error = Object.entries(state.fields ?? {}).find(([k]) => k === name || k.startsWith(`${name}.`))?.[1];
  return (
    <fieldset className={styles.panel} aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o} style={{ display: "block" }}>
          <input type="checkbox" name={name} value={o} /> {labels[o] ?? o}
        </label>
      ))}
      {error ? <span className={styles.fieldError}>{error}</span> : null}
    </fieldset>
  );
}

/**
 * A phone-in or walk-in inquiry (issue 22 item 6): the questionnaire's questions in the front desk's
 * words, the patient's contact details, how they got in touch, and the staff member's confirmation of
 * the patient's spoken consent. The server evaluates it with the same rules and price as online.
 */
export function StaffEntryForm({ action, idempotencyKey }: { action: Action; idempotencyKey: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const id = useId();
  const [sex, setSex] = useState<string>(typedValue(state, "answers.sex"));
  const [pattern, setPattern] = useState<string>(typedValue(state, "answers.lossPattern"));
  const screening = SEXES.includes(sex as Sex) ? healthScreenItemsFor(sex as Sex) : healthScreenItemsFor(undefined);
  return (
    <form action={formAction} aria-describedby={`${id}-msg`} noValidate>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <section className={styles.panel} aria-labelledby={`${id}-how`}>
        <h2 id={`${id}-how`}>How they got in touch</h2>
        <Choice id={`${id}-source`} name="source" label="Channel" options={STAFF_ENTRY_SOURCES} labels={STAFF_ENTRY_SOURCE_LABELS} state={state} />
        <Choice id={`${id}-locale`} name="locale" label="Patient's language" options={["en", "es"]} labels={{ en: "English", es: "Spanish" }} state={state} />
      </section>
      <section className={styles.panel} aria-labelledby={`${id}-contact`}>
        <h2 id={`${id}-contact`}>Patient</h2>
        {(
          [
            ["contact.firstName", "First name", "text"],
            ["contact.lastName", "Last name", "text"],
            ["contact.phone", "Phone", "tel"],
            ["contact.email", "E-mail", "email"],
          ] as const
        ).map(([name, label, type]) => (
          <Field key={name} id={`${id}-${name}`} label={label} error={fieldError(state, name)}>
            {(control) => <input {...control} name={name} type={type} autoComplete="off" className={styles.input} defaultValue={typedValue(state, name)} />}
          </Field>
        ))}
        <Choice id={`${id}-pref`} name="contact.preferredContact" label="Prefers to be contacted by" options={PREFERRED_CONTACT} labels={PREFERRED_CONTACT_LABELS} state={state} />
        <Field id={`${id}-notes`} label="Their message (optional)" error={fieldError(state, "contact.notes")}>
          {(control) => <textarea {...control} name="contact.notes" className={styles.textarea} rows={3} defaultValue={typedValue(state, "contact.notes")} />}
        </Field>
      </section>
      <section className={styles.panel} aria-labelledby={`${id}-answers`}>
        <h2 id={`${id}-answers`}>Answers</h2>
        <Choice id={`${id}-sex`} name="answers.sex" label="Sex" options={SEXES} labels={SEX_LABELS} state={state} onChange={setSex} />
        <Field id={`${id}-age`} label="Age" error={fieldError(state, "answers.age")}>
          {(control) => <input {...control} name="answers.age" inputMode="numeric" className={styles.input} defaultValue={typedValue(state, "answers.age")} />}
        </Field>
        <Choice id={`${id}-pattern`} name="answers.lossPattern" label="Hair loss" options={LOSS_PATTERNS} labels={LOSS_PATTERN_LABELS} state={state} onChange={setPattern} />
        {pattern === "norwood" ? <Choice id={`${id}-norwood`} name="answers.norwoodStage" label="Norwood stage" options={NORWOOD_STAGES} labels={NORWOOD_LABELS} state={state} /> : null}
        {pattern === "diffuse_thinning" ? <Choice id={`${id}-ludwig`} name="answers.ludwigStage" label="Ludwig stage (leave empty if not sure)" options={LUDWIG_STAGES} labels={LUDWIG_LABELS} state={state} /> : null}
        <Choice id={`${id}-goal`} name="answers.goal" label="Goal" options={GOALS} labels={GOAL_LABELS} state={state} />
        <Ticks name="answers.scars" legend="Scars (tick any)" options={SCAR_KINDS} labels={SCAR_LABELS} state={state} />
        <Ticks name="answers.skinConditions" legend="Active scalp conditions (tick any)" options={SKIN_CONDITIONS} labels={SKIN_LABELS} state={state} />
        <Choice id={`${id}-clearance`} name="answers.dermatologyClearance" label="Written clearance from a dermatologist" options={["yes", "no"]} labels={{ yes: "Yes", no: "No" }} state={state} />
        <Choice id={`${id}-chemo`} name="answers.chemotherapy" label="Chemotherapy" options={CHEMOTHERAPY} labels={CHEMO_LABELS} state={state} />
        <Ticks name="answers.healthScreen" legend="Health screening (tick any that apply)" options={screening} labels={HEALTH_SCREEN_LABELS} state={state} />
      </section>
      <section className={styles.panel} aria-labelledby={`${id}-consent`}>
        <h2 id={`${id}-consent`}>Consent</h2>
        <label htmlFor={`${id}-consent-box`}>
          <input id={`${id}-consent-box`} type="checkbox" name="consentGiven" aria-invalid={fieldError(state, "consentGiven") ? true : undefined} aria-describedby={fieldError(state, "consentGiven") ? `${id}-consent-error` : undefined} />{" "}
          The patient agreed out loud to be contacted by the clinic and to the privacy notice (recorded as given verbally to you, now).
        </label>
        {fieldError(state, "consentGiven") ? (
          <span id={`${id}-consent-error`} className={styles.fieldError}>
            {fieldError(state, "consentGiven")}
          </span>
        ) : null}
      </section>
      <button type="submit" className={styles.button} disabled={pending}>
        {pending ? "Saving…" : "Save the inquiry"}
      </button>
      <ActionMessage state={state} id={`${id}-msg`} />
    </form>
  );
}
