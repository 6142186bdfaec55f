"use client";

import { useActionState, useEffect, useMemo, useRef, useState } from "react";

import { PRICE_ROW_KEYS, type PriceTable } from "@/lib/pricing/price-table";
import { diffPriceTables, PRICE_ROW_NAMES } from "@/lib/pricing/price-preview";
import { IDLE } from "@/lib/workspace/action-state";
import { formatDateTime, formatPriceRange } from "@/lib/workspace/format";

import { ActionMessage, ReloadOnConflict } from "../ActionMessage";
import staff from "../staff.module.css";
import type { PriceAction } from "./PriceEditor";
import { PriceChangeSummary } from "./PriceChangeSummary";
import styles from "./prices.module.css";

/** One row of the history, serialisable (the page passes it from the server). */
export interface PriceVersionRow {
  version: number;
  active: boolean;
  createdAt: string;
  createdByName: string | null;
  note: string | null;
  table: PriceTable;
}

/** Column names used twice: in the header row, and as the labels of each version's card on a phone. */
const PUBLISHED = "Published";
const NOTE = "Note";

/**
 * Every version, newest first, with "Restore…" on the old ones: restoring publishes that version's
 * rows as a NEW version (the history is never rewritten), after a confirmation naming what changes
 * against the active table.
 */
export function PriceVersions({ versions, action, timeZone }: { versions: PriceVersionRow[]; action: PriceAction; timeZone?: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [chosen, setChosen] = useState<number | null>(null);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const active = versions.find((v) => v.active) ?? versions[0];
  const restoring = versions.find((v) => v.version === chosen && !v.active) ?? null;
  const diff = useMemo(() => (restoring && active ? diffPriceTables(active.table, restoring.table) : null), [restoring, active]);

  useEffect(() => {
    if (chosen !== null) confirmRef.current?.focus();
  }, [chosen]);
  // The server answered: close the confirmation (the message below says what happened) and focus it.
  const [answered, setAnswered] = useState(state);
  if (answered !== state) {
    setAnswered(state);
    setChosen(null);
  }
  useEffect(() => {
    if (state.status !== "idle") messageRef.current?.focus();
  }, [state]);

  return (
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading">Version history</h2>
      <p>Restoring an old version publishes its figures and labels as a new version; inquiries already saved keep the version they were quoted from.</p>
      <div className={`${staff.tableWrap} ${styles.scroll}`} tabIndex={0} role="region" aria-label="Version history table">
        <table className={`${staff.table} ${staff.cardTable} ${styles.versionsTable}`} role="table">
          <caption>Newest first</caption>
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">Version</th>
              <th scope="col" role="columnheader">{PUBLISHED}</th>
              {PRICE_ROW_KEYS.map((key) => (
                <th key={key} scope="col" role="columnheader">
                  {PRICE_ROW_NAMES[key]}
                </th>
              ))}
              <th scope="col" role="columnheader">{NOTE}</th>
              <th scope="col" role="columnheader">
                <span className={staff.visuallyHidden}>Restore</span>
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {versions.map((v) => (
              <tr key={v.version} role="row">
                <th scope="row" role="rowheader">
                  {v.version}
                  {v.active ? <strong> (active)</strong> : null}
                </th>
                <td role="cell" data-label={PUBLISHED}>
                  {formatDateTime(v.createdAt, timeZone)}
                  <br />
                  {v.createdByName ? `by ${v.createdByName}` : "by the system"}
                </td>
                {PRICE_ROW_KEYS.map((key) => (
                  <td key={key} role="cell" className={styles.money} data-label={PRICE_ROW_NAMES[key]}>
                    {formatPriceRange(v.table.rows[key].minUsd, v.table.rows[key].maxUsd)}
                  </td>
                ))}
                <td role="cell" data-label={NOTE}>
                  {v.note ?? ""}
                </td>
                <td role="cell">
                  {v.active ? null : (
                    <button type="button" className={staff.buttonSecondary} onClick={() => setChosen(v.version)} aria-expanded={chosen === v.version}>
                      Restore version {v.version}…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div ref={messageRef} tabIndex={-1} className={styles.message}>
        <ActionMessage state={state} />
        <ReloadOnConflict state={state} href="/staff/prices">
          Reload the price page
        </ReloadOnConflict>
      </div>
      {restoring && diff && active ? (
        <form action={formAction} className={`${staff.panel} ${styles.confirm}`} aria-labelledby="restore-confirm-heading">
          <h3 id="restore-confirm-heading" ref={confirmRef} tabIndex={-1}>
            Restore version {restoring.version} as version {Math.max(...versions.map((v) => v.version)) + 1}?
          </h3>
          <p>Compared with the active version {active.version}:</p>
          <PriceChangeSummary diff={diff} headingLevel={4} />
          <input type="hidden" name="version" value={restoring.version} />
          <input type="hidden" name="baseVersion" value={active.version} />
          <p className={staff.actionsRow}>
            <button type="submit" className={staff.button} disabled={pending}>
              {pending ? "Restoring…" : `Restore version ${restoring.version}`}
            </button>
            <button type="button" className={staff.buttonSecondary} onClick={() => setChosen(null)} disabled={pending}>
              Cancel
            </button>
          </p>
        </form>
      ) : null}
    </section>
  );
}
