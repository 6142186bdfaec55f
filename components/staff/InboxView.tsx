import Link from "next/link";

import { LUDWIG_STAGES, NORWOOD_STAGES } from "@/lib/candidacy/answers";
import { ELIGIBILITY_LABELS, FLAG_CODES, STATUSES } from "@/lib/candidacy/result";
import { COUNT_CAP, filtersToSearchParams, SEARCH_MAX, type InboxPageQuery } from "@/lib/leads/lead-filters";
import { LEAD_STATUS_LABELS, LEAD_STATUSES, type LeadStatus } from "@/lib/leads/lead-status";
import type { CallFirstGroup, LeadPage } from "@/lib/leads/staff-inbox";
import type { StaffUser } from "@/lib/staff/require-staff";
import { FLAG_LABELS } from "@/lib/workspace/answer-labels";
import { roleAllows } from "@/lib/staff/roles";

import { BulkActions, type BulkAction } from "./BulkActions";
import { ExportLinks } from "./ExportLinks";
import { Field } from "./Field";
import { InboxShortcuts } from "./InboxShortcuts";
import { LeadTable } from "./LeadTable";
import { DateRangeFields, FilterButtons, Pager } from "./ListControls";
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
  /** The clinic's country (phones in national format). */
  country: string;
  replyTargetMinutes: number;
  /** Follow-ups due today or overdue. */
  dueToday: number;
  /** How many inquiries match the filters (capped at COUNT_CAP + 1), for "all". */
  matching: number | null;
  pageNumber: number;
  /** Staff the bulk bar can assign to. */
  staff: { id: string; name: string }[];
  /** The bulk bar's action (app/staff/leads/actions.ts bulkUpdateLeadsAction); no bulk bar without it. */
  bulkAction?: BulkAction;
}

/** The id tying the tables' row checkboxes to the bulk bar's form. */
const BULK_FORM_ID = "inbox-bulk";

const FILTER_KEYS = ["status", "eligibility", "flag", "norwood", "ludwig", "photos", "q", "from", "to", "due", "assignee"] as const;
/** The filters behind the "Filters" disclosure (the search box stays in view; due and assignee are views). */
const DISCLOSED_FILTERS = ["status", "eligibility", "flag", "norwood", "ludwig", "photos", "from", "to"] as const;

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

const INBOX_PAGE = 25;

/** "Showing 26–50 of 1,234 inquiries" (position from the page number the links carry). */
function resultCountText(matching: number | null, shown: number, pageNumber: number): string {
  if (shown === 0) return "No inquiries match.";
  const first = (pageNumber - 1) * INBOX_PAGE + 1;
  const range = `${first.toLocaleString("en-US")}–${(first + shown - 1).toLocaleString("en-US")}`;
  if (matching === null) return `Showing ${range}`;
  const total = matching > COUNT_CAP ? `more than ${COUNT_CAP.toLocaleString("en-US")}` : matching.toLocaleString("en-US");
  return `Showing ${range} of ${total} ${matching === 1 ? "inquiry" : "inquiries"}`;
}

/** "12 new", or "10 people, 15 new inquiries" when some people asked more than once. */
function callFirstCount(group: CallFirstGroup): string {
  if (group.people === group.total) return `${group.total} new`;
  return `${group.people.toLocaleString("en-US")} ${group.people === 1 ? "person" : "people"}, ${group.total.toLocaleString("en-US")} new ${group.total === 1 ? "inquiry" : "inquiries"}`;
}

/**
 * The inbox. Filters are a plain GET form: the URL holds them (bookmarkable, back button works),
 * and it works without JavaScript. Counts per status link to the filtered list.
 */
export function InboxView(props: InboxViewProps) {
  const { query, errors, view, counts, page, callFirst, listError, lastMonth, user, country, replyTargetMinutes, timeZone, dueToday, matching, pageNumber, staff, bulkAction } = props;
  const filters = currentFilters(query);
  const activeFilters = DISCLOSED_FILTERS.filter((key) => query[key] !== undefined && query[key] !== "").length;
  const nextHref = page?.nextCursor
    ? `/staff?${filtersToSearchParams({ ...filters, view: "all", cursor: page.nextCursor, page: pageNumber + 1 }).toString()}`
    : null;
  const total = LEAD_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  const here = `/staff${view === "all" ? `?${filtersToSearchParams({ ...filters, view: "all", ...(query.cursor ? { cursor: query.cursor, page: pageNumber } : {}) }).toString()}` : ""}`;
  const hasRows = view === "all" ? (page?.items.length ?? 0) > 0 : (callFirst ?? []).some((group) => group.items.length > 0);
  const bulkFormId = bulkAction && hasRows ? BULK_FORM_ID : undefined;

  return (
    <>
      <div className={styles.actionsRow} style={{ justifyContent: "space-between" }}>
        <h1>Inquiries</h1>
        <div className={styles.actionsRow}>
          <Link href="/staff/leads/new" className={styles.buttonSecondary}>
            New phone-in / walk-in
          </Link>
          <InboxShortcuts />
          {roleAllows(user.role, "admin") ? (
            <ExportLinks filters={filters} thisMonth={props.thisMonth} lastMonth={lastMonth} timeZone={props.timeZone} />
          ) : null}
        </div>
      </div>

      <nav aria-label="Inquiries by status">
        <ul className={styles.counts}>
          <li>
            <Link href="/staff" aria-current={view === "call_first" ? "true" : undefined}>
              Who to call first <span>({counts.new} new)</span>
            </Link>
          </li>
          <li>
            <Link href="/staff?due=today" aria-current={view === "all" && query.due === "today" ? "true" : undefined}>
              Follow-ups due today / overdue <span>({dueToday})</span>
            </Link>
          </li>
          <li>
            <Link href="/staff?assignee=me" aria-current={view === "all" && query.assignee === "me" ? "true" : undefined}>
              Mine
            </Link>
          </li>
          <li>
            <Link href="/staff?photos=to_review" aria-current={view === "all" && query.photos === "to_review" ? "true" : undefined}>
              Photos to review
            </Link>
          </li>
          <li>
            <Link href="/staff?view=all" aria-current={view === "all" && !query.status && !query.due && !query.assignee && !query.photos ? "true" : undefined}>
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

      {/* Keyed by the filters: after "Clear" or a saved view the fields show the new filters, not what was typed before. */}
      <form key={JSON.stringify(query)} method="get" action="/staff" className={styles.panel} role="search" aria-label="Filter inquiries">
        <input type="hidden" name="view" value="all" />
        <div className={styles.searchRow}>
          <Field id="f-q" label="Name, email, phone or reference" error={errors.q}>
            {(control) => <input {...control} name="q" type="search" className={styles.input} defaultValue={query.q ?? ""} maxLength={SEARCH_MAX} autoComplete="off" />}
          </Field>
          <FilterButtons clearHref="/staff?view=all" />
        </div>
        {/* Open while a filter is set (or was not understood), so what narrows the list is always in view. */}
        <details className={styles.moreFilters} open={activeFilters > 0 || errors.from !== undefined || errors.to !== undefined}>
          <summary>{activeFilters === 0 ? "Filters" : `Filters (${activeFilters} active)`}</summary>
          <div className={styles.filters}>
            <FilterSelect name="status" label="Status" value={query.status} options={LEAD_STATUSES.map((s) => [s, LEAD_STATUS_LABELS[s]])} />
            <FilterSelect name="eligibility" label="Eligibility" value={query.eligibility} options={STATUSES.map((s) => [s, ELIGIBILITY_LABELS[s]])} />
            <FilterSelect name="flag" label="Flag" value={query.flag} options={FLAG_CODES.map((code) => [code, FLAG_LABELS[code]])} />
            <FilterSelect
              name="norwood"
              label="Norwood stage"
              value={query.norwood}
              options={NORWOOD_STAGES.map((s) => [s, s === "unknown" ? "Not sure" : s])}
            />
            <FilterSelect name="ludwig" label="Ludwig stage" value={query.ludwig} options={LUDWIG_STAGES.map((s) => [s, s])} />
            <FilterSelect name="photos" label="Photos" value={query.photos} options={[["to_review", "Photos to review"]]} />
            <DateRangeFields idPrefix="f" fromLabel="Received from" toLabel="Received to" from={query.from} to={query.to} errors={errors} />
            <div className={styles.actionsRow}>
              <button type="submit" className={styles.button}>
                Apply filters
              </button>
            </div>
          </div>
        </details>
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

      {bulkAction && bulkFormId ? <BulkActions action={bulkAction} formId={bulkFormId} staff={staff} reloadHref={here} /> : null}

      {view === "call_first" && callFirst ? (
        <section aria-labelledby="call-first-heading">
          <h2 id="call-first-heading">Who to call first</h2>
          <p className={styles.muted}>
            New inquiries nobody has contacted yet, one row per person (their latest inquiry; the earlier ones with the same email or phone under it): eligible first; within each group the
            overdue ones first, then the longest waiting (business time against the reply target).
          </p>
          {callFirst.map((group) => (
            <section key={group.eligibility} aria-labelledby={`group-${group.eligibility}`} className={styles.panel}>
              <h3 id={`group-${group.eligibility}`}>
                {ELIGIBILITY_LABELS[group.eligibility]} <span className={styles.muted}>({callFirstCount(group)})</span>
              </h3>
              <LeadTable
                leads={group.items}
                caption={`New, ${ELIGIBILITY_LABELS[group.eligibility].toLowerCase()}: overdue first, then the longest waiting`}
                country={country}
                replyTargetMinutes={replyTargetMinutes}
                timeZone={timeZone}
                showReason
                bulkFormId={bulkFormId}
              />
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
          <p className={styles.resultCount} role="status">
            {resultCountText(matching, page.items.length, pageNumber)}
          </p>
          <LeadTable
            leads={page.items}
            caption={query.due ? "Follow-ups, the longest overdue first" : "Inquiries, newest first"}
            country={country}
            replyTargetMinutes={replyTargetMinutes}
            timeZone={timeZone}
            bulkFormId={bulkFormId}
          />
          <Pager
            back={query.cursor ? { href: `/staff?${filtersToSearchParams({ ...filters, view: "all" }).toString()}`, label: "First page" } : null}
            position={`Page ${pageNumber}${matching !== null && matching <= COUNT_CAP ? ` of ${Math.max(1, Math.ceil(matching / INBOX_PAGE))}` : ""}`}
            next={nextHref ? { href: nextHref, label: `Next page (${query.due ? "due later" : "older"})` } : null}
          />
        </section>
      ) : null}
    </>
  );
}
