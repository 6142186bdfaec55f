"use client";

import { useState } from "react";
import styles from "./staff.module.css";

/**
 * Copies the text of the element `targetId` (a <pre> of code). Where the clipboard API is missing
 * (plain http on a clinic's network) it selects the text instead and says how to copy it.
 * `text`: what to copy when the element's text is not it as written (a list: one item per line).
 */
export function CopyButton({ targetId, label, text }: { targetId: string; label: string; text?: string }) {
  const [status, setStatus] = useState("");
  const copy = async () => {
    const element = document.getElementById(targetId);
    if (!element) return;
    try {
      await navigator.clipboard.writeText(text ?? element.textContent ?? "");
      setStatus("Copied.");
    } catch {
      const range = document.createRange();
      range.selectNodeContents(element);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      setStatus("Selected: press Ctrl+C (⌘C on a Mac) to copy.");
    }
  };
  return (
    <div className={styles.actionsRow}>
      <button type="button" className={styles.buttonSecondary} onClick={() => void copy()} aria-describedby={`${targetId}-status`}>
        {label}
      </button>
      <span id={`${targetId}-status`} role="status" className={styles.muted}>
        {status}
      </span>
    </div>
  );
}
