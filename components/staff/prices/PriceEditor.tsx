"use client";

import { type FormEvent, startTransition, useActionState, useEffect, useMemo, useRef, useState } from "react";

import { zodFieldErrors } from "@/lib/errors";
import { LOCALES } from "@/lib/i18n/locales";
import {
  PRICE_LABEL_FIELDS,
  PRICE_LABEL_MAX,
  PRICE_NOTE_MAX,
  PRICE_ROW_KEYS,
  type PriceTable,
  publishPriceTableFromForm,
  publishPriceTableSchema,
} from "@/lib/pricing/price-table";
import { diffPriceTables, PRICE_LANGUAGE_NAMES, PRICE_ROW_NAMES } from "@/lib/pricing/price-preview";
import { exactRowLabel } from "@/lib/pricing/quote-price";
import { IDLE, type ActionState } from "@/lib/workspace/action-state";
import { formatUsd } from "@/lib/workspace/format";

import { ActionMessage, ReloadOnConflict } from "../ActionMessage";
import { Field } from "../Field";
import staff from "../staff.module.css";
import { LocaleLabels } from "./LocaleLabels";
import { PriceChangeSummary } from "./PriceChangeSummary";
import { PricePreview } from "./PricePreview";
import styles from "./prices.module.css";

export type PriceAction = (prev: ActionState, form: FormData) => Promise<ActionState>;

const FIELDS = [...LOCALES.map((locale) => PRICE_LABEL_FIELDS[locale]), "minUsd", "maxUsd"] as const;
type Draft = Record<string, string>;

function draftOf(table: PriceTable): Draft {
  const out: Draft = {};
  for (const key of PRICE_ROW_KEYS) {
    for (const field of FIELDS) out[`${key}.${field}`] = String(table.rows[key][field]);
  }
  return out;
}

function formDataOf(draft: Draft): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(draft)) form.set(name, value);
  return form;
}

/** The draft parsed by THE publish schema (the server parses the same FormData with it again). */
function parseDraft(draft: Draft, version: number): { table: PriceTable } | { errors: Record<string, string> } {
  const parsed = publishPriceTableSchema.safeParse(publishPriceTableFromForm(formDataOf(draft)));
  if (!parsed.success) return { errors: Object.fromEntries(zodFieldErrors(parsed.error)) };
  const { note: _note, baseVersion: _base, ...rows } = parsed.data;
  return { table: { version, currency: "USD", rows } };
}

const INVALID_MESSAGE = "Some prices need another look. Nothing was published.";

/**
 * The price table form with its safety net: the admin edits a draft (kept as typed, whatever the
 * server answers), sees every price patients would see for it beside the active table, reviews a
 * confirmation that names each change, and only then publishes. Enter in a field reviews; it never
 * publishes. The server parses the same schema and refuses a stale base version.
 */
export function PriceEditor({ action, active, activeVersion, nextVersion }: { action: PriceAction; active: PriceTable; activeVersion: number; nextVersion: number }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [draft, setDraft] = useState<Draft>(() => draftOf(active));
  const [base, setBase] = useState(activeVersion);
  const [step, setStep] = useState<"edit" | "confirm">("edit");
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  // Fields changed since their error was shown: the message goes, so it never stands beside a value
  // it is not about (the next review or server answer checks everything again).
  const [edited, setEdited] = useState<ReadonlySet<string>>(() => new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const confirmRef = useRef<HTMLHeadingElement>(null);

  // A new active version (published here or restored below): start again from it.
  if (activeVersion !== base) {
    setBase(activeVersion);
    setDraft(draftOf(active));
    setStep("edit");
    setClientErrors(null);
    setEdited(new Set());
  }

  const parsed = useMemo(() => parseDraft(draft, nextVersion), [draft, nextVersion]);
  const diff = useMemo(() => ("table" in parsed ? diffPriceTables(active, parsed.table) : null), [parsed, active]);
  const errors = clientErrors ?? (state.status === "error" ? (state.fields ?? {}) : {});
  const errorOf = (name: string) => (Object.hasOwn(errors, name) && !edited.has(name) ? errors[name] : undefined);

  // The server answered. Refused: back to editing with the typed draft untouched, focus on the first
  // field in error (or the message). Published: the message, focused.
  const [answered, setAnswered] = useState(state);
  if (answered !== state) {
    setAnswered(state);
    setClientErrors(null);
    setEdited(new Set());
    setNotice(null);
    if (state.status !== "error" || !state.fields || Object.keys(state.fields).some((name) => name !== "note")) setStep("edit");
    setFocusRequest((n) => n + 1);
  }

  useEffect(() => {
    if (focusRequest === 0) return;
    const form = formRef.current;
    const target = form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>("[data-price-message]");
    target?.focus();
  }, [focusRequest]);

  useEffect(() => {
    if (step === "confirm") confirmRef.current?.focus();
  }, [step]);

  const update = (name: string, value: string) => {
    setDraft((d) => ({ ...d, [name]: value }));
    setEdited((names) => (names.has(name) ? names : new Set(names).add(name)));
    setNotice(null);
  };

  const review = () => {
    setEdited(new Set());
    if ("errors" in parsed) {
      setClientErrors(parsed.errors);
      setNotice(INVALID_MESSAGE);
      setFocusRequest((n) => n + 1);
      return;
    }
    setClientErrors({});
    if (diff && diff.rows.length === 0) {
      setNotice("Nothing changes: the draft is the same as the active table.");
      setFocusRequest((n) => n + 1);
      return;
    }
    setNotice(null);
    setStep("confirm");
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (step !== "confirm") return review();
    const form = new FormData(event.currentTarget);
    startTransition(() => formAction(form));
  };

  const message: ActionState = notice ? { status: "error", message: notice } : state;
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-describedby="price-form-hint">
      <input type="hidden" name="baseVersion" value={activeVersion} />
      <p id="price-form-hint" className={staff.hint}>
        Whole US dollars (covers sessions 1 and 2); every lowest price at least $100 and not above the highest. Nothing is published until you
        confirm.
      </p>
      <div className={styles.rowGrid}>
        {PRICE_ROW_KEYS.map((key) => {
          const row = active.rows[key];
          const typed = { label: (draft[`${key}.label`] ?? "").trim(), labelEs: (draft[`${key}.labelEs`] ?? "").trim() };
          return (
            <fieldset key={key} className={styles.rowCard} disabled={step === "confirm"}>
              <legend>
                {PRICE_ROW_NAMES[key]} <code className={styles.code}>{key}</code>
              </legend>
              {LOCALES.map((locale) => {
                const name = `${key}.${PRICE_LABEL_FIELDS[locale]}`;
                return (
                  <Field key={locale} id={`${key}-${PRICE_LABEL_FIELDS[locale]}`} label={`Label shown to patients (${PRICE_LANGUAGE_NAMES[locale]})`} error={errorOf(name)}>
                    {(control) => (
                      <textarea
                        {...control}
                        name={name}
                        lang={locale}
                        className={`${staff.textarea} ${styles.labelInput}`}
                        rows={2}
                        value={draft[name] ?? ""}
                        onChange={(e) => update(name, e.currentTarget.value)}
                        onKeyDown={(e) => {
                          if (e.key === "Enter") {
                            e.preventDefault();
                            e.currentTarget.form?.requestSubmit();
                          }
                        }}
                        maxLength={PRICE_LABEL_MAX}
                      />
                    )}
                  </Field>
                );
              })}
              <div className={styles.figures}>
                <Field id={`${key}-min`} label="Lowest price (USD)" hint={`Active: ${formatUsd(row.minUsd)}`} error={errorOf(`${key}.minUsd`)}>
                  {(control) => (
                    <input
                      {...control}
                      name={`${key}.minUsd`}
                      className={staff.input}
                      inputMode="numeric"
                      autoComplete="off"
                      value={draft[`${key}.minUsd`] ?? ""}
                      onChange={(e) => update(`${key}.minUsd`, e.currentTarget.value)}
                    />
                  )}
                </Field>
                <Field id={`${key}-max`} label="Highest price (USD)" hint={`Active: ${formatUsd(row.maxUsd)}`} error={errorOf(`${key}.maxUsd`)}>
                  {(control) => (
                    <input
                      {...control}
                      name={`${key}.maxUsd`}
                      className={staff.input}
                      inputMode="numeric"
                      autoComplete="off"
                      value={draft[`${key}.maxUsd`] ?? ""}
                      onChange={(e) => update(`${key}.maxUsd`, e.currentTarget.value)}
                    />
                  )}
                </Field>
              </div>
              <div className={styles.patientSees}>
                <span className={styles.patientSeesHeading}>Patients see</span>
                <LocaleLabels>{(locale) => exactRowLabel(typed, locale) || <em lang="en">no label yet</em>}</LocaleLabels>
              </div>
            </fieldset>
          );
        })}
      </div>

      {step === "edit" ? (
        <p className={staff.actionsRow}>
          <button type="submit" className={staff.button}>
            Review changes
          </button>
          <button
            type="button"
            className={staff.buttonSecondary}
            onClick={() => {
              setDraft(draftOf(active));
              setClientErrors(null);
              setEdited(new Set());
              setNotice(null);
            }}
          >
            Start again from version {activeVersion}
          </button>
        </p>
      ) : null}

      <div data-price-message="" tabIndex={-1} className={styles.message}>
        <ActionMessage state={message} />
        <ReloadOnConflict state={state} href="/staff/prices">
          Reload the price page
        </ReloadOnConflict>
      </div>

      {step === "confirm" && diff ? (
        <section className={`${staff.panel} ${styles.confirm}`} aria-labelledby="price-confirm-heading">
          <h2 id="price-confirm-heading" ref={confirmRef} tabIndex={-1}>
            Publish version {nextVersion}?
          </h2>
          <PriceChangeSummary diff={diff} headingLevel={3} />
          <Field id="price-note" label="What changed (for the record, optional)" error={errorOf("note")}>
            {(control) => <input {...control} name="note" className={staff.input} maxLength={PRICE_NOTE_MAX} defaultValue={state.values?.note ?? ""} />}
          </Field>
          {/* The confirmed figures travel with the publish: the fieldsets are disabled while confirming. */}
          {Object.entries(draft).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <p className={staff.actionsRow}>
            <button type="submit" className={staff.button} disabled={pending}>
              {pending ? "Publishing…" : `Publish version ${nextVersion}`}
            </button>
            <button type="button" className={staff.buttonSecondary} onClick={() => setStep("edit")} disabled={pending}>
              Back to editing
            </button>
          </p>
        </section>
      ) : null}

      {diff ? (
        <PricePreview diff={diff} activeVersion={activeVersion} />
      ) : (
        <section aria-labelledby="price-preview-heading" className={staff.panel}>
          <h2 id="price-preview-heading">Preview: what patients will see</h2>
          <p>The preview appears when every figure is a whole dollar amount, each lowest price at least $100 and not above its highest.</p>
        </section>
      )}
    </form>
  );
}
