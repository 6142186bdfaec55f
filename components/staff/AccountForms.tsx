"use client";

import { useActionState, useEffect, useRef, useState } from "react";

import { PASSWORD_RULES_TEXT } from "@/lib/staff/password-policy";
import { BACKUP_CODE_COUNT, BACKUP_CODES_LOW } from "@/lib/staff/two-factor-policy";
import { IDLE, type ActionState } from "@/lib/workspace/action-state";

import { ActionMessage } from "./ActionMessage";
import { CopyButton } from "./CopyButton";
import { Field, fieldError } from "./Field";
import { NewPasswordField } from "./NewPasswordField";
import styles from "./staff.module.css";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** The signed-in person's own password (also the forced change after the admin's reset). */
export function ChangePasswordForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className={styles.panel} noValidate>
      <ActionMessage state={state} />
      <Field id="current-password" label="Current password" hint="The temporary one, if the admin gave you one." error={fieldError(state, "currentPassword")}>
        {(control) => <input {...control} name="currentPassword" type="password" autoComplete="current-password" required className={styles.input} />}
      </Field>
      <NewPasswordField id="new-password" name="newPassword" label="New password" hint={PASSWORD_RULES_TEXT} error={fieldError(state, "newPassword")} style={{ marginTop: "1rem" }} />
      <Field id="confirm-password" label="New password again" error={fieldError(state, "confirmPassword")} style={{ marginTop: "1rem" }}>
        {(control) => <input {...control} name="confirmPassword" type="password" autoComplete="new-password" required className={styles.input} />}
      </Field>
      <p style={{ marginTop: "1rem" }}>
        <button type="submit" className={styles.button} disabled={pending}>
          {pending ? "Changing…" : "Change password"}
        </button>
      </p>
    </form>
  );
}

/**
 * A password-confirmed step (start, turn off, new backup codes): its state and its form. A refused
 * password puts the focus back on the field, whose error says why.
 */
function usePasswordStep({
  id,
  action,
  label,
  button,
  pendingLabel,
  secondary,
}: {
  id: string;
  action: Action;
  label: string;
  button: string;
  pendingLabel: string;
  secondary?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const input = useRef<HTMLInputElement>(null);
  const passwordError = fieldError(state, "password");
  useEffect(() => {
    if (passwordError) input.current?.focus();
  }, [state, passwordError]);
  return { state, form: (
    <form action={formAction} className={styles.actionsRow} noValidate>
      <Field id={id} label={label} error={passwordError}>
        {(control) => <input {...control} ref={input} name="password" type="password" autoComplete="current-password" required className={styles.input} />}
      </Field>
      <button type="submit" className={secondary ? styles.buttonSecondary : styles.button} disabled={pending} style={{ alignSelf: "end" }}>
        {pending ? pendingLabel : button}
      </button>
    </form>
  ) };
}

/**
 * Backup codes shown this once (after enrolment or a regeneration): the list, copy, download as a
 * text file. The codes live only in this page's memory: never in a URL, a log or the audit.
 */
function BackupCodesList({ codes }: { codes: readonly string[] }) {
  const text = `${codes.join("\n")}\n`;
  return (
    <>
      <ul id="tf-backup-codes" className={`${styles.code} ${styles.backupCodes}`} aria-label="Backup codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className={styles.actionsRow}>
        <CopyButton targetId="tf-backup-codes" label="Copy the codes" text={text} />
        <a className={styles.buttonSecondary} href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`} download="smp-staff-backup-codes.txt">
          Download as a text file
        </a>
      </div>
    </>
  );
}

/**
 * "Generate new backup codes" (two-factor on): how many unused codes are left, a password step, then
 * the new codes once, with the warning that the old ones no longer work.
 */
function BackupCodesPanel({ unused, action }: { unused: number | null; action: Action }) {
  const step = usePasswordStep({
    id: "tf-regenerate-password",
    action,
    label: "Your password",
    button: "Generate new backup codes",
    pendingLabel: "Generating…",
    secondary: true,
  });
  const [doneWith, setDoneWith] = useState<ActionState | null>(null);
  const codes = step.state.status === "ok" && doneWith !== step.state ? step.state.data?.backupCodes : undefined;
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = Array.isArray(codes);
  useEffect(() => {
    if (shown) heading.current?.focus();
  }, [shown]);

  if (Array.isArray(codes)) {
    return (
      <section className={styles.panel} aria-labelledby="tf-new-codes-heading">
        <h2 id="tf-new-codes-heading" ref={heading} tabIndex={-1}>
          Your new backup codes
        </h2>
        <p className={styles.warning} role="alert">
          <strong>Your old backup codes no longer work.</strong> Throw away any printed or saved copy of them.
        </p>
        <p>
          Each code signs you in once if you do not have your phone. <strong>They are shown only now:</strong> print them or keep them in a password
          manager, not on the phone itself.
        </p>
        <BackupCodesList codes={codes} />
        <p style={{ marginTop: "1rem" }}>
          <button type="button" className={styles.button} onClick={() => setDoneWith(step.state)}>
            I have saved them
          </button>
        </p>
      </section>
    );
  }

  return (
    <section className={styles.panel} aria-labelledby="tf-backup-heading">
      <h2 id="tf-backup-heading">Backup codes</h2>
      {unused === null ? null : (
        <p className={unused <= BACKUP_CODES_LOW ? styles.warning : undefined}>
          {unused === 0
            ? "You have no unused backup codes left."
            : `You have ${unused} of ${BACKUP_CODE_COUNT} backup codes unused.`}
          {unused <= BACKUP_CODES_LOW ? " Generate new ones so you can still sign in without your phone." : null}
        </p>
      )}
      <p>New codes replace all of them: your old backup codes stop working at once.</p>
      <ActionMessage state={step.state.status === "ok" ? IDLE : step.state} />
      {step.form}
    </section>
  );
}

/**
 * Two-factor sign-in for the signed-in person: start (password), scan the QR code or type the secret,
 * confirm with a code, then the backup codes are shown once. One component for every state, so the
 * backup codes stay on screen when the page re-renders after the confirmation (the session cookie changes).
 */
export function TwoFactorPanel({
  enabled,
  required,
  startAction,
  confirmAction,
  disableAction,
  regenerateAction,
  unusedBackupCodes,
}: {
  enabled: boolean;
  required: boolean;
  startAction: Action;
  confirmAction: Action;
  disableAction: Action;
  regenerateAction: Action;
  /** Unused backup codes (null: two-factor sign-in is off). */
  unusedBackupCodes: number | null;
}) {
  const start = usePasswordStep({ id: "tf-start-password", action: startAction, label: "Your password", button: "Set up two-factor sign-in", pendingLabel: "Starting…" });
  const disable = usePasswordStep({ id: "tf-disable-password", action: disableAction, label: "Your password", button: "Turn off two-factor sign-in", pendingLabel: "Turning off…", secondary: true });
  const [confirmState, confirmFormAction, confirming] = useActionState(confirmAction, IDLE);
  const [codesSaved, setCodesSaved] = useState(false);
  const backupCodes = confirmState.status === "ok" ? confirmState.data?.backupCodes : undefined;
  const enrolment = start.state.status === "ok" ? start.state.data : undefined;

  if (Array.isArray(backupCodes)) {
    return (
      <section className={styles.panel} aria-labelledby="tf-codes-heading">
        <ActionMessage state={confirmState} />
        <h2 id="tf-codes-heading">Your backup codes</h2>
        <p>
          Each code signs you in once if you do not have your phone. <strong>They are shown only now:</strong> print them or keep them in a password
          manager, not on the phone itself.
        </p>
        <BackupCodesList codes={backupCodes} />
        <label className={styles.actionsRow} style={{ marginTop: "1rem" }}>
          <input type="checkbox" checked={codesSaved} onChange={(e) => setCodesSaved(e.target.checked)} /> I have saved my backup codes
        </label>
        <p style={{ marginTop: "1rem" }}>
          {codesSaved ? (
            <a className={styles.button} href="/staff">
              Continue to the inbox
            </a>
          ) : null}
        </p>
      </section>
    );
  }

  if (enabled) {
    return (
      <>
        <section className={styles.panel} aria-labelledby="tf-on-heading">
          <h2 id="tf-on-heading">Two-factor sign-in is on</h2>
          <p>Sign-in asks for a code from your authenticator app (or one of your backup codes).</p>
          {required ? (
            <p className={styles.hint}>The clinic requires two-factor sign-in for admins, so it cannot be turned off here.</p>
          ) : (
            <>
              <ActionMessage state={disable.state} />
              {disable.form}
            </>
          )}
        </section>
        <BackupCodesPanel unused={unusedBackupCodes} action={regenerateAction} />
      </>
    );
  }

  const secret = typeof enrolment?.secret === "string" ? enrolment.secret : undefined;
  const qrSvg = typeof enrolment?.qrSvg === "string" ? enrolment.qrSvg : undefined;
  return (
    <section className={styles.panel} aria-labelledby="tf-setup-heading">
      <h2 id="tf-setup-heading">Set up two-factor sign-in</h2>
      <p>
        After your password, sign-in will ask for a 6-digit code from an authenticator app on your phone (Google Authenticator, Microsoft
        Authenticator, 1Password, Authy…). Someone who learns your password still cannot sign in.
      </p>
      <ActionMessage state={disable.state.status === "ok" ? disable.state : start.state} />
      {secret && qrSvg ? (
        <>
          <ol>
            <li>
              In the app, add an account and scan this QR code:
              <p>
                {/* The SVG is made on the server by the qrcode package from the otpauth:// address. */}
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg)}`} width={200} height={200} alt="QR code for your authenticator app" />
              </p>
            </li>
            <li>
              Or type this key into the app by hand (time-based):
              <code
                className={styles.code}
                aria-label={`Key: ${secret}`}
                style={{ display: "block", whiteSpace: "normal", overflowWrap: "anywhere", marginTop: "0.25rem", fontFamily: "ui-monospace, monospace" }}
              >
                {secret}
              </code>
            </li>
            <li>Enter the code the app shows now:</li>
          </ol>
          <form action={confirmFormAction} className={styles.actionsRow} noValidate>
            <Field id="tf-confirm-code" label="6-digit code" error={fieldError(confirmState, "totpCode")}>
              {(control) => (
                <input {...control} name="totpCode" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]*" maxLength={8} required className={styles.input} />
              )}
            </Field>
            <button type="submit" className={styles.button} disabled={confirming} style={{ alignSelf: "end" }}>
              {confirming ? "Checking…" : "Confirm and turn on"}
            </button>
          </form>
          <ActionMessage state={confirmState} />
        </>
      ) : (
        start.form
      )}
    </section>
  );
}

/** The second step of a sign-in: a code from the app, or a backup code. */
export function TwoFactorSignInForm({ action, returnTo }: { action: Action; returnTo: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [method, setMethod] = useState<"totp" | "backup">("totp");
  return (
    <form action={formAction} className={styles.panel} noValidate>
      <input type="hidden" name="returnTo" value={returnTo} />
      <input type="hidden" name="method" value={method} />
      <ActionMessage state={state} />
      {method === "totp" ? (
        <Field id="signin-totp" label="6-digit code from your authenticator app" error={fieldError(state, "totpCode")}>
          {(control) => (
            <input {...control} name="totpCode" inputMode="numeric" autoComplete="one-time-code" maxLength={8} required autoFocus className={styles.input} />
          )}
        </Field>
      ) : (
        <Field id="signin-backup" label="Backup code" hint="One of the codes you saved when you set up two-factor sign-in; each works once." error={fieldError(state, "backupCode")}>
          {(control) => <input {...control} name="backupCode" autoComplete="off" spellCheck={false} maxLength={11} required className={styles.input} />}
        </Field>
      )}
      <p style={{ marginTop: "1rem" }}>
        <button type="submit" className={styles.button} disabled={pending}>
          {pending ? "Checking…" : "Sign in"}
        </button>
      </p>
      <p>
        <button type="button" className={styles.buttonSecondary} onClick={() => setMethod(method === "totp" ? "backup" : "totp")}>
          {method === "totp" ? "Use a backup code instead" : "Use the authenticator app instead"}
        </button>
      </p>
      <p className={styles.hint}>
        Lost your phone and your backup codes? Ask the clinic admin to remove two-factor sign-in from your account. <a href="/staff/sign-in">Start again</a>
      </p>
    </form>
  );
}
