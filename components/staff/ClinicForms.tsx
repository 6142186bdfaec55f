"use client";

import { type ReactNode, useActionState, useEffect, useRef, useState } from "react";

import { IDLE, typedValue, type ActionState } from "@/lib/workspace/action-state";
import {
  AUTO_ASSIGN_MODES,
  type AutoAssignMode,
  CLINIC_LIMITS,
  type ClinicProfileInput,
  type ClinicSettingsInput,
  WEEKDAY_LABELS,
  WEEKDAYS,
  type Weekday,
} from "@/lib/clinic/schemas";
import { describeCallCadence, parseCallCadence } from "@/lib/clinic/call-cadence";
import { CLINIC_FORM_FIELDS } from "@/lib/clinic/form";
import { formatPhone } from "@/lib/clinic/format";
import { formatDateTime } from "@/lib/workspace/format";

import { ActionMessage, ReloadOnConflict } from "./ActionMessage";
import { Field, fieldError } from "./Field";
import styles from "./staff.module.css";
import clinic from "./clinic.module.css";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export interface ClinicProfileFormProps {
  action: Action;
  profile: ClinicProfileInput & { version: number; isPlaceholder: boolean; updatedAt: Date | string };
  /** IANA names offered as suggestions (any valid IANA name may be typed). */
  timeZones: readonly string[];
}

/** After a failed submit, move focus to the first field with an error (in the form's order). */
function useFocusFirstError(state: ActionState) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status !== "error") return;
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);
  return ref;
}

/** Closed dates: the schema reports "closedDates.3"; the form has one text area (one date per line). */
function closedDatesError(state: ActionState, typed: string): string | undefined {
  const whole = fieldError(state, "closedDates");
  if (whole) return whole;
  const lines = typed
    .split(/[\n,]+/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  for (const [key, message] of Object.entries(state.fields ?? {})) {
    const m = /^closedDates\.(\d+)$/.exec(key);
    if (m) return `“${lines[Number(m[1])] ?? ""}”: ${message}`;
  }
  return undefined;
}

const DAY_TIME_LABELS = { open: "Opens at", close: "Closes at" } as const;
type DayEdge = keyof typeof DAY_TIME_LABELS;

/**
 * One opening time of a weekday ("Opens at" / "Closes at"): a time input named
 * `openingHours.<day>.<edge>`, read as "Monday opens at", pointing at its error (DayTimeError,
 * shown under the whole day row) while there is one.
 */
function DayTimeField({ day, dayLabel, edge, defaultValue, error }: { day: Weekday; dayLabel: string; edge: DayEdge; defaultValue: string; error: string | undefined }) {
  const id = `day-${day}-${edge}`;
  const label = DAY_TIME_LABELS[edge];
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={clinic.timeLabel}>
        {label}
      </label>
      <input
        id={id}
        aria-label={`${dayLabel} ${label.toLowerCase()}`}
        name={`openingHours.${day}.${edge}`}
        type="time"
        className={styles.input}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </div>
  );
}

/** The error of one opening time, named with its day ("Monday: …"); nothing without an error. */
function DayTimeError({ day, dayLabel, edge, error }: { day: Weekday; dayLabel: string; edge: DayEdge; error: string | undefined }) {
  if (!error) return null;
  return (
    <span id={`day-${day}-${edge}-error`} className={`${styles.fieldError} ${clinic.dayError}`}>
      {dayLabel}: {error}
    </span>
  );
}

/** The end of both clinic forms: the save button (busy while saving), the outcome, the reload link after a conflict. */
function SaveRow({ state, pending, label }: { state: ActionState; pending: boolean; label: string }) {
  return (
    <>
      <p>
        <button type="submit" className={styles.button} disabled={pending}>
          {pending ? "Saving…" : label}
        </button>
      </p>
      <ActionMessage state={state} />
      <ReloadOnConflict state={state} href="/staff/clinic" after=" to see the saved version.">
        Reload the page
      </ReloadOnConflict>
    </>
  );
}

interface TextFieldProps {
  state: ActionState;
  id: string;
  /** The input's name (what FormData sends). */
  name: string;
  /** The schema path its errors come back under (default: name). */
  errorKey?: string;
  label: string;
  hint?: ReactNode;
  fallback: string | number;
  className?: string;
  type?: string;
  maxLength?: number;
  autoComplete?: string;
  inputMode?: "text" | "tel" | "email" | "numeric";
  list?: string;
  required?: boolean;
}

function TextField({ state, id, name, errorKey = name, label, hint, fallback, className, ...input }: TextFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={fieldError(state, errorKey)} className={className}>
      {(control) => <input {...control} name={name} className={styles.input} defaultValue={typedValue(state, name, fallback)} {...input} />}
    </Field>
  );
}

function closedDaysOf(state: ActionState, profile: ClinicProfileFormProps["profile"]): Record<Weekday, boolean> {
  return Object.fromEntries(
    WEEKDAYS.map((day) => [
      day,
      typedValue(state, CLINIC_FORM_FIELDS.dayState(day), profile.openingHours[day] ? "open" : "closed") === "closed",
    ]),
  ) as Record<Weekday, boolean>;
}

/** The clinic's profile: contact, address, time zone, opening hours, closed dates, reply promise. */
export function ClinicProfileForm({ action, profile, timeZones }: ClinicProfileFormProps) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const formRef = useFocusFirstError(state);
  const [closed, setClosed] = useState(() => closedDaysOf(state, profile));
  const [shownState, setShownState] = useState(state);
  const [generation, setGeneration] = useState(0);
  if (shownState !== state) {
    // A new result: show the days as submitted (after an error) or as saved. The day selects are
    // re-mounted (key) because React's reset after an action puts a select back to its first option.
    setShownState(state);
    setClosed(closedDaysOf(state, profile));
    setGeneration((g) => g + 1);
  }
  const typedDates = typedValue(state, "closedDates", profile.closedDates.join("\n"));
  const datesError = closedDatesError(state, typedDates);
  const f = CLINIC_FORM_FIELDS;

  return (
    <form ref={formRef} action={formAction} aria-labelledby="profile-heading" noValidate>
      <h2 id="profile-heading">Clinic profile</h2>
      <p className={styles.muted}>
        Patients see these details on the site, on their result and in the confirmation. Last saved {formatDateTime(profile.updatedAt)}
        {profile.isPlaceholder ? " (placeholder values from the setup)" : ""}.
      </p>
      <input type="hidden" name="version" value={profile.version} />

      <fieldset className={clinic.fieldset}>
        <legend>Contact</legend>
        <div className={clinic.grid}>
          <TextField state={state} id="clinic-name" name="name" label="Clinic name" fallback={profile.name} maxLength={CLINIC_LIMITS.nameMax} autoComplete="organization" />
          <TextField
            state={state}
            id="clinic-phone"
            name="phone"
            label="Phone"
            hint="With the area code; other countries with their code, e.g. +34."
            fallback={formatPhone(profile.phone, profile.address.country)}
            type="tel"
            inputMode="tel"
            maxLength={CLINIC_LIMITS.phoneMax}
            autoComplete="tel"
          />
          <TextField
            state={state}
            id="clinic-email"
            name="email"
            label="Email"
            fallback={profile.email}
            type="email"
            inputMode="email"
            maxLength={CLINIC_LIMITS.emailMax}
            autoComplete="email"
          />
        </div>
      </fieldset>

      <fieldset className={clinic.fieldset}>
        <legend>Address</legend>
        <div className={clinic.grid}>
          <TextField state={state} id="clinic-line1" name="address.line1" label="Street address" fallback={profile.address.line1} className={clinic.wide} maxLength={CLINIC_LIMITS.addressLineMax} autoComplete="address-line1" />
          <TextField state={state} id="clinic-line2" name="address.line2" label="Suite, floor (optional)" fallback={profile.address.line2 ?? ""} className={clinic.wide} maxLength={CLINIC_LIMITS.addressLineMax} autoComplete="address-line2" />
          <TextField state={state} id="clinic-city" name="address.city" label="City" fallback={profile.address.city} maxLength={CLINIC_LIMITS.cityMax} autoComplete="address-level2" />
          <TextField state={state} id="clinic-region" name="address.region" label="State or region" fallback={profile.address.region} maxLength={CLINIC_LIMITS.regionMax} autoComplete="address-level1" />
          <TextField
            state={state}
            id="clinic-postal"
            name={f.postalCode}
            errorKey="address.postalCode"
            label="Postal code"
            fallback={profile.address.postalCode}
            maxLength={CLINIC_LIMITS.postalCodeMax}
            autoComplete="postal-code"
          />
          <TextField
            state={state}
            id="clinic-country"
            name="address.country"
            label="Country (two-letter code)"
            hint="e.g. US, MX, ES"
            fallback={profile.address.country}
            maxLength={CLINIC_LIMITS.countryLength}
            autoComplete="country"
          />
        </div>
      </fieldset>

      <fieldset className={clinic.fieldset}>
        <legend>Opening hours</legend>
        <div className={clinic.grid}>
          <TextField
            state={state}
            id="clinic-tz"
            name="timeZone"
            label="Time zone"
            hint="The clinic's local time: hours, closed dates and reply times are counted in it."
            fallback={profile.timeZone}
            list="clinic-tz-list"
            maxLength={CLINIC_LIMITS.timeZoneMax}
          />
          <datalist id="clinic-tz-list">
            {timeZones.map((tz) => (
              <option key={tz} value={tz} />
            ))}
          </datalist>
        </div>
        <div className={clinic.hours} role="group" aria-label="Hours per weekday">
          {WEEKDAYS.map((day) => {
            const hours = profile.openingHours[day];
            const openError = fieldError(state, `openingHours.${day}.open`);
            const closeError = fieldError(state, `openingHours.${day}.close`) ?? fieldError(state, `openingHours.${day}`);
            const isClosed = closed[day];
            const label = WEEKDAY_LABELS[day];
            return (
              <div key={day} className={clinic.day}>
                <span className={clinic.dayName} id={`day-${day}`}>
                  {label}
                </span>
                <div className={styles.field}>
                  <label htmlFor={`day-${day}-state`} className={styles.visuallyHidden}>
                    {label}: open or closed
                  </label>
                  <select
                    key={generation}
                    id={`day-${day}-state`}
                    name={f.dayState(day)}
                    className={styles.select}
                    defaultValue={isClosed ? "closed" : "open"}
                    onChange={(e) => setClosed((c) => ({ ...c, [day]: e.target.value === "closed" }))}
                  >
                    <option value="open">Open</option>
                    <option value="closed">Closed</option>
                  </select>
                </div>
                {isClosed ? (
                  <span className={styles.muted} style={{ gridColumn: "span 2", paddingBottom: "0.5rem" }}>
                    Closed all day
                  </span>
                ) : (
                  <>
                    <DayTimeField day={day} dayLabel={label} edge="open" defaultValue={typedValue(state, `openingHours.${day}.open`, hours?.open ?? "09:00")} error={openError} />
                    <DayTimeField
                      day={day}
                      dayLabel={label}
                      edge="close"
                      defaultValue={typedValue(state, `openingHours.${day}.close`, hours?.close === "24:00" ? "23:59" : (hours?.close ?? "17:00"))}
                      error={closeError}
                    />
                  </>
                )}
                <DayTimeError day={day} dayLabel={label} edge="open" error={openError} />
                <DayTimeError day={day} dayLabel={label} edge="close" error={closeError} />
              </div>
            );
          })}
        </div>
        <Field
          id="clinic-closed-dates"
          label="Closed dates (holidays)"
          hint="One date per line, as YYYY-MM-DD, e.g. 2026-12-25. Reply times do not count these days."
          error={datesError}
          style={{ marginTop: "1rem" }}
        >
          {(control) => <textarea {...control} name="closedDates" className={styles.textarea} rows={4} defaultValue={typedDates} />}
        </Field>
      </fieldset>

      <fieldset className={clinic.fieldset}>
        <legend>When patients hear back</legend>
        <p className={styles.hint} style={{ marginTop: 0 }}>
          Shown after an inquiry is sent: “We will get back to you …”. Keep the promise you can keep.
        </p>
        <div className={clinic.grid}>
          <TextField
            state={state}
            id="clinic-promise-en"
            name="replyPromise.en"
            label="Reply time (English)"
            hint="e.g. within one business day"
            fallback={profile.replyPromise.en}
            maxLength={CLINIC_LIMITS.replyPromiseMax}
          />
          <TextField
            state={state}
            id="clinic-promise-es"
            name="replyPromise.es"
            label="Reply time (Spanish)"
            hint="p. ej. en un día hábil"
            fallback={profile.replyPromise.es}
            maxLength={CLINIC_LIMITS.replyPromiseMax}
          />
        </div>
      </fieldset>

      <fieldset className={clinic.fieldset}>
        <legend>Who will treat you</legend>
        <p className={styles.hint} style={{ marginTop: 0 }}>
          A few sentences in your own words, shown on the home page and with every patient&apos;s result: who leads the
          procedure and who does the work. Write it in both languages, or leave both empty to show nothing.
        </p>
        <Field
          id="clinic-who-en"
          label="Who will treat you (English)"
          hint={`Up to ${CLINIC_LIMITS.whoTreatsYouMax} characters.`}
          error={fieldError(state, "whoTreatsYou.en")}
        >
          {(control) => (
            <textarea
              {...control}
              name="whoTreatsYou.en"
              className={styles.textarea}
              rows={4}
              maxLength={CLINIC_LIMITS.whoTreatsYouMax}
              defaultValue={typedValue(state, "whoTreatsYou.en", profile.whoTreatsYou?.en ?? "")}
            />
          )}
        </Field>
        <Field
          id="clinic-who-es"
          label="Who will treat you (Spanish)"
          hint={`Up to ${CLINIC_LIMITS.whoTreatsYouMax} characters.`}
          error={fieldError(state, "whoTreatsYou.es")}
        >
          {(control) => (
            <textarea
              {...control}
              name="whoTreatsYou.es"
              className={styles.textarea}
              rows={4}
              maxLength={CLINIC_LIMITS.whoTreatsYouMax}
              defaultValue={typedValue(state, "whoTreatsYou.es", profile.whoTreatsYou?.es ?? "")}
            />
          )}
        </Field>
      </fieldset>

      <SaveRow state={state} pending={pending} label="Save clinic profile" />
    </form>
  );
}

const AUTO_ASSIGN_LABELS: Readonly<Record<AutoAssignMode, string>> = {
  off: "Off",
  round_robin: "Round robin",
  least_open: "Fewest open inquiries",
};

export interface ClinicSettingsFormProps {
  action: Action;
  settings: ClinicSettingsInput & { version: number };
}

/** Workspace settings: reply-time target, automatic assignment, retention, two-factor rule. */
export function ClinicSettingsForm({ action, settings }: ClinicSettingsFormProps) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const formRef = useFocusFirstError(state);
  const twoFactor = state.values ? state.values.requireTwoFactorForAdmins === "on" : settings.requireTwoFactorForAdmins;
  const assignError = fieldError(state, "autoAssign");
  const twoFactorError = fieldError(state, "requireTwoFactorForAdmins");

  return (
    <form ref={formRef} action={formAction} aria-labelledby="settings-heading" noValidate>
      <h2 id="settings-heading">Workspace settings</h2>
      <input type="hidden" name="version" value={settings.version} />
      <fieldset className={clinic.fieldset}>
        <legend>Inquiries</legend>
        <div className={clinic.grid}>
          <TextField
            state={state}
            id="settings-target"
            name="replyTargetMinutes"
            label="Reply target (business minutes)"
            hint="A new inquiry is due after this long within opening hours, then overdue. If an eligible inquiry is still new by then, the front desk gets one alert (e-mail and webhook, when set up) with only the first name and reference."
            fallback={settings.replyTargetMinutes}
            inputMode="numeric"
          />
          <Field
            id="settings-assign"
            label="Automatic assignment"
            hint="Who a new inquiry goes to: nobody (the front desk picks), active front-desk staff in turn, or whoever has the fewest open inquiries."
            error={assignError}
          >
            {(control) => (
              <select
                {...control}
                name="autoAssign"
                className={styles.select}
                // Re-mounted when the value to show changes: React's reset after an action would put a
                // select back to the option it was first rendered with.
                key={typedValue(state, "autoAssign", settings.autoAssign)}
                defaultValue={typedValue(state, "autoAssign", settings.autoAssign)}
              >
                {AUTO_ASSIGN_MODES.map((mode) => (
                  <option key={mode} value={mode}>
                    {AUTO_ASSIGN_LABELS[mode]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextField
            state={state}
            id="settings-retention"
            name="retentionMonths"
            label="Erase inquiries after (months)"
            hint="Inquiries that never became patients. Leave empty to keep them."
            fallback={settings.retentionMonths ?? ""}
            inputMode="numeric"
          />
          <TextField
            state={state}
            id="settings-cadence"
            name="callCadence"
            label="Next try after an unanswered call"
            hint={`One step per attempt, hours (h) or days (d); the last step repeats. Suggested within opening hours. Now: ${describeCallCadence(parseCallCadence(settings.callCadence) ?? [])}.`}
            fallback={settings.callCadence.split(",").join(", ")}
          />
        </div>
      </fieldset>
      <fieldset className={clinic.fieldset}>
        <legend>Security</legend>
        <label className={clinic.checkbox} htmlFor="settings-2fa">
          <input
            id="settings-2fa"
            name="requireTwoFactorForAdmins"
            type="checkbox"
            defaultChecked={twoFactor}
            key={String(twoFactor)}
            aria-invalid={twoFactorError ? true : undefined}
            aria-describedby="settings-2fa-hint"
          />
          <span>Require two-factor sign-in for admins</span>
        </label>
        <span id="settings-2fa-hint" className={styles.hint}>
          An admin without it is sent to set it up (an authenticator app) before anything else. Anyone can turn it on from their account page.
        </span>
        {twoFactorError ? <span className={styles.fieldError}>{twoFactorError}</span> : null}
      </fieldset>
      <SaveRow state={state} pending={pending} label="Save settings" />
    </form>
  );
}
