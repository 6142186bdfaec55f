import type { Metadata } from "next";
import type { ReactNode } from "react";

import { signOutAction } from "@/app/staff/sign-in/actions";
import { CHART_COLORS, type ChartRow, type ChartSeries } from "@/components/staff/dashboard/chart-types";
import { DashboardChart } from "@/components/staff/dashboard/DashboardChart";
import { DateRangeFields } from "@/components/staff/ListControls";
import dash from "@/components/staff/dashboard/dashboard.module.css";
import { StaffShell } from "@/components/staff/StaffShell";
import styles from "@/components/staff/staff.module.css";
import { ELIGIBILITY_LABELS, STATUSES, FLAG_CODES } from "@/lib/candidacy/result";
import { LEAD_STAGE_API_KEYS, LEAD_STAGE_LABELS, LEAD_STAGES } from "@/lib/leads/lead-stage-names";
import { LEAD_STATUS_LABELS, LEAD_STATUSES } from "@/lib/leads/lead-status";
import { FLAG_LABELS } from "@/lib/workspace/answer-labels";
import { formatElapsedMinutes, formatUsd } from "@/lib/workspace/format";
import { loadDashboardPage, type SearchParams } from "@/lib/workspace/page-loaders";

export const metadata: Metadata = { title: "Dashboard · staff", robots: { index: false } };

const STEP_LABELS: Record<string, string> = {
  about: "About you",
  pattern: "Hair loss",
  norwood: "Norwood picture",
  ludwig: "Ludwig picture",
  scars: "Scars",
  health: "Scalp and health",
  goal: "Goal",
  review: "Review",
};
const ONE: ChartSeries[] = [{ key: "n", name: "Inquiries", color: CHART_COLORS.primary }];
const SESSIONS: ChartSeries[] = [{ key: "n", name: "Sessions", color: CHART_COLORS.primary }];
const PATIENTS: ChartSeries[] = [{ key: "n", name: "Amount agreed (USD)", color: CHART_COLORS.secondary }];
const SOURCES: ChartSeries[] = [
  { key: "inquiries", name: "Inquiries", color: CHART_COLORS.primary },
  { key: "patients", name: "Became patients", color: CHART_COLORS.secondary },
];
const shortDay = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const weekName = (day: string) => shortDay.format(new Date(`${day}T00:00:00Z`));

/** "Eligible 40, Eligible with conditions 12, …": what a screen reader hears for a chart. */
function listed(rows: ChartRow[], max = 8): string {
  const shown = rows.slice(0, max).map((r) => `${r.name} ${r.values.join(" / ")}`);
  return rows.length > max ? `${shown.join(", ")}, and ${rows.length - max} more` : shown.join(", ");
}

/** A chart, then its table in a disclosure: the same figures for screen readers and keyboards. */
function ChartAndTable({ name, summary, rows, series = ONE, layout = "bars", children }: {
  name: string;
  summary: string;
  rows: ChartRow[];
  series?: ChartSeries[];
  layout?: "columns" | "bars";
  children: ReactNode;
}) {
  return (
    <>
      {rows.some((r) => r.values.some((v) => v > 0)) ? (
        <DashboardChart summary={summary} rows={rows} series={series} layout={layout} />
      ) : (
        <p>Nothing counted in this period.</p>
      )}
      <details className={dash.figures}>
        <summary>Table: {name}</summary>
        {children}
      </details>
    </>
  );
}

const percent = (part: number, whole: number) => (whole === 0 ? "–" : `${Math.round((part / whole) * 100)}%`);

/** The table of a one-series chart whose rows are parts of the period's inquiries: each row's count and share. */
function ShareTable({ heading, rows, whole }: { heading: string; rows: ChartRow[]; whole: number }) {
  return (
    <table className={dash.table}>
      <thead>
        <tr><th scope="col">{heading}</th><th scope="col">Inquiries</th><th scope="col">Share</th></tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}><th scope="row">{row.name}</th><td>{row.values[0] ?? 0}</td><td>{percent(row.values[0] ?? 0, whole)}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

/** The admin's dashboard: every figure from lib/reports/summary.ts (the same function as GET /api/v1/reports/summary). */
export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user, summary, stages, quick, rangeError, timeZone } = await loadDashboardPage(await searchParams);
  const flags = FLAG_CODES.map((code) => ({ code, n: summary.byFlag[code] })).filter((f) => f.n > 0).sort((a, b) => b.n - a.n).slice(0, 8);
  const weekRows = summary.byWeek.map((w) => ({ name: weekName(w.weekStart), values: [w.inquiries] }));
  const peak = summary.byWeek.reduce<(typeof summary.byWeek)[number] | null>((top, w) => (w.inquiries > 0 && (!top || w.inquiries > top.inquiries) ? w : top), null);
  const stageRows = [
    { name: "Received", values: [summary.inquiries] },
    ...LEAD_STAGES.map((s) => ({ name: LEAD_STAGE_LABELS[s], values: [summary.stages[LEAD_STAGE_API_KEYS[s]].reached] })),
  ];
  const amountRows = summary.amountBySource.slice(0, 10).map((s) => ({ name: s.utmSource ?? "(none)", values: [s.amountUsd] }));
  const patients = summary.amountBySource.reduce((n, s) => n + s.patients, 0);
  const amountTotal = summary.amountBySource.reduce((n, s) => n + s.amountUsd, 0);
  const firstContact = summary.medianMinutesToFirstContact;
  const eligibilityRows = STATUSES.map((s) => ({ name: ELIGIBILITY_LABELS[s], values: [summary.byEligibility[s]] }));
  const sourceRows = summary.bySource.slice(0, 10).map((s) => ({ name: s.utmSource ?? "(none)", values: [s.inquiries, s.becamePatients] }));
  const q = summary.questionnaire;
  const questionnaireRows = [
    { name: "Started", values: [q.started] },
    ...q.steps.map((s) => ({ name: STEP_LABELS[s.step] ?? s.step, values: [s.reached] })),
    { name: "Saw a result", values: [q.completed] },
    { name: "Requested a consultation", values: [q.requestedConsultation] },
  ];
  return (
    <StaffShell user={user} current="dashboard" signOut={signOutAction}>
      <h1>Dashboard</h1>
      <p>
        {summary.from} to {summary.to} (clinic time, {timeZone}): <strong>{summary.inquiries.toLocaleString("en-US")} {summary.inquiries === 1 ? "inquiry" : "inquiries"}</strong>.
      </p>
      <nav aria-label="Period" className={`${styles.actionsRow} ${dash.quick}`}>
        <a href="/staff/dashboard?range=this_month" aria-current={quick === "this_month" ? "page" : undefined}>This month</a>
        <a href="/staff/dashboard?range=last_month" aria-current={quick === "last_month" ? "page" : undefined}>Last month</a>
        <a href="/staff/dashboard?range=last_90_days" aria-current={quick === "last_90_days" ? "page" : undefined}>Last 90 days</a>
      </nav>
      <form method="get" action="/staff/dashboard" className={styles.actionsRow}>
        {/* A period that was not understood: the message stands with "To" (the schema checks the pair). */}
        <DateRangeFields idPrefix="dash" fromLabel="From" toLabel="To" from={summary.from} to={summary.to} errors={{ to: rangeError ?? undefined }} />
        <button type="submit" className={styles.button}>
          Show period
        </button>
      </form>

      <section className={styles.panel} aria-labelledby="dash-weeks">
        <h2 id="dash-weeks">Inquiries per week</h2>
        <ChartAndTable
          name="inquiries per week"
          layout="columns"
          rows={weekRows}
          summary={`Bar chart of inquiries per week, ${weekRows.length} weeks: ${peak ? `most in the week of ${peak.weekStart} (${peak.inquiries})` : "none"}, ${summary.inquiries} in all. Every week is in the table that follows.`}
        >
        <table className={dash.table}>
          <thead>
            <tr><th scope="col">Week starting (Monday)</th><th scope="col">Inquiries</th></tr>
          </thead>
          <tbody>
            {summary.byWeek.map((w) => (
              <tr key={w.weekStart}><th scope="row">{w.weekStart}</th><td>{w.inquiries}</td></tr>
            ))}
          </tbody>
        </table>
        </ChartAndTable>
      </section>

      <section className={styles.panel} aria-labelledby="dash-consultations">
        <h2 id="dash-consultations">Consultations</h2>
        <table className={dash.table}>
          <caption>Consultations in the period</caption>
          <tbody>
            <tr><th scope="row">Booked in the period</th><td>{summary.consultations.booked}</td></tr>
            <tr><th scope="row">Attended (started in the period)</th><td>{summary.consultations.attended}</td></tr>
            <tr><th scope="row">No-show (started in the period)</th><td>{summary.consultations.noShow}</td></tr>
            <tr>
              <th scope="row">Inquiries of the period that booked</th>
              <td>
                {summary.consultations.inquiriesBooked} of {summary.inquiries}
                {summary.consultations.bookedShare === null ? "" : ` (${Math.round(summary.consultations.bookedShare * 100)}%)`}
              </td>
            </tr>
            <tr>
              <th scope="row">Median time from inquiry to booking</th>
              <td>{summary.consultations.medianMinutesToBooking === null ? "no inquiry booked yet" : `${summary.consultations.medianMinutesToBooking} minutes`}</td>
            </tr>
          </tbody>
        </table>
      </section>

      <section className={styles.panel} aria-labelledby="dash-funnel">
        <h2 id="dash-funnel">Follow-up funnel</h2>
        <p>
          What happened to the {summary.inquiries === 1 ? "inquiry" : `${summary.inquiries.toLocaleString("en-US")} inquiries`} received in this period, so far: each
          stage counts the inquiries that reached it, when it was recorded. An inquiry that skipped a stage (booked without a
          contact first, or a patient whose consultation was not marked attended) is not counted in it.
        </p>
        <p>
          Median time to first contact:{" "}
          <strong>{firstContact === null ? "no inquiry contacted yet" : formatElapsedMinutes(firstContact)}</strong>
          {firstContact === null ? "." : ` (over the ${summary.stages.contacted.reached} contacted; an inquiry closed without a contact is not counted).`}
        </p>
        <ChartAndTable name="follow-up funnel" rows={stageRows} summary={`Bar chart of the period's inquiries by stage reached: ${listed(stageRows)}.`}>
          <table className={dash.table}>
            <thead>
              <tr><th scope="col">Stage</th><th scope="col">Reached</th><th scope="col">Of received</th><th scope="col">Median time from inquiry</th></tr>
            </thead>
            <tbody>
              <tr><th scope="row">Received</th><td>{summary.inquiries}</td><td>{percent(summary.inquiries, summary.inquiries)}</td><td>–</td></tr>
              {LEAD_STAGES.map((s) => {
                const figure = summary.stages[LEAD_STAGE_API_KEYS[s]];
                return (
                  <tr key={s}>
                    <th scope="row">{LEAD_STAGE_LABELS[s]}</th>
                    <td>{figure.reached}</td>
                    <td>{percent(figure.reached, summary.inquiries)}</td>
                    <td>{figure.medianMinutes === null ? "–" : formatElapsedMinutes(figure.medianMinutes)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ChartAndTable>
        <details className={dash.figures}>
          <summary>Table: status now</summary>
          <ShareTable heading="Status now" rows={LEAD_STATUSES.map((s) => ({ name: LEAD_STATUS_LABELS[s], values: [summary.byStatus[s]] }))} whole={summary.inquiries} />
        </details>
      </section>

      <section className={styles.panel} aria-labelledby="dash-amounts">
        <h2 id="dash-amounts">Treatment amount agreed, by source</h2>
        {summary.amountBySource.length === 0 ? <p>No inquiry of this period has become a patient yet.</p> : (
          <>
            <p>
              {patients} {patients === 1 ? "patient" : "patients"} from this period&apos;s inquiries, <strong>{formatUsd(amountTotal)}</strong> agreed in all
              (the amount entered with &ldquo;Became a patient&rdquo;; a patient without one adds nothing).
            </p>
            <ChartAndTable
              name="amount agreed by source"
              rows={amountRows}
              series={PATIENTS}
              summary={`Bar chart of the treatment amount agreed per source, in US dollars: ${listed(amountRows, 5)}.`}
            >
              <table className={dash.table}>
                <thead>
                  <tr><th scope="col">utm_source</th><th scope="col">Patients</th><th scope="col">Amount agreed</th></tr>
                </thead>
                <tbody>
                  {summary.amountBySource.map((s) => (
                    <tr key={s.utmSource ?? ""}><th scope="row">{s.utmSource ?? "(none: direct or unknown)"}</th><td>{s.patients}</td><td>{formatUsd(s.amountUsd)}</td></tr>
                  ))}
                </tbody>
              </table>
            </ChartAndTable>
          </>
        )}
      </section>

      <section className={styles.panel} aria-labelledby="dash-eligibility">
        <h2 id="dash-eligibility">Eligibility mix</h2>
        <ChartAndTable name="eligibility mix" rows={eligibilityRows} summary={`Bar chart of the eligibility mix: ${listed(eligibilityRows)}.`}>
        <ShareTable heading="Result" rows={eligibilityRows} whole={summary.inquiries} />
        </ChartAndTable>
      </section>

      <section className={styles.panel} aria-labelledby="dash-flags">
        <h2 id="dash-flags">Top flags</h2>
        {flags.length === 0 ? <p>No flags in this period.</p> : (
          <table>
            <thead>
              <tr><th scope="col">Flag</th><th scope="col">Inquiries</th></tr>
            </thead>
            <tbody>
              {flags.map((f) => (
                <tr key={f.code}><th scope="row">{FLAG_LABELS[f.code]}</th><td>{f.n}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className={styles.panel} aria-labelledby="dash-stages">
        <h2 id="dash-stages">Self-assessed vs confirmed stage</h2>
        {stages.length === 0 ? <p>No inquiry of this period has a stage confirmed from photos yet.</p> : (
        <table className={dash.table}>
          <caption>Inquiries of the period assessed from photos, by the stage the patient chose</caption>
          <thead>
            <tr><th scope="col">Patient&apos;s stage</th><th scope="col">Assessed</th><th scope="col">Confirmed the same</th><th scope="col">Match</th></tr>
          </thead>
          <tbody>
            {stages.map((s) => (
              <tr key={`${s.scale}:${s.stage ?? ""}`}>
                <th scope="row">{s.scale === "norwood" ? "Norwood" : "Ludwig"} {s.stage === null ? "(not given)" : s.stage === "unknown" ? "(not sure)" : s.stage}</th>
                <td>{s.assessed}</td><td>{s.matched}</td><td>{percent(s.matched, s.assessed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        )}
      </section>

      <section className={styles.panel} aria-labelledby="dash-sources">
        <h2 id="dash-sources">Sources</h2>
        {summary.bySource.length === 0 ? <p>No inquiries in this period.</p> : (
        <ChartAndTable
          name="sources"
          rows={sourceRows}
          series={SOURCES}
          summary={`Bar chart of inquiries and patients per source (inquiries / became patients): ${listed(sourceRows, 5)}.`}
        >
        <table className={dash.table}>
          <thead>
            <tr><th scope="col">utm_source</th><th scope="col">Inquiries</th><th scope="col">Became patients</th><th scope="col">Conversion</th></tr>
          </thead>
          <tbody>
            {summary.bySource.map((s) => (
              <tr key={s.utmSource ?? ""}><th scope="row">{s.utmSource ?? "(none: direct or unknown)"}</th><td>{s.inquiries}</td><td>{s.becamePatients}</td><td>{percent(s.becamePatients, s.inquiries)}</td></tr>
            ))}
          </tbody>
        </table>
        </ChartAndTable>
        )}
      </section>

      <section className={styles.panel} aria-labelledby="dash-questionnaire">
        <h2 id="dash-questionnaire">Questionnaire (anonymous counts)</h2>
        <ChartAndTable
          name="questionnaire funnel"
          rows={questionnaireRows}
          series={SESSIONS}
          summary={`Bar chart of the questionnaire funnel (sessions): ${listed(questionnaireRows, 12)}.`}
        >
        <table className={dash.table}>
          <thead>
            <tr><th scope="col">Stage</th><th scope="col">Sessions</th><th scope="col">Of started</th></tr>
          </thead>
          <tbody>
            <tr><th scope="row">Started</th><td>{summary.questionnaire.started}</td><td>{percent(summary.questionnaire.started, summary.questionnaire.started)}</td></tr>
            {summary.questionnaire.steps.map((s) => (
              <tr key={s.step}><th scope="row">Reached: {STEP_LABELS[s.step] ?? s.step}</th><td>{s.reached}</td><td>{percent(s.reached, summary.questionnaire.started)}</td></tr>
            ))}
            <tr><th scope="row">Saw a result</th><td>{summary.questionnaire.completed}</td><td>{percent(summary.questionnaire.completed, summary.questionnaire.started)}</td></tr>
            <tr><th scope="row">Requested a consultation</th><td>{summary.questionnaire.requestedConsultation}</td><td>{percent(summary.questionnaire.requestedConsultation, summary.questionnaire.started)}</td></tr>
          </tbody>
        </table>
        </ChartAndTable>
      </section>
    </StaffShell>
  );
}
