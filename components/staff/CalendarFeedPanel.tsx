"use client";

import { useActionState } from "react";

import { IDLE, type ActionState } from "@/lib/workspace/action-state";

import { ActionMessage } from "./ActionMessage";
import { CopyButton } from "./CopyButton";
import styles from "./staff.module.css";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/**
 * The signed-in person's calendar feed: make a secret URL (shown this once, with copy and how to
 * subscribe), make a new one (the old stops working), or turn it off. The URL lives only in this
 * page's memory: never in the page's address, a log or the audit.
 */
export function CalendarFeedPanel({
  since,
  consultant,
  regenerateAction,
  revokeAction,
}: {
  /** When the current feed was made (the clinic's words), or null: none. */
  since: string | null;
  /** False: the account takes no consultations, so the feed is the clinic's single calendar. */
  consultant: boolean;
  regenerateAction: Action;
  revokeAction: Action;
}) {
  const [made, makeAction, making] = useActionState(regenerateAction, IDLE);
  const [revoked, revokeFormAction, revoking] = useActionState(revokeAction, IDLE);
  const url = made.status === "ok" && typeof made.data?.url === "string" && revoked === IDLE ? made.data.url : null;
  const active = url !== null || (since !== null && revoked.status !== "ok");
  return (
    <section aria-labelledby="feed-heading">
      <h2 id="feed-heading">Your consultations in your calendar</h2>
      <p>
        {consultant
          ? "Subscribe to your own consultations from Google Calendar, Outlook or Apple Calendar."
          : "You take no consultations yourself, so this feed lists the clinic's consultations that have no consultant."}{" "}
        Each one shows the patient&apos;s first name and reference only.
      </p>
      <p>The URL is secret: anyone who has it can see these consultations. Keep it to yourself; make a new one if it got out.</p>
      {url ? (
        <div role="status">
          <p>Your feed URL (shown once):</p>
          <pre id="calendar-feed-url" className={styles.code}>
            {url}
          </pre>
          <CopyButton targetId="calendar-feed-url" label="Copy the URL" />
          <ul>
            <li>Google Calendar: Other calendars, +, From URL, paste it.</li>
            <li>Outlook: Add calendar, Subscribe from web, paste it.</li>
            <li>Apple Calendar: File, New Calendar Subscription, paste it.</li>
          </ul>
        </div>
      ) : (
        <p>{active && since ? `You have a feed, made ${since}. Its URL is shown only when it is made.` : "You have no calendar feed."}</p>
      )}
      <ActionMessage state={url ? IDLE : made} />
      <form action={makeAction} className={styles.actionsRow}>
        <button type="submit" className={styles.button} disabled={making}>
          {making ? "Making the URL…" : active ? "Make a new URL" : "Make a feed URL"}
        </button>
      </form>
      {active ? (
        <form action={revokeFormAction} className={styles.actionsRow}>
          <button type="submit" className={styles.buttonSecondary} disabled={revoking}>
            {revoking ? "Turning it off…" : "Turn the feed off"}
          </button>
        </form>
      ) : null}
      <ActionMessage state={revoked} />
    </section>
  );
}
