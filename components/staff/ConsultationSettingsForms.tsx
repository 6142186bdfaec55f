"use client";

import { useActionState, useEffect, useId, useRef, useState } from "react";

import type { ConsultantAdminRow } from "@/lib/booking/consultants";
import { CONSULTATION_TYPE_LABELS } from "@/lib/booking/labels";
import { BOOKING_LIMITS, CONSULTATION_TYPES, type ConsultationSettingsInput } from "@/lib/booking/schemas";
import { typeField } from "@/lib/booking/settings-form";
import { type OpeningHours, WEEKDAY_LABELS, WEEKDAYS } from "@/lib/clinic/schemas";
import { IDLE, typedValue, type ActionState } from "@/lib/workspace/action-state";
import { formatDateTime } from "@/lib/workspace/format";

import { ActionMessage, ReloadOnConflict } from "./ActionMessage";
import { Field, fieldError } from "./Field";
import own from "./consultations.module.css";
import styles from "./staff.module.css";

export type SettingsAction = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** After a failed save: the first invalid control gets the focus (its label and message are read out). */
function useFocusFirstError(state: ActionState, form: React.RefObject<HTMLFormElement | null>) {
  useEffect(() => {
    if (state.status !== "error") return;
    form.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [state, form]);
}

function NumberField({ state, id, name, label, hint, value, min, max }: { state: ActionState; id: string; name: string; label: string; hint?: string; value: number; min: number; max: number }) {
  return (
    <Field id={id} label={label} hint={hint} error={fieldError(state, name)}>
      {(control) => <input {...control} name={name} type="number" inputMode="numeric" min={min} max={max} step={1} required defaultValue={typedValue(state, name, value)} className={styles.input} />}
    </Field>
  );
}

/**
 * Consultation types (on/off, length, buffers), minimum notice, booking window, slot step,
 * self-service cut-off and reminder lead time: one form, parsed by consultationSettingsSchema (the
 * same schema the server saves with).
 */
export function ConsultationSettingsForm({ action, settings, version }: { action: SettingsAction; settings: ConsultationSettingsInput; version: number }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(state, form);
  const typesError = fieldError(state, "types");
  return (
    <form ref={form} action={formAction} className={styles.panel} aria-labelledby="settings-heading" noValidate>
      <h2 id="settings-heading">Consultation types and rules</h2>
      <input type="hidden" name="version" value={version} />
      {typesError ? (
        <p className={styles.fieldError} id="types-error">
          {typesError}
        </p>
      ) : null}
      {CONSULTATION_TYPES.map((type) => {
        const t = settings.types[type];
        const enabledName = typeField(type, "enabled");
        const typedEnabled = state.values ? state.values[enabledName] === "on" : t.enabled;
        return (
          <fieldset key={type} className={own.typeRow}>
            <legend>{CONSULTATION_TYPE_LABELS[type]}</legend>
            <label className={styles.checkLabel}>
              <input type="checkbox" name={enabledName} defaultChecked={typedEnabled} aria-invalid={typesError ? true : undefined} aria-describedby={typesError ? "types-error" : undefined} />{" "}
              Offered
            </label>
            <div className={own.settingsGrid}>
              <NumberField state={state} id={`${type}-length`} name={typeField(type, "lengthMinutes")} label="Length (minutes)" value={t.lengthMinutes} min={BOOKING_LIMITS.lengthMinutesMin} max={BOOKING_LIMITS.lengthMinutesMax} />
              <NumberField state={state} id={`${type}-before`} name={typeField(type, "bufferBeforeMinutes")} label="Buffer before (minutes)" value={t.bufferBeforeMinutes} min={0} max={BOOKING_LIMITS.bufferMinutesMax} />
              <NumberField state={state} id={`${type}-after`} name={typeField(type, "bufferAfterMinutes")} label="Buffer after (minutes)" value={t.bufferAfterMinutes} min={0} max={BOOKING_LIMITS.bufferMinutesMax} />
            </div>
          </fieldset>
        );
      })}
      <div className={own.settingsGrid}>
        <NumberField state={state} id="min-notice" name="minNoticeMinutes" label="Minimum notice (minutes)" hint="No time sooner than this from now is offered. 120 = 2 hours." value={settings.minNoticeMinutes} min={0} max={BOOKING_LIMITS.minNoticeMinutesMax} />
        <NumberField state={state} id="window" name="bookingWindowDays" label="Booking window (days)" hint="How far ahead patients can book." value={settings.bookingWindowDays} min={BOOKING_LIMITS.bookingWindowDaysMin} max={BOOKING_LIMITS.bookingWindowDaysMax} />
        <NumberField state={state} id="step" name="slotStepMinutes" label="Slot step (minutes)" hint="Times start every N minutes from opening." value={settings.slotStepMinutes} min={BOOKING_LIMITS.slotStepMinutesMin} max={BOOKING_LIMITS.slotStepMinutesMax} />
        <NumberField state={state} id="cutoff" name="selfServiceCutoffMinutes" label="Self-service cut-off (minutes)" hint="Patients move or cancel online until this long before; then they call. 1440 = 1 day." value={settings.selfServiceCutoffMinutes} min={0} max={BOOKING_LIMITS.cutoffMinutesMax} />
        <NumberField state={state} id="reminder" name="reminderLeadMinutes" label="Reminder (minutes before)" hint="1440 = the day before." value={settings.reminderLeadMinutes} min={BOOKING_LIMITS.reminderLeadMinutesMin} max={BOOKING_LIMITS.reminderLeadMinutesMax} />
      </div>
      <div className={styles.actionsRow}>
        <button type="submit" className={styles.button} disabled={pending}>
          Save consultation settings
        </button>
      </div>
      <ActionMessage state={state} />
      <ReloadOnConflict state={state} href="/staff/consultations">
        Reload the settings
      </ReloadOnConflict>
    </form>
  );
}

/** One staff account: takes consultations or not, and the clinic's hours or their own. */
export function ConsultantForm({ action, row, clinicHours }: { action: SettingsAction; row: ConsultantAdminRow; clinicHours: OpeningHours }) {
  const id = useId();
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [ownHours, setOwnHours] = useState(row.weeklyHours !== null);
  const hours = row.weeklyHours ?? clinicHours;
  return (
    <form action={formAction} aria-label={`Consultations of ${row.name}`} data-consultant-form={row.userId}>
      <input type="hidden" name="userId" value={row.userId} />
      <label className={styles.checkLabel}>
        <input type="checkbox" name="active" defaultChecked={row.active} /> Takes consultations
      </label>
      <fieldset className={own.fieldset}>
        <legend>Weekly hours</legend>
        <label className={styles.checkLabel}>
          <input type="radio" name="hours" value="clinic" checked={!ownHours} onChange={() => setOwnHours(false)} /> The clinic&apos;s opening hours
        </label>{" "}
        <label className={styles.checkLabel}>
          <input type="radio" name="hours" value="own" checked={ownHours} onChange={() => setOwnHours(true)} /> Their own hours
        </label>
      </fieldset>
      {ownHours ? (
        <div className={own.settingsGrid}>
          {WEEKDAYS.map((day) => {
            const h = hours[day];
            const err = fieldError(state, `weeklyHours.${day}`) ?? fieldError(state, `weeklyHours.${day}.open`) ?? fieldError(state, `weeklyHours.${day}.close`);
            return (
              <fieldset key={day} className={own.fieldset}>
                <legend>{WEEKDAY_LABELS[day]}</legend>
                <select name={`weeklyHours.${day}.state`} defaultValue={h ? "open" : "closed"} aria-label={`${WEEKDAY_LABELS[day]}: working or not`} className={styles.select}>
                  <option value="open">Working</option>
                  <option value="closed">Not working</option>
                </select>{" "}
                <input type="time" name={`weeklyHours.${day}.open`} defaultValue={h?.open ?? "09:00"} aria-label={`${WEEKDAY_LABELS[day]} from`} className={styles.input} aria-invalid={err ? true : undefined} aria-describedby={err ? `${id}-${day}-error` : undefined} />{" "}
                <input type="time" name={`weeklyHours.${day}.close`} defaultValue={h?.close ?? "17:00"} aria-label={`${WEEKDAY_LABELS[day]} until`} className={styles.input} aria-invalid={err ? true : undefined} aria-describedby={err ? `${id}-${day}-error` : undefined} />
                {err ? (
                  <span id={`${id}-${day}-error`} className={styles.fieldError}>
                    {err}
                  </span>
                ) : null}
              </fieldset>
            );
          })}
        </div>
      ) : null}
      <div className={styles.actionsRow}>
        <button type="submit" className={styles.button} disabled={pending}>
          Save
        </button>
      </div>
      <ActionMessage state={state} />
    </form>
  );
}

/** Time off of one consultant, in the clinic's dates and wall clock. */
export function TimeOffForms({
  addAction,
  removeAction,
  row,
  timeZone,
}: {
  addAction: SettingsAction;
  removeAction: SettingsAction;
  row: ConsultantAdminRow;
  timeZone: string;
}) {
  const id = useId();
  const [state, formAction, pending] = useActionState(addAction, IDLE);
  const [removed, removeFormAction] = useActionState(removeAction, IDLE);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(state, form);
  if (!row.consultantId) return null;
  return (
    <div>
      <h4>Time off</h4>
      {row.timeOff.length === 0 ? (
        <p className={styles.muted}>None coming up.</p>
      ) : (
        <ul>
          {row.timeOff.map((t) => (
            <li key={t.id}>
              {formatDateTime(t.startsAt, timeZone)} – {formatDateTime(t.endsAt, timeZone)}
              {t.note ? ` (${t.note})` : ""}{" "}
              <form action={removeFormAction} style={{ display: "inline" }}>
                <input type="hidden" name="timeOffId" value={t.id} />
                <button type="submit" className={styles.buttonSecondary} aria-label={`Remove time off from ${formatDateTime(t.startsAt, timeZone)}`}>
                  Remove
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <ActionMessage state={removed} />
      <form ref={form} action={formAction} aria-label={`Add time off for ${row.name}`} noValidate>
        <input type="hidden" name="consultantId" value={row.consultantId} />
        <input type="hidden" name="timeZone" value={timeZone} />
        <div className={own.settingsGrid}>
          <Field id={`${id}-sd`} label="From (date)" error={fieldError(state, "startsAt")}>
            {(control) => <input {...control} type="date" name="startDate" required defaultValue={typedValue(state, "startDate")} className={styles.input} />}
          </Field>
          <Field id={`${id}-st`} label="From (time, optional)" hint="Empty: the start of the day.">
            {(control) => <input {...control} type="time" name="startTime" defaultValue={typedValue(state, "startTime")} className={styles.input} />}
          </Field>
          <Field id={`${id}-ed`} label="Until (date)" error={fieldError(state, "endsAt")}>
            {(control) => <input {...control} type="date" name="endDate" required defaultValue={typedValue(state, "endDate")} className={styles.input} />}
          </Field>
          <Field id={`${id}-et`} label="Until (time, optional)" hint="Empty: the end of the day.">
            {(control) => <input {...control} type="time" name="endTime" defaultValue={typedValue(state, "endTime")} className={styles.input} />}
          </Field>
        </div>
        <Field id={`${id}-note`} label="Note (optional)" error={fieldError(state, "note")}>
          {(control) => <input {...control} name="note" maxLength={200} defaultValue={typedValue(state, "note")} className={styles.input} />}
        </Field>
        <div className={styles.actionsRow}>
          <button type="submit" className={styles.button} disabled={pending}>
            Add time off
          </button>
        </div>
        <ActionMessage state={state} />
      </form>
    </div>
  );
}
