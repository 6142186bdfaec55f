"use client";

import { useCallback, useEffect, useId, useRef } from "react";

import styles from "./staff.module.css";

/** Rows of the inbox tables (LeadTable marks them) and the name link that opens each one. */
const ROW_SELECTOR = "tr[data-lead-row]";
const LINK_SELECTOR = "a[data-lead-link]";
/** Inputs where j, k and ? are typing, not commands. Checkboxes, radios and buttons take no text. */
const NON_TEXT_INPUTS = new Set(["checkbox", "radio", "button", "submit", "reset", "image", "file", "color", "range"]);

/** True when the key press belongs to a field the person is typing in (or choosing from). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  return target.closest("[contenteditable=''], [contenteditable='true'], [role='textbox'], [role='combobox'], [role='listbox']") !== null;
}

/** Which shortcut a key press is, or null when it is none of ours (modifiers held, typing, composing). */
export function shortcutOf(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey" | "isComposing" | "defaultPrevented" | "target">): "next" | "previous" | "help" | "open" | null {
  if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTypingTarget(event.target)) return null;
  // "?" is Shift+/ on most layouts: Shift is allowed for it only.
  if (event.key === "?") return "help";
  if (event.shiftKey) return null;
  if (event.key === "j") return "next";
  if (event.key === "k") return "previous";
  if (event.key === "Enter") return "open";
  return null;
}

function rows(): HTMLTableRowElement[] {
  return Array.from(document.querySelectorAll<HTMLTableRowElement>(ROW_SELECTOR));
}

/** The row j/k last moved to, else the row holding the focus. */
function currentRow(all: HTMLTableRowElement[]): HTMLTableRowElement | null {
  return all.find((row) => row.hasAttribute("data-current")) ?? all.find((row) => row.contains(document.activeElement)) ?? null;
}

function moveTo(row: HTMLTableRowElement, all: HTMLTableRowElement[]) {
  for (const other of all) if (other !== row) other.removeAttribute("data-current");
  row.setAttribute("data-current", "");
  const link = row.querySelector<HTMLAnchorElement>(LINK_SELECTOR);
  // The focus ring is the visible marker for keyboard users; the row tint shows which row it is.
  link?.focus();
  row.scrollIntoView?.({ block: "nearest" });
}

/**
 * The inbox's keyboard: `j` / `k` move to the next / previous inquiry (the name link takes the focus
 * and the row is marked), `Enter` opens it (the focused link does that itself; on the marked row with
 * the focus elsewhere on the page it follows the row's link), `?` shows the list of shortcuts in a
 * modal dialog (Esc closes it, the focus goes back). Nothing happens while the person types in a
 * field, with Ctrl, Alt or Cmd held, or while the dialog is open.
 */
export function InboxShortcuts() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const id = useId();

  const openHelp = useCallback(() => {
    const dialog = dialogRef.current;
    if (!dialog || dialog.hasAttribute("open")) return;
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // showModal: the rest of the page is inert, the focus moves into the dialog, Esc closes it.
    if (typeof dialog.showModal === "function") dialog.showModal();
    else {
      dialog.setAttribute("open", "");
      dialog.querySelector<HTMLButtonElement>("button")?.focus();
    }
  }, []);
  const restoreFocus = () => {
    returnFocus.current?.focus();
    returnFocus.current = null;
  };
  const closeHelp = () => {
    const dialog = dialogRef.current;
    if (!dialog?.hasAttribute("open")) return;
    if (typeof dialog.close === "function") dialog.close();
    else dialog.removeAttribute("open");
    restoreFocus();
  };

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (dialogRef.current?.hasAttribute("open")) return;
      const shortcut = shortcutOf(event);
      if (shortcut === null) return;
      if (shortcut === "help") {
        event.preventDefault();
        openHelp();
        return;
      }
      const all = rows();
      if (all.length === 0) return;
      const current = currentRow(all);
      if (shortcut === "open") {
        // A focused link, button or checkbox does its own thing with Enter.
        const target = event.target;
        const onControl = target instanceof Element && target.closest("a, button, input, select, textarea, summary, [role='button']") !== null;
        if (onControl || !current) return;
        current.querySelector<HTMLAnchorElement>(LINK_SELECTOR)?.click();
        event.preventDefault();
        return;
      }
      event.preventDefault();
      const index = current ? all.indexOf(current) : -1;
      const next = shortcut === "next" ? Math.min(index + 1, all.length - 1) : index === -1 ? 0 : Math.max(index - 1, 0);
      const row = all[next];
      if (row) moveTo(row, all);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [openHelp]);

  return (
    <>
      <button type="button" className={`${styles.buttonSecondary} ${styles.shortcutsButton}`} onClick={openHelp} aria-keyshortcuts="?">
        Keyboard shortcuts
      </button>
      <dialog
        ref={dialogRef}
        className={styles.shortcutsDialog}
        aria-labelledby={`${id}-title`}
        onClose={restoreFocus}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            closeHelp();
          }
        }}
      >
        <h2 id={`${id}-title`}>Keyboard shortcuts</h2>
        <dl>
          <dt>
            <kbd>j</kbd>
          </dt>
          <dd>Next inquiry</dd>
          <dt>
            <kbd>k</kbd>
          </dt>
          <dd>Previous inquiry</dd>
          <dt>
            <kbd>Enter</kbd>
          </dt>
          <dd>Open the inquiry</dd>
          <dt>
            <kbd>?</kbd>
          </dt>
          <dd>Show this list</dd>
          <dt>
            <kbd>Esc</kbd>
          </dt>
          <dd>Close this list</dd>
        </dl>
        <p className={styles.hint}>The keys do nothing while you type in a field.</p>
        <button type="button" className={styles.button} onClick={closeHelp}>
          Close
        </button>
      </dialog>
    </>
  );
}
