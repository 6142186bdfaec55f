import Link from "next/link";

import { LUDWIG_STAGES, NORWOOD_STAGES } from "@/lib/candidacy/answers";
import { ELIGIBILITY_LABELS, FLAG_CODES, STATUSES } from "@/lib/candidacy/result";
import { filtersToSearchParams, type InboxPageQuery } from "@/lib/leads/lead-filters";
import { LEAD_STATUS_LABELS, LEAD_STATUSES, type LeadStatus } from "@/lib/leads/lead-status";
import type { CallFirstGroup, LeadPage } from "@/lib/leads/staff-inbox";
import type { StaffUser } from "@/lib/staff/require-staff";
import { roleAllows } from "@/lib/staff/roles";

import { ExportLinks } from "./ExportLinks";
import { Field } from "./Field";
import { LeadTable } from "./LeadTable";
import styles from "./staff.module.css";

export interface InboxViewProps {
  user: StaffUser;
  query: InboxPageQuery;
  errors: Record<string, string>;
  view: "call_first" | "all";
  counts: Record<LeadStatus, number>;
  page: LeadPage | null;
  callFirst: CallFirstGroup[] | null;
  listError: string | null;
  lastMonth: { from: string; to: string };
  thisMonth: { from: string; to: string };
  /** The clinic's time zone (dates of the filters and exports). */
  timeZone: string;
}

const FILTER_KEYS = ["status", "eligibility", "flag", "norwood", "ludwig", "q", "from", "to"] as const;

/** One labelled filter select of the inbox form; "Any" (empty) clears the filter. */
function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string | undefined; options: [string, string][] }) {
  return (
    <Field id={`f-${name}`} label={label}>
      {(control) => (
        <select {...control} name={name} className={styles.select} defaultValue={value ?? ""}>
          <option value="">Any</option>
          {options.map(([optionValue, optionLabel]) => (
            <option key={optionValue} value={optionValue}>
              {optionLabel}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function currentFilters(query: InboxPageQuery): Record<string, string | undefined> {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, query[k]]));
}

/**
 * The inbox. Filters are a plain GET form: the URL holds them (bookmarkable, back button works),
 * and it works without JavaScript. Counts per status link to the filtered list.
 */
export function InboxView(props: InboxViewProps) {
  const { query, errors, view, counts, page, callFirst, listError, lastMonth, user } = props;
  const filters = currentFilters(query);
  const nextHref = page?.nextCursor ? `/staff?${filtersToSearchParams({ ...filters, view: "all", cursor: page.nextCursor }).toString()}` : null;
  const total = LEAD_STATUSES.reduce((sum, s) => sum + counts[s], 0);

  return (
    <>
      <div className={styles.actionsRow} style={{ justifyContent: "space-between" }}>
        <h1>Inquiries</h1>
        {roleAllows(user.role, "admin") ? (
          <ExportLinks filters={filters} thisMonth={props.thisMonth} lastMonth={lastMonth} timeZone={props.timeZone} />
        ) : null}
      </div>

      <nav aria-label="Inquiries by status">
        <ul className={styles.counts}>
          <li>
            <Link href="/staff" aria-current={view === "call_first" ? "true" : undefined}>
              Who to call first <span>({counts.new} new)</span>
            </Link>
          </li>
          <li>
            <Link href="/staff?view=all" aria-current={view === "all" && !query.status ? "true" : undefined}>
              All <span>({total})</span>
            </Link>
          </li>
          {LEAD_STATUSES.map((status) => (
            <li key={status}>
              <Link href={`/staff?status=${status}`} aria-current={view === "all" && query.status === status ? "true" : undefined}>
                {LEAD_STATUS_LABELS[status]} <span>({counts[status]})</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <form method="get" action="/staff" className={styles.panel} role="search" aria-label="Filter inquiries">
        <input type="hidden" name="view" value="all" />
        <div className={styles.filters}>
          <Field id="f-q" label="Name, email or phone" error={errors.q}>
            {(control) => <input {...control} name="q" type="search" className={styles.input} defaultValue={query.q ?? ""} maxLength={100} autoComplete="off" />}
          </Field>
          <FilterSelect name="status" label="Status" value={query.status} options={LEAD_STATUSES.map((s) => [s, LEAD_STATUS_LABELS[s]])} />
          <FilterSelect name="eligibility" label="Eligibility" value={query.eligibility} options={STATUSES.map((s) => [s, ELIGIBILITY_LABELS[s]])} />
          <FilterSelect name="flag" label="Flag" value={query.flag} options={FLAG_CODES.map((code) => [code, code])} />
          <FilterSelect
            name="norwood"
            label="Norwood stage"
            value={query.norwood}
            options={NORWOOD_STAGES.map((s) => [s, s === "unknown" ? "Not sure" : s])}
          />
          <FilterSelect name="ludwig" label="Ludwig stage" value={query.ludwig} options={LUDWIG_STAGES.map((s) => [s, s])} />
          <Field id="f-from" label="Received from" error={errors.from}>
            {(control) => <input {...control} name="from" type="date" className={styles.input} defaultValue={query.from ?? ""} />}
          </Field>
          <Field id="f-to" label="Received to" error={errors.to}>
            {(control) => <input {...control} name="to" type="date" className={styles.input} defaultValue={query.to ?? ""} />}
          </Field>
          <div className={styles.actionsRow}>
            <button type="submit" className={styles.button}>
              Show
            </button>
            <Link href="/staff?view=all" className={styles.buttonSecondary}>
              Clear
            </Link>
          </div>
        </div>
      </form>

      {Object.keys(errors).length > 0 ? (
        <p role="alert" className={`${styles.status} ${styles.status_error}`}>
          Some filters were not understood and were ignored: {Object.values(errors).join(" ")}
        </p>
      ) : null}
      {listError ? (
        <p role="alert" className={`${styles.status} ${styles.status_error}`}>
          {listError}
        </p>
      ) : null}

      {view === "call_first" && callFirst ? (
        <section aria-labelledby="call-first-heading">
          <h2 id="call-first-heading">Who to call first</h2>
          <p className={styles.muted}>New inquiries nobody has contacted yet: eligible first, newest first within each group.</p>
          {callFirst.map((group) => (
            <section key={group.eligibility} aria-labelledby={`group-${group.eligibility}`} className={styles.panel}>
              <h3 id={`group-${group.eligibility}`}>
                {ELIGIBILITY_LABELS[group.eligibility]} <span className={styles.muted}>({group.total} new)</span>
              </h3>
              <LeadTable leads={group.items} caption={`New, ${ELIGIBILITY_LABELS[group.eligibility].toLowerCase()}`} />
              {group.total > group.items.length ? (
                <p>
                  <Link href={`/staff?status=new&eligibility=${group.eligibility}`}>
                    See all {group.total} new {ELIGIBILITY_LABELS[group.eligibility].toLowerCase()} inquiries
                  </Link>
                </p>
              ) : null}
            </section>
          ))}
        </section>
      ) : null}

      {view === "all" && page ? (
        <section aria-label="Inquiries">
          <LeadTable leads={page.items} caption="Inquiries, newest first" />
          <div className={styles.pager}>
            {query.cursor ? (
              <Link href={`/staff?${filtersToSearchParams({ ...filters, view: "all" }).toString()}`}>Back to the newest</Link>
            ) : (
              <span />
            )}
            {nextHref ? <Link href={nextHref}>Older inquiries</Link> : null}
          </div>
        </section>
      ) : null}
    </>
  );
}
