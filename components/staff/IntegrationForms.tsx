"use client";

import { useActionState, useId, useState } from "react";

import { API_KEY_NAME_MAX, API_KEY_SCOPE_LABELS, API_KEY_SCOPES } from "@/lib/api-keys/scopes";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES, WEBHOOK_URL_MAX } from "@/lib/webhooks/events";
import { IDLE, typedValue, type ActionState } from "@/lib/workspace/action-state";

import { ActionMessage } from "./ActionMessage";
import { CopyButton } from "./CopyButton";
import { Field, fieldError } from "./Field";
import { useShownState } from "./form-state";
import styles from "./staff.module.css";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** A secret answered once by the action (`state.data[name]`), with a copy button. */
function ShownOnce({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div role="status">
      <p>
        <strong>{label}</strong> It is shown this once: store it where the integration keeps its secrets.
      </p>
      <pre id={id} className={styles.code}>
        {value}
      </pre>
      <CopyButton targetId={id} label="Copy" />
    </div>
  );
}

function Checkboxes({ legend, name, options, error }: { legend: string; name: string; options: readonly { value: string; label: string }[]; error?: string }) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} style={{ display: "block" }}>
          <input type="checkbox" name={name} value={option.value} /> {option.label} <code>{option.value}</code>
        </label>
      ))}
      {error ? (
        <span id={`${id}-error`} className={styles.fieldError}>
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}

export function CreateApiKeyForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const key = state.status === "ok" && typeof state.data?.key === "string" ? state.data.key : undefined;
  return (
    <form action={formAction} className={styles.filters}>
      <Field id="api-key-name" label="Name" hint="What uses it, e.g. “CRM sync”." error={fieldError(state, "name")}>
        {(control) => <input {...control} name="name" className={styles.input} maxLength={API_KEY_NAME_MAX} autoComplete="off" defaultValue={typedValue(state, "name")} />}
      </Field>
      <Checkboxes legend="Scopes" name="scopes" error={fieldError(state, "scopes")} options={API_KEY_SCOPES.map((s) => ({ value: s, label: API_KEY_SCOPE_LABELS[s] }))} />
      <div>
        <button type="submit" className={styles.button} disabled={pending}>
          {pending ? "Creating…" : "Create key"}
        </button>
      </div>
      <div style={{ gridColumn: "1 / -1" }}>
        <ActionMessage state={state} />
        {key ? <ShownOnce id="new-api-key" label="The new key:" value={key} /> : null}
      </div>
    </form>
  );
}

export function CreateWebhookEndpointForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const secret = state.status === "ok" && typeof state.data?.secret === "string" ? state.data.secret : undefined;
  return (
    <form action={formAction} className={styles.filters}>
      <Field id="webhook-url" label="URL" hint="https://… on a public address; it receives signed POST requests." error={fieldError(state, "url")}>
        {(control) => <input {...control} name="url" type="url" required className={styles.input} maxLength={WEBHOOK_URL_MAX} autoComplete="off" defaultValue={typedValue(state, "url")} />}
      </Field>
      <Checkboxes legend="Events" name="events" error={fieldError(state, "events")} options={WEBHOOK_EVENT_TYPES.map((e) => ({ value: e, label: WEBHOOK_EVENT_LABELS[e] }))} />
      <div>
        <button type="submit" className={styles.button} disabled={pending}>
          {pending ? "Adding…" : "Add endpoint"}
        </button>
      </div>
      <div style={{ gridColumn: "1 / -1" }}>
        <ActionMessage state={state} />
        {secret ? <ShownOnce id="new-webhook-secret" label="The signing secret:" value={secret} /> : null}
      </div>
    </form>
  );
}

/**
 * One button that posts `fields`; with `confirm`, a first press asks (the question, then "Yes, …" and
 * "Cancel"), so a revocation or deletion is never one slip of the finger.
 */
export function ButtonForm({
  action,
  fields,
  label,
  pendingLabel,
  accessibleLabel,
  confirm,
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  accessibleLabel: string;
  confirm?: string;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const { shown } = useShownState(state, pending);
  const [asking, setAsking] = useState(false);
  return (
    <form action={formAction} className={styles.actionsRow} onSubmit={() => setAsking(false)}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {confirm && !asking ? (
        <button type="button" className={styles.buttonSecondary} aria-label={accessibleLabel} onClick={() => setAsking(true)}>
          {label}
        </button>
      ) : (
        <>
          {confirm ? <span role="alert">{confirm}</span> : null}
          <button type="submit" className={confirm ? styles.button : styles.buttonSecondary} disabled={pending} aria-label={confirm ? undefined : accessibleLabel} autoFocus={Boolean(confirm)}>
            {pending ? pendingLabel : confirm ? `Yes, ${label.toLowerCase()}` : label}
          </button>
          {confirm ? (
            <button type="button" className={styles.buttonSecondary} onClick={() => setAsking(false)}>
              Cancel
            </button>
          ) : null}
        </>
      )}
      <ActionMessage state={shown} />
    </form>
  );
}
