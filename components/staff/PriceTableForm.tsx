"use client";

import { useActionState } from "react";

import type { PriceTable } from "@/lib/pricing/price-table";
import { PRICE_ROW_KEYS } from "@/lib/pricing/price-table";
import { IDLE, typedValue, type ActionState } from "@/lib/workspace/action-state";

import { ActionMessage, FieldError } from "./ActionMessage";
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
                    <label className={styles.visuallyHidden} htmlFor={`${key}-label`}>
                      Label for {key}
                    </label>
                    <input id={`${key}-label`} name={`${key}.label`} className={styles.input} defaultValue={typedValue(state, `${key}.label`, row.label)} required maxLength={120} />
                    <FieldError state={state} name={`${key}.label`} id={`${key}-label-error`} />
                  </td>
                  <td>
                    <label className={styles.visuallyHidden} htmlFor={`${key}-min`}>
                      Lowest price for {key}
                    </label>
                    <input id={`${key}-min`} name={`${key}.minUsd`} className={styles.input} defaultValue={typedValue(state, `${key}.minUsd`, row.minUsd)} inputMode="numeric" required />
                    <FieldError state={state} name={`${key}.minUsd`} id={`${key}-min-error`} />
                  </td>
                  <td>
                    <label className={styles.visuallyHidden} htmlFor={`${key}-max`}>
                      Highest price for {key}
                    </label>
                    <input id={`${key}-max`} name={`${key}.maxUsd`} className={styles.input} defaultValue={typedValue(state, `${key}.maxUsd`, row.maxUsd)} inputMode="numeric" required />
                    <FieldError state={state} name={`${key}.maxUsd`} id={`${key}-max-error`} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className={styles.field} style={{ marginTop: "1rem" }}>
        <label htmlFor="price-note">What changed (for the record)</label>
        <input id="price-note" name="note" className={styles.input} maxLength={500} defaultValue={typedValue(state, "note")} />
      </div>
      <p>
        <button type="submit" className={styles.button} disabled={pending}>
          {pending ? "Publishing…" : "Publish as the new active version"}
        </button>
      </p>
      <ActionMessage state={state} />
    </form>
  );
}
