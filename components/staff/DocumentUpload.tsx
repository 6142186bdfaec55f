"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";

import { DOCUMENT_UPLOAD_TYPES } from "@/lib/photos/schemas";

import styles from "./staff.module.css";

/**
 * Attach the dermatologist's clearance letter: the file goes as the raw body to POST
 * /api/v1/leads/{id}/documents (the one route wrapper checks the session, the role and the bytes),
 * then the page reloads its list. The result is announced; an error moves focus to the message.
 */
export function DocumentUpload({ leadId }: { leadId: string }) {
  const id = useId();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const message = useRef<HTMLParagraphElement>(null);
  const [state, setState] = useState<{ status: "idle" | "sending" | "ok" | "error"; text: string }>({ status: "idle", text: "" });

  async function send(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) {
      setState({ status: "error", text: "Choose the letter first (PDF, JPEG or PNG)." });
      message.current?.focus();
      return;
    }
    setState({ status: "sending", text: "Sending…" });
    try {
      const response = await fetch(`/api/v1/leads/${encodeURIComponent(leadId)}/documents?kind=clearance_letter`, {
        method: "POST",
        body: file,
        headers: { "content-type": file.type || "application/octet-stream" },
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setState({ status: "error", text: body?.error?.message ?? "The letter could not be attached. Please try again." });
        message.current?.focus();
        return;
      }
      setState({ status: "ok", text: "Letter attached." });
      if (input.current) input.current.value = "";
      router.refresh();
    } catch {
      setState({ status: "error", text: "The connection was lost. Nothing was attached; please try again." });
      message.current?.focus();
    }
  }

  return (
    <form onSubmit={send} className={styles.field} aria-describedby={`${id}-msg`}>
      <label htmlFor={`${id}-file`}>Attach the clearance letter (PDF, JPEG or PNG, up to 10 MB)</label>
      <input ref={input} id={`${id}-file`} type="file" accept={DOCUMENT_UPLOAD_TYPES.join(",")} aria-invalid={state.status === "error" ? true : undefined} />
      <button type="submit" className={styles.buttonSecondary} disabled={state.status === "sending"}>
        Attach letter
      </button>
      <p id={`${id}-msg`} ref={message} tabIndex={-1} role={state.status === "error" ? "alert" : "status"} className={state.status === "error" ? styles.fieldError : styles.muted}>
        {state.text}
      </p>
    </form>
  );
}
