import Link from "next/link";
import type { ReactNode } from "react";

import { Field } from "./Field";
import styles from "./staff.module.css";

/**
 * The "from" and "to" date fields of a staff GET filter form (inbox, audit log, dashboard): two
 * labelled native date inputs named `from` and `to` (the keyboard and the browser's date picker
 * work as usual), each with its error (aria-describedby / aria-invalid through Field). The ids are
 * `${idPrefix}-from` and `${idPrefix}-to`.
 */
export function DateRangeFields({
  idPrefix,
  fromLabel,
  toLabel,
  from,
  to,
  errors,
}: {
  idPrefix: string;
  fromLabel: string;
  toLabel: string;
  from: string | undefined;
  to: string | undefined;
  errors: { from?: string | undefined; to?: string | undefined };
}) {
  return (
    <>
      <Field id={`${idPrefix}-from`} label={fromLabel} error={errors.from}>
        {(control) => <input {...control} name="from" type="date" className={styles.input} defaultValue={from ?? ""} />}
      </Field>
      <Field id={`${idPrefix}-to`} label={toLabel} error={errors.to}>
        {(control) => <input {...control} name="to" type="date" className={styles.input} defaultValue={to ?? ""} />}
      </Field>
    </>
  );
}

/** A pager link: where it goes and what it says (its accessible name). */
export interface PagerLink {
  href: string;
  label: string;
}

/**
 * The pager under a staff list: a "Pages" navigation landmark with the link back (left), where
 * the reader is (middle) and the link on (right); a missing link leaves its place empty so the
 * other two stay where they were. Plain links: reachable with Tab, followed with Enter.
 */
export function Pager({ back, position, next }: { back: PagerLink | null; position: ReactNode; next: PagerLink | null }) {
  return (
    <nav className={styles.pager} aria-label="Pages">
      {back ? <Link href={back.href}>{back.label}</Link> : <span />}
      <span>{position}</span>
      {next ? <Link href={next.href}>{next.label}</Link> : <span />}
    </nav>
  );
}

/**
 * The buttons of a staff list's GET filter form: "Show" submits the filters, "Clear" is a link to
 * the list without them (so it works without JavaScript and the URL says what is shown).
 */
export function FilterButtons({ clearHref }: { clearHref: string }) {
  return (
    <div className={styles.actionsRow}>
      <button type="submit" className={styles.button}>
        Show
      </button>
      <Link href={clearHref} className={styles.buttonSecondary}>
        Clear
      </Link>
    </div>
  );
}
