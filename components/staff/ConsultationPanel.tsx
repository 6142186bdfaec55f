"use client";

import { useActionState, useEffect, useId, useState } from "react";

import type { BookingConfig } from "@/lib/booking/patient-booking-view";
import { CONSULTATION_TYPE_LABELS, CONSULTATION_STATUS_LABELS } from "@/lib/booking/labels";
import type { ConsultationType } from "@/lib/booking/schemas";
import type { ConsultantOption, LeadBooking, StaffConsultation } from "@/lib/booking/staff-booking";
import { WEEKDAY_LABELS } from "@/lib/clinic/schemas";
import { IDLE, type ActionState } from "@/lib/workspace/action-state";
import { formatDateTime } from "@/lib/workspace/format";

import { ActionMessage, ReloadOnConflict } from "./ActionMessage";
import { Field, fieldError } from "./Field";
import own from "./consultations.module.css";
import styles from "./staff.module.css";

export type ConsultationAction = (prev: ActionState, form: FormData) => Promise<ActionState>;

interface Slot {
  start: string;
  end: string;
}

/** "9:30 AM" on the clinic's clock. */
function clinicTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" }).format(new Date(iso));
}

/**
 * The inquiry page's consultation (issue 20): date, time, type, consultant and status; book for a
 * phone-in, move, cancel; mark attended or no-show once it has started. The page renders it with the
 * state read on the server; each form is a staff action (app/staff/leads/actions.ts) calling the same
 * lib/booking function as the API, which decides every rule.
 */
export function ConsultationPanel({
  leadId,
  booking,
  bookAction,
  updateAction,
}: {
  leadId: string;
  booking: LeadBooking;
  bookAction: ConsultationAction;
  updateAction: ConsultationAction;
}) {
  const { config, consultation, callback, consultants } = booking;
  const [moving, setMoving] = useState(false);
  const booked = consultation?.status === "booked" ? consultation : null;
  return (
    <section className={styles.panel} aria-labelledby="consultation-heading" data-consultation-panel={consultation?.status ?? "none"}>
      <h2 id="consultation-heading">Consultation</h2>
      {consultation ? <ConsultationFacts consultation={consultation} timeZone={config.timeZone} /> : <p>No consultation booked.</p>}
      {callback ? (
        <p data-callback-preference="">
          <strong>Call-back preference:</strong> {callback.preferredTimes}
          {callback.days.length > 0 ? ` (${callback.days.map((d) => WEEKDAY_LABELS[d]).join(", ")})` : ""}
        </p>
      ) : null}
      {consultation && (consultation.status === "booked" || consultation.status === "attended" || consultation.status === "no_show") && consultation.started ? (
        <OutcomeForms consultation={consultation} leadId={leadId} action={updateAction} />
      ) : null}
      {booked && !booked.started ? (
        moving ? (
          <SlotForm
            title="Move the consultation"
            config={config}
            consultants={consultants}
            fixedType={booked.type}
            currentConsultantId={booked.consultantId}
            action={updateAction}
            submitLabel="Move to this time"
            hidden={{ consultationId: booked.id, version: String(booked.version), leadId, returnTo: `/staff/leads/${leadId}` }}
            onDone={() => setMoving(false)}
            onCancel={() => setMoving(false)}
          />
        ) : (
          <div className={styles.actionsRow}>
            <button type="button" className={styles.button} onClick={() => setMoving(true)}>
              Move
            </button>
            <CancelForm consultation={booked} leadId={leadId} action={updateAction} />
          </div>
        )
      ) : null}
      {!booked && config.types.length > 0 ? (
        <SlotForm
          title="Book for a phone-in"
          config={config}
          consultants={consultants}
          action={bookAction}
          submitLabel="Book this time"
          hidden={{ leadId }}
        />
      ) : null}
    </section>
  );
}

export function ConsultationFacts({ consultation, timeZone }: { consultation: StaffConsultation; timeZone: string }) {
  return (
    <dl className={own.facts} data-consultation-status={consultation.status}>
      <dt>When</dt>
      <dd>{formatDateTime(consultation.start, timeZone)}</dd>
      <dt>Type</dt>
      <dd>{CONSULTATION_TYPE_LABELS[consultation.type]}</dd>
      <dt>Consultant</dt>
      <dd>{consultation.consultantName ?? "The clinic (no consultant named)"}</dd>
      <dt>Status</dt>
      <dd>{CONSULTATION_STATUS_LABELS[consultation.status]}</dd>
      <dt>Booked by</dt>
      <dd>{consultation.bookedBy === "patient" ? "The patient (online)" : consultation.bookedBy === "staff" ? "Staff" : "The system"}</dd>
    </dl>
  );
}

function Hidden({ values }: { values: Record<string, string> }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** Attended / no-show, once the consultation has started (the server refuses before). */
export function OutcomeForms({ consultation, leadId, action, compact = false }: { consultation: StaffConsultation; leadId: string; action: ConsultationAction; compact?: boolean }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const hidden = { consultationId: consultation.id, version: String(consultation.version), leadId, returnTo: compact ? "/staff/agenda" : `/staff/leads/${leadId}` };
  return (
    <form action={formAction} className={styles.actionsRow} aria-label="Outcome of the consultation">
      <Hidden values={hidden} />
      <button type="submit" name="status" value="attended" className={styles.button} disabled={pending || consultation.status === "attended"}>
        Mark attended
      </button>
      <button type="submit" name="status" value="no_show" className={styles.buttonSecondary} disabled={pending || consultation.status === "no_show"}>
        Mark no-show
      </button>
      <ActionMessage state={state} />
      <ReloadOnConflict state={state} href={compact ? "/staff/agenda" : `/staff/leads/${leadId}`}>
        Reload
      </ReloadOnConflict>
    </form>
  );
}

function CancelForm({ consultation, leadId, action }: { consultation: StaffConsultation; leadId: string; action: ConsultationAction }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <>
        <button type="button" className={styles.buttonSecondary} onClick={() => setConfirming(true)}>
          Cancel consultation
        </button>
        <ActionMessage state={state} />
      </>
    );
  }
  return (
    <form action={formAction} aria-label="Cancel the consultation">
      <Hidden values={{ consultationId: consultation.id, version: String(consultation.version), leadId, status: "cancelled", returnTo: `/staff/leads/${leadId}` }} />
      <p>Cancel this consultation? The patient is told by e-mail.</p>
      <div className={styles.actionsRow}>
        <button type="submit" className={styles.button} disabled={pending} autoFocus>
          Yes, cancel it
        </button>
        <button type="button" className={styles.buttonSecondary} onClick={() => setConfirming(false)}>
          Keep it
        </button>
      </div>
      <ActionMessage state={state} />
      <ReloadOnConflict state={state} href={`/staff/leads/${leadId}`}>
        Reload this inquiry
      </ReloadOnConflict>
    </form>
  );
}

/**
 * A type, a clinic date, the free times of that date (the public slots API: the same engine the
 * patient sees) and optionally a consultant; the action books or moves. After a refusal (a time
 * taken meanwhile) the times are fetched again.
 */
function SlotForm({
  title,
  config,
  consultants,
  fixedType,
  currentConsultantId = null,
  action,
  submitLabel,
  hidden,
  onDone,
  onCancel,
}: {
  title: string;
  config: BookingConfig;
  consultants: ConsultantOption[];
  fixedType?: ConsultationType;
  currentConsultantId?: string | null;
  action: ConsultationAction;
  submitLabel: string;
  hidden: Record<string, string>;
  onDone?: () => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [type, setType] = useState<ConsultationType | null>(fixedType ?? config.types[0]?.type ?? null);
  const [date, setDate] = useState(config.today);
  // The answer for one (type, date, refresh): while it is for another one, the times are loading.
  const [answer, setAnswer] = useState<{ key: string; slots: Slot[] | null } | null>(null);
  const [start, setStart] = useState("");
  const [refresh, setRefresh] = useState(0);

  const key = type && /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${type}|${date}|${refresh}` : null;
  useEffect(() => {
    if (!type || !key) return;
    let live = true;
    fetch(`/api/v1/booking/slots?type=${type}&from=${date}&to=${date}`)
      .then(async (response) => (response.ok ? ((await response.json()) as { slots: Slot[] }).slots : null))
      .catch(() => null)
      .then((found) => {
        if (live) setAnswer({ key, slots: Array.isArray(found) ? found : null });
      });
    return () => {
      live = false;
    };
  }, [key, type, date]);
  const current = answer !== null && answer.key === key ? answer : null;
  const slots = current?.slots ?? null;
  const failed = current !== null && current.slots === null;

  // After an answer: a refusal (taken meanwhile) fetches the times again; a success closes a move.
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state.status === "conflict" || state.status === "error") {
      setStart("");
      setRefresh((n) => n + 1);
    }
    if (state.status === "ok") onDone?.();
  }

  return (
    <form action={formAction} className={own.form} aria-labelledby={`${id}-title`} data-slot-form="">
      <h3 id={`${id}-title`}>{title}</h3>
      <Hidden values={hidden} />
      {fixedType ? null : (
        <Field id={`${id}-type`} label="Type" error={fieldError(state, "type")}>
          {(control) => (
            <select {...control} name="type" className={styles.select} value={type ?? ""} onChange={(e) => setType(e.target.value as ConsultationType)}>
              {config.types.map((t) => (
                <option key={t.type} value={t.type}>
                  {CONSULTATION_TYPE_LABELS[t.type]} ({t.lengthMinutes} min)
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field id={`${id}-date`} label="Date" hint={`Clinic time (${config.timeZone}).`}>
        {(control) => (
          <input
            {...control}
            type="date"
            className={styles.input}
            value={date}
            min={config.today}
            max={config.lastDate}
            onChange={(e) => {
              setDate(e.target.value);
              setStart("");
            }}
          />
        )}
      </Field>
      <fieldset className={own.fieldset}>
        <legend>Time</legend>
        {failed ? (
          <p role="alert">
            Could not load the free times.{" "}
            <button type="button" className={styles.buttonSecondary} onClick={() => setRefresh((n) => n + 1)}>
              Try again
            </button>
          </p>
        ) : key === null ? (
          <p>Choose a date.</p>
        ) : slots === null ? (
          <p role="status">Loading free times…</p>
        ) : slots.length === 0 ? (
          <p>No free times on this date.</p>
        ) : (
          <div className={own.slotGrid}>
            {slots.map((slot) => (
              <label key={slot.start} className={own.slot}>
                <input type="radio" name="start" value={slot.start} checked={start === slot.start} onChange={() => setStart(slot.start)} required />
                <span>{clinicTime(slot.start, config.timeZone)}</span>
              </label>
            ))}
          </div>
        )}
        {fieldError(state, "start") ? <p className={styles.fieldError}>{fieldError(state, "start")}</p> : null}
      </fieldset>
      {consultants.length > 0 ? (
        <Field id={`${id}-consultant`} label="Consultant" hint="Automatic: the free consultant with the fewest consultations that day." error={fieldError(state, "consultantId")}>
          {(control) => (
            <select {...control} name="consultantId" className={styles.select} defaultValue={currentConsultantId ?? ""}>
              <option value="">Automatic</option>
              {consultants.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <div className={styles.actionsRow}>
        <button type="submit" className={styles.button} disabled={pending || start === ""}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className={styles.buttonSecondary} onClick={onCancel}>
            Keep the current time
          </button>
        ) : null}
      </div>
      <ActionMessage state={state} />
    </form>
  );
}
