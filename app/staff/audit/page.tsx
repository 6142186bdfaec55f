import type { Metadata } from "next";
import Link from "next/link";

import { signOutAction } from "@/app/staff/sign-in/actions";
import { Field } from "@/components/staff/Field";
import { DateRangeFields, FilterButtons, Pager } from "@/components/staff/ListControls";
import { StaffShell } from "@/components/staff/StaffShell";
import styles from "@/components/staff/staff.module.css";
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, SYSTEM_ACTOR, type AuditPageQuery } from "@/lib/audit/audit-query";
import type { AuditEntry } from "@/lib/audit/audit-log";
import { filtersToSearchParams } from "@/lib/leads/lead-filters";
import { formatDateTime } from "@/lib/workspace/format";
import { loadAuditPage, type SearchParams } from "@/lib/workspace/page-loaders";

export const metadata: Metadata = { title: "Audit log · staff", robots: { index: false } };

const FILTER_KEYS = ["actor", "action", "from", "to"] as const;

function filtersOf(query: AuditPageQuery): Record<string, string | undefined> {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, query[key]]));
}

function InquiryCell({ lead }: { lead: AuditEntry["lead"] }) {
  if (!lead) return <span className={styles.muted}>—</span>;
  const name = lead.reference ?? `inquiry ${lead.id.slice(0, 10)}…`;
  if (lead.state === "erased") {
    return (
      <span>
        Erased inquiry <code title={lead.id}>{lead.id}</code>
      </span>
    );
  }
  return (
    <Link href={`/staff/leads/${encodeURIComponent(lead.id)}`}>
      {lead.state === "merged" ? `${name} (merged duplicate)` : name}
    </Link>
  );
}

/** The table's column names: its header row, and the labels of each card on a phone. */
const COLUMNS = { when: "When", who: "Staff member", action: "Action", inquiry: "Inquiry", details: "What happened" } as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user, query, errors, log, staff } = await loadAuditPage(await searchParams);
  const filters = filtersOf(query);
  const pages = Math.max(1, Math.ceil(log.total / log.pageSize));
  const first = (log.page - 1) * log.pageSize + 1;
  const last = first + log.entries.length - 1;
  const pageHref = (page: number) => `/staff/audit?${filtersToSearchParams({ ...filters, page: page > 1 ? page : undefined }).toString()}`;
  const exportHref = `/api/v1/audit/export.csv?${filtersToSearchParams(filters).toString()}`;
  const errorText = Object.values(errors).join(" ");

  return (
    <StaffShell user={user} current="audit" signOut={signOutAction}>
      <h1>Audit log</h1>
      <p className={styles.muted}>
        Who viewed, changed, exported or erased what, newest first. Times and dates are the clinic&apos;s ({log.timeZone}). An erased
        inquiry leaves only its erasure here: who erased which inquiry id and when, nothing about the person.
      </p>

      {/* Keyed by the filters: after "Clear" or a link the controls show the new URL's values, not the last typed ones. */}
      <form
        key={filtersToSearchParams(filters).toString()}
        method="get"
        action="/staff/audit"
        className={styles.panel}
        role="search"
        aria-label="Filter the audit log"
      >
        <div className={styles.filters}>
          <Field id="a-actor" label="Staff member" error={errors.actor}>
            {(control) => (
              <select {...control} name="actor" className={styles.select} defaultValue={query.actor ?? ""}>
                <option value="">Anyone</option>
                {staff.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                    {s.id === user.id ? " (you)" : ""}
                  </option>
                ))}
                <option value={SYSTEM_ACTOR}>No one (patients, automatic jobs)</option>
              </select>
            )}
          </Field>
          <Field id="a-action" label="Action" error={errors.action}>
            {(control) => (
              <select {...control} name="action" className={styles.select} defaultValue={query.action ?? ""}>
                <option value="">Any</option>
                {AUDIT_ACTIONS.map((action) => (
                  <option key={action} value={action}>
                    {AUDIT_ACTION_LABELS[action]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <DateRangeFields idPrefix="a" fromLabel="From" toLabel="To" from={query.from} to={query.to} errors={errors} />
          <FilterButtons clearHref="/staff/audit" />
        </div>
      </form>

      {errorText ? (
        <p role="alert" className={`${styles.status} ${styles.status_error}`}>
          Some filters were not understood and were ignored: {errorText}
        </p>
      ) : null}

      <section aria-label="Audit entries">
        <p className={styles.resultCount} role="status">
          {log.entries.length === 0
            ? "No entries match."
            : `Showing ${first.toLocaleString("en-US")}–${last.toLocaleString("en-US")} of ${log.total.toLocaleString("en-US")} ${log.total === 1 ? "entry" : "entries"}`}
        </p>
        <p>
          <a href={exportHref} download>
            Download these entries as CSV
          </a>{" "}
          <span className={styles.muted}>(every matching entry, not only this page; the download is itself recorded here)</span>
        </p>
        {/* Focusable so a keyboard can scroll the table sideways between a phone's cards and a wide screen (it may hold no link at all). */}
        <div className={styles.tableWrap} tabIndex={0} role="region" aria-label="Audit entries table">
          <table className={`${styles.table} ${styles.cardTable}`} role="table">
            <caption>Audit entries, newest first</caption>
            <thead role="rowgroup">
              <tr role="row">
                <th scope="col" role="columnheader">{COLUMNS.when}</th>
                <th scope="col" role="columnheader">{COLUMNS.who}</th>
                <th scope="col" role="columnheader">{COLUMNS.action}</th>
                <th scope="col" role="columnheader">{COLUMNS.inquiry}</th>
                <th scope="col" role="columnheader">{COLUMNS.details}</th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {log.entries.map((entry) => (
                <tr role="row" key={entry.id}>
                  <td role="cell" data-label={COLUMNS.when}>
                    <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at, log.timeZone)}</time>
                  </td>
                  <td role="cell" data-label={COLUMNS.who}>
                    {entry.actor ? entry.actor.name : <span className={styles.muted}>No one</span>}
                    {entry.apiKey ? <span className={styles.muted}> via API key “{entry.apiKey.name}”</span> : null}
                  </td>
                  <td role="cell" data-label={COLUMNS.action}>{entry.actionLabel}</td>
                  <td role="cell" data-label={COLUMNS.inquiry}>
                    <InquiryCell lead={entry.lead} />
                  </td>
                  <td role="cell" data-label={COLUMNS.details}>{entry.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pager
          back={log.page > 1 ? { href: pageHref(log.page - 1), label: "Previous page (newer)" } : null}
          position={`Page ${log.page.toLocaleString("en-US")} of ${pages.toLocaleString("en-US")}`}
          next={log.page < pages ? { href: pageHref(log.page + 1), label: "Next page (older)" } : null}
        />
      </section>
    </StaffShell>
  );
}
