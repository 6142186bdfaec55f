import type { ReactNode } from "react";

import type { ActionState } from "@/lib/workspace/action-state";

import styles from "./staff.module.css";

/**
 * The outcome of a staff form, announced to screen readers: errors and conflicts as an alert,
 * successes politely. The live region is always rendered so the announcement is not missed.
 */
export function ActionMessage({ state, id }: { state: ActionState; id?: string }) {
  const urgent = state.status === "error" || state.status === "conflict";
  return (
    <div id={id} role={urgent ? "alert" : "status"} aria-live={urgent ? "assertive" : "polite"}>
      {state.message ? <p className={`${styles.status} ${styles[`status_${state.status}`] ?? ""}`}>{state.message}</p> : null}
    </div>
  );
}

/**
 * After a conflict (someone else saved first: the version moved on), the way back to the saved
 * version: a link that reloads the page, with an optional note after it; nothing otherwise.
 */
export function ReloadOnConflict({ state, href, children, after }: { state: ActionState; href: string; children: ReactNode; after?: string }) {
  if (state.status !== "conflict") return null;
  return (
    <p>
      <a href={href}>{children}</a>
      {after}
    </p>
  );
}
