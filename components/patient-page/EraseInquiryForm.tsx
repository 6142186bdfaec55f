"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useRef, useState } from "react";
import styles from "./patient-page.module.css";

type EraseError = "wrong" | "gone" | "busy" | "failed";

/**
 * "Erase my request": the patient types ERASE (the API's own confirmation word), then the page calls
 * DELETE /api/v1/my/{token} and, once erased, replaces itself with the confirmation page (Back
 * cannot return to a page whose link no longer works). A wrong word never reaches the server.
 */
export function EraseInquiryForm({
  token,
  locale,
  navigate = (url) => window.location.replace(url),
}: {
  token: string;
  locale: string;
  /** Where to go once erased (replacing this page in the history). */
  navigate?: (url: string) => void;
}) {
  const t = useTranslations("patientPage.erase");
  const [error, setError] = useState<EraseError | null>(null);
  const [erasing, setErasing] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (erasing) return;
    if (input.current?.value.trim() !== "ERASE") {
      setError("wrong");
      input.current?.focus();
      return;
    }
    setErasing(true);
    setError(null);
    let status = 0;
    try {
      const response = await fetch(`/api/v1/my/${encodeURIComponent(token)}`, {
        method: "DELETE",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ confirm: "ERASE" }),
      });
      status = response.status;
    } catch {
      status = 0;
    }
    if (status === 204) {
      navigate(`/my/erased?locale=${encodeURIComponent(locale)}`);
      return;
    }
    setErasing(false);
    setError(status === 404 ? "gone" : status === 429 ? "busy" : "failed");
    input.current?.focus();
  };

  return (
    <form className={styles.eraseBox} onSubmit={(event) => void submit(event)} noValidate aria-labelledby="erase-heading">
      <h3 id="erase-heading">{t("heading")}</h3>
      <p>{t("body")}</p>
      <div className={styles.field}>
        <label htmlFor="erase-confirm">{t("label")}</label>
        <span id="erase-hint" className={styles.muted}>
          {t("hint")}
        </span>
        <input
          ref={input}
          id="erase-confirm"
          name="confirm"
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={error === "wrong" ? true : undefined}
          aria-describedby={error ? "erase-hint erase-error" : "erase-hint"}
        />
      </div>
      <p id="erase-error" role="alert" className={styles.error}>
        {error ? t(error) : null}
      </p>
      <button type="submit" className="button" disabled={erasing} aria-disabled={erasing}>
        {erasing ? t("erasing") : t("submit")}
      </button>
    </form>
  );
}
