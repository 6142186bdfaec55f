"use client";

import { useActionState, useId } from "react";

import { attemptsText, CALL_OUTCOME_LABELS, CALL_OUTCOMES, type CallOutcome } from "@/lib/leads/call-outcomes";
import { IDLE, type ActionState } from "@/lib/workspace/action-state";
import { formatDateTime } from "@/lib/workspace/format";

import { ActionMessage, ReloadOnConflict } from "./ActionMessage";
import calls from "./calls.module.css";
import styles from "./staff.module.css";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export interface CallPanelProps {
  leadId: string;
  version: number;
  /** Calls logged so far. */
  attempts: number;
  /** The latest call, or null. */
  latest: { id: string; attempt: number; outcome: CallOutcome; at: string; nextTryAt: string | null; actorName: string | null } | null;
  /** The inquiry's follow-up (ISO), to say when the suggestion already is it. */
  followUpAt: string | null;
  timeZone: string;
  logAction: Action;
  acceptAction: Action;
}

/**
 * "Log a call" (issue 22 item 5): one button per outcome; the count of attempts; after a call that did
 * not reach the patient, the next try the clinic's cadence suggests, which one tap makes the follow-up
 * (or the follow-up form sets another time); after "Wrong number", the way to correct the details.
 */
export function CallPanel({ leadId, version, attempts, latest, followUpAt, timeZone, logAction, acceptAction }: CallPanelProps) {
  const [logState, logFormAction, logging] = useActionState(logAction, IDLE);
  const [acceptState, acceptFormAction, accepting] = useActionState(acceptAction, IDLE);
  const id = useId();
  const suggestionIsFollowUp = latest?.nextTryAt != null && followUpAt != null && new Date(latest.nextTryAt).getTime() === new Date(followUpAt).getTime();
  return (
    <section className={styles.panel} aria-labelledby={`${id}-heading`} id="calls">
      <h2 id={`${id}-heading`}>Calls</h2>
      <p className={calls.summary} data-call-attempts={attempts}>
        <strong>{attempts === 0 ? "No calls logged yet" : attemptsText(attempts)}</strong>
        {latest ? (
          <>
            {" "}
            · last: {CALL_OUTCOME_LABELS[latest.outcome]}, {formatDateTime(latest.at, timeZone)}
            {latest.actorName ? ` by ${latest.actorName}` : ""}
          </>
        ) : null}
      </p>
      <form action={logFormAction} aria-describedby={`${id}-log-msg`}>
        <input type="hidden" name="leadId" value={leadId} />
        <fieldset className={calls.fieldset}>
          <legend>How did the call go?</legend>
          <div className={calls.outcomes}>
            {CALL_OUTCOMES.map((outcome) => (
              <button key={outcome} type="submit" name="outcome" value={outcome} className={outcome === "reached" ? styles.button : styles.buttonSecondary} disabled={logging}>
                {CALL_OUTCOME_LABELS[outcome]}
              </button>
            ))}
          </div>
        </fieldset>
        <ActionMessage state={logState} id={`${id}-log-msg`} />
        <ReloadOnConflict state={logState} href={`/staff/leads/${leadId}`}>
          Reload this inquiry
        </ReloadOnConflict>
      </form>
      {latest?.outcome === "wrong_number" ? (
        <div className={calls.warning} role="note">
          <p>
            The number was wrong. <a href="#correct-contact">Correct the phone or e-mail</a> before the next try.
          </p>
        </div>
      ) : null}
      {latest?.nextTryAt ? (
        <form action={acceptFormAction} className={calls.suggestion} aria-describedby={`${id}-accept-msg`}>
          <input type="hidden" name="leadId" value={leadId} />
          <input type="hidden" name="callId" value={latest.id} />
          <input type="hidden" name="version" value={version} />
          <p data-next-try={latest.nextTryAt}>
            Suggested next try: <strong>{formatDateTime(latest.nextTryAt, timeZone)}</strong>
          </p>
          {suggestionIsFollowUp ? (
            <p className={styles.muted}>Set as the follow-up.</p>
          ) : (
            <>
              <button type="submit" className={styles.button} disabled={accepting}>
                Use as follow-up
              </button>
              <a href="#workflow-heading">Choose another time</a>
            </>
          )}
          <ActionMessage state={acceptState} id={`${id}-accept-msg`} />
        </form>
      ) : null}
    </section>
  );
}
