"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useRef, useState } from "react";
import styles from "./patient-page.module.css";

type LinkState = "idle" | "sending" | "sent" | "invalid" | "busy" | "failed";

// The same rule as the API's (lib/leads/lead-input.ts emailSchema), without loading zod here:
// anything else the server refuses with 400 and the same words.
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * "Lost your link?": one e-mail field, POST /api/v1/my/link. The answer is the same whatever the
 * address (the API says nothing about who has a request), so the page says the same too.
 */
export function LostLinkForm({ locale }: { locale: string }) {
  const t = useTranslations("patientPage.lostLink");
  const [state, setState] = useState<LinkState>("idle");
  const input = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (state === "sending") return;
    const email = input.current?.value.trim() ?? "";
    if (!LOOKS_LIKE_EMAIL.test(email)) {
      setState("invalid");
      input.current?.focus();
      return;
    }
    setState("sending");
    let status = 0;
    try {
      const response = await fetch("/api/v1/my/link", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email, locale }),
      });
      status = response.status;
    } catch {
      status = 0;
    }
    setState(status === 202 ? "sent" : status === 400 ? "invalid" : status === 429 ? "busy" : "failed");
    if (status === 400) input.current?.focus();
  };

  const invalid = state === "invalid";
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <div className={styles.field}>
        <label htmlFor="lost-link-email">{t("emailLabel")}</label>
        <input
          ref={input}
          id="lost-link-email"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? "lost-link-message" : undefined}
        />
      </div>
      <button type="submit" className="button" disabled={state === "sending"}>
        {state === "sending" ? t("sending") : t("submit")}
      </button>
      {/* Two live regions, present from the start so each change is announced: errors, then the answer. */}
      <p id="lost-link-message" role="alert" className={styles.error}>
        {state === "invalid" || state === "busy" || state === "failed" ? t(state) : null}
      </p>
      <p role="status">{state === "sent" ? t("sent") : null}</p>
    </form>
  );
}
