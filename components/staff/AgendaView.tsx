import Link from "next/link";

import { ELIGIBILITY_LABELS } from "@/lib/candidacy/result";
import { CONSULTATION_STATUS_LABELS, CONSULTATION_TYPE_LABELS } from "@/lib/booking/labels";
import type { Agenda } from "@/lib/booking/staff-booking";
import { formatPriceRange } from "@/lib/workspace/format";

import { type ConsultationAction, OutcomeForms } from "./ConsultationPanel";
import own from "./consultations.module.css";
import styles from "./staff.module.css";

function dayTitle(date: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "long", month: "short", day: "numeric" }).format(new Date(`${date}T12:00:00Z`));
}

function clinicTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" }).format(new Date(iso));
}

/**
 * The consultations agenda (/staff/agenda): a day, or a week from Monday (one column per day at
 * 1280 px, one under the other on a phone), for everyone or one consultant. Each entry links to its
 * inquiry with the verdict and price; once a consultation has started it can be marked attended or
 * no-show right here. A plain GET form picks the view, date and consultant (works without JavaScript).
 */
export function AgendaView({ agenda, updateAction }: { agenda: Agenda; updateAction: ConsultationAction }) {
  const consultantParam = agenda.consultantId ? `&consultant=${encodeURIComponent(agenda.consultantId)}` : "";
  const link = (date: string, view = agenda.view) => `/staff/agenda?view=${view}&date=${date}${consultantParam}`;
  const total = agenda.dates.reduce((n, d) => n + (agenda.byDate[d]?.length ?? 0), 0);
  const first = agenda.dates[0]!;
  const last = agenda.dates[agenda.dates.length - 1]!;
  return (
    <>
      <h1>Agenda</h1>
      <form method="get" action="/staff/agenda" className={own.agendaControls} aria-label="Which consultations">
        <div className={styles.field}>
          <label htmlFor="agenda-view">View</label>
          <select id="agenda-view" name="view" defaultValue={agenda.view} className={styles.select}>
            <option value="day">Day</option>
            <option value="week">Week</option>
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor="agenda-date">Date</label>
          <input id="agenda-date" name="date" type="date" defaultValue={first} className={styles.input} />
        </div>
        <div className={styles.field}>
          <label htmlFor="agenda-consultant">Consultant</label>
          <select id="agenda-consultant" name="consultant" defaultValue={agenda.consultantId ?? ""} className={styles.select}>
            <option value="">Everyone</option>
            {agenda.consultants.length === 0 ? <option value="clinic">The clinic&apos;s calendar</option> : null}
            {agenda.consultants.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={styles.button}>
          Show
        </button>
      </form>
      <nav aria-label="Dates" className={styles.actionsRow}>
        <Link href={link(agenda.previous)} className={styles.buttonSecondary}>
          ← {agenda.view === "week" ? "Previous week" : "Previous day"}
        </Link>
        <Link href={link(agenda.today)} className={styles.buttonSecondary}>
          Today
        </Link>
        <Link href={link(agenda.next)} className={styles.buttonSecondary}>
          {agenda.view === "week" ? "Next week" : "Next day"} →
        </Link>
      </nav>
      <p className={styles.muted} role="status">
        {total === 1 ? "1 consultation" : `${total} consultations`}
        {agenda.view === "week" ? ` from ${dayTitle(first)} to ${dayTitle(last)}` : ` on ${dayTitle(first)}`}. Times are the clinic&apos;s ({agenda.timeZone}).
      </p>
      <div className={agenda.view === "week" ? own.week : undefined} data-agenda-view={agenda.view}>
        {agenda.dates.map((date) => {
          const entries = agenda.byDate[date] ?? [];
          return (
            <section key={date} className={own.day} aria-labelledby={`day-${date}`} data-today={date === agenda.today ? "true" : undefined}>
              <h2 id={`day-${date}`}>
                {agenda.view === "week" ? <Link href={link(date, "day")}>{dayTitle(date)}</Link> : dayTitle(date)}
                {date === agenda.today ? " (today)" : ""}
              </h2>
              {entries.length === 0 ? (
                <p className={styles.muted}>No consultations.</p>
              ) : (
                <ul className={own.entries}>
                  {entries.map((entry) => (
                    <li key={entry.id} className={own.entry} data-status={entry.status} data-agenda-entry={entry.id}>
                      <span className={own.entryTime}>
                        {clinicTime(entry.start, agenda.timeZone)}–{clinicTime(entry.end, agenda.timeZone)}
                      </span>{" "}
                      <Link href={`/staff/leads/${entry.lead.id}`}>{entry.lead.name}</Link>
                      <span className={own.entryMeta}>
                        {CONSULTATION_TYPE_LABELS[entry.type]} · {entry.consultantName ?? "Clinic"} · {CONSULTATION_STATUS_LABELS[entry.status]}
                      </span>
                      <span className={own.entryMeta}>
                        {ELIGIBILITY_LABELS[entry.lead.eligibility]} · {formatPriceRange(entry.lead.price.minUsd, entry.lead.price.maxUsd)}
                        {entry.lead.price.estimate ? " (estimate)" : ""}
                        {entry.lead.reference ? ` · ${entry.lead.reference}` : ""}
                      </span>
                      {entry.started ? <OutcomeForms consultation={entry} leadId={entry.lead.id} action={updateAction} compact /> : null}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </>
  );
}
