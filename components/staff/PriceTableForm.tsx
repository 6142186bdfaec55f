"use client";

import { useActionState } from "react";

import type { PriceTable } from "@/lib/pricing/price-table";
import { PRICE_ROW_KEYS } from "@/lib/pricing/price-table";
import { IDLE, typedValue, type ActionState } from "@/lib/workspace/action-state";

import { ActionMessage } from "./ActionMessage";
import { Field, fieldError } from "./Field";
import styles from "./staff.module.css";

/** Publish a new price table version, prefilled with the active one. Validated on the server with priceTableSchema. */
export function PriceTableForm({ action, active }: { action: (prev: ActionState, form: FormData) => Promise<ActionState>; active: PriceTable }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction}>
      <div className={styles.tableWrap}>
        <table className={styles.table}>
          <caption>New version (USD, covers sessions 1 and 2)</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Label shown to patients</th>
              <th scope="col">From (USD)</th>
              <th scope="col">To (USD)</th>
            </tr>
          </thead>
          <tbody>
            {PRICE_ROW_KEYS.map((key) => {
              const row = active.rows[key];
              return (
                <tr key={key}>
                  <th scope="row">
                    <code>{key}</code>
                  </th>
                  <td>
                    <Field id={`${key}-label`} label={`Label for ${key}`} labelHidden error={fieldError(state, `${key}.label`)}>
                      {(control) => <input {...control} name={`${key}.label`} className={styles.input} defaultValue={typedValue(state, `${key}.label`, row.label)} required maxLength={120} />}
                    </Field>
                  </td>
                  <td>
                    <Field id={`${key}-min`} label={`Lowest price for ${key}`} labelHidden error={fieldError(state, `${key}.minUsd`)}>
                      {(control) => <input {...control} name={`${key}.minUsd`} className={styles.input} defaultValue={typedValue(state, `${key}.minUsd`, row.minUsd)} inputMode="numeric" required />}
                    </Field>
                  </td>
                  <td>
                    <Field id={`${key}-max`} label={`Highest price for ${key}`} labelHidden error={fieldError(state, `${key}.maxUsd`)}>
                      {(control) => <input {...control} name={`${key}.maxUsd`} className={styles.input} defaultValue={typedValue(state, `${key}.maxUsd`, row.maxUsd)} inputMode="numeric" required />}
                    </Field>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Field id="price-note" label="What changed (for the record)" error={fieldError(state, "note")} style={{ marginTop: "1rem" }}>
        {(control) => <input {...control} name="note" className={styles.input} maxLength={500} defaultValue={typedValue(state, "note")} />}
      </Field>
      <p>
        <button type="submit" className={styles.button} disabled={pending}>
          {pending ? "Publishing…" : "Publish as the new active version"}
        </button>
      </p>
      <ActionMessage state={state} />
    </form>
  );
}
