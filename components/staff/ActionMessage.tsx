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
