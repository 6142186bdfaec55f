import Link from "next/link";
import type { ReactNode } from "react";

import { describeEvent } from "@/lib/audit/event-words";
import { ELIGIBILITY_LABELS } from "@/lib/candidacy/result";
import { DEFAULT_CLINIC_TIME_ZONE } from "@/lib/clinic/defaults";
import { formatPhone, telHref } from "@/lib/clinic/format";
import { attemptsText, CALL_OUTCOME_LABELS } from "@/lib/leads/call-outcomes";
import type { LeadDetail, LeadViewSummary } from "@/lib/leads/lead-detail";
import { LEAD_STATUS_LABELS } from "@/lib/leads/lead-status";
import type { LeadSummary } from "@/lib/leads/staff-inbox";
import { answersInPlainWords, PREFERRED_CONTACT_LABELS, SEVERITY_LABELS } from "@/lib/workspace/answer-labels";
import { formatDateTime, formatPriceRange } from "@/lib/workspace/format";

import { AssigneeForm, FollowUpForm, type FollowUpOptions, MergeForm, NoteForm, StatusForm, type LeadAction } from "./LeadForms";
import { EligibilityBadge } from "./LeadTable";
import styles from "./staff.module.css";

export interface LeadDetailViewProps {
  lead: LeadDetail;
  staff: { id: string; name: string }[];
  action: LeadAction;
  followUpAction?: LeadAction;
  /** The follow-up's choices and the saved one, in the clinic's zone (lib/leads/follow-up.ts); with followUpAction. */
  followUpOptions?: FollowUpOptions;
  mergeAction?: LeadAction;
  /** Said under the heading: what a merge or its undo just did, and the merges the viewer can undo. */
  notice?: ReactNode;
  /** Timeline item id -> the reference of the merged inquiry it came from (lib/leads/lead-merge.ts mergeOrigins). */
  mergedFrom?: Readonly<Record<string, string>>;
  /** Who opened it, from the audit of views (lib/leads/lead-detail.ts leadViewSummary). */
  views?: LeadViewSummary;
  /** The clinic's country: the phone in national format (as in the inbox). */
  country?: string;
  /** The clinic's zone: the timeline's dates and times in words (default: the default clinic zone). */
  timeZone?: string;
  /** "Log a call" (components/staff/CallPanel.tsx): first in the actions column. */
  callPanel?: ReactNode;
  /** "Correct the contact details" and their history, under the contact details. */
  contactCorrection?: ReactNode;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** "Opened 5 times by 2 people on 3 days (this visit included). Before you: Ana, Dec 1, 9:00 AM." */
export function viewSummaryText(views: LeadViewSummary): string {
  const opened = `Opened ${plural(views.times, "time", "times")} by ${plural(views.people, "person", "people")} on ${plural(views.days, "day", "days")} (this visit included).`;
  return views.lastByOther ? `${opened} Last opened by someone else: ${views.lastByOther.name}, ${formatDateTime(views.lastByOther.at)}.` : opened;
}

/** An event of the timeline in words with its values (the one registry: lib/audit/event-words.ts). */
function eventText(event: LeadDetail["events"][number], staff: { id: string; name: string }[], timeZone: string): string {
  return describeEvent(event.type, event.data, { staffName: (id) => staff.find((s) => s.id === id)?.name ?? "a former staff member", timeZone });
}

/** Who acted when no staff member did: the patient, through their own page (lib/patient-access/), or the system. */
function whoWithoutActor(event: LeadDetail["events"][number]): string {
  return ((event.data ?? {}) as Record<string, unknown>).by === "patient" ? "The patient" : "System";
}

function RelatedRow({ lead, label }: { lead: LeadSummary; label: string }) {
  return (
    <li>
      {label}:{" "}
      <Link href={`/staff/leads/${lead.id}`}>
        {formatDateTime(lead.createdAt)}, {ELIGIBILITY_LABELS[lead.eligibility].toLowerCase()}
      </Link>{" "}
      ({LEAD_STATUS_LABELS[lead.status]})
    </li>
  );
}

/**
 * One inquiry on one screen: contact, every answer in plain words, the result exactly as the
 * patient saw it, related inquiries, the workflow forms, and the timeline of notes and events.
 * Every patient-written value is rendered as text by React (escaped); nothing here uses raw HTML.
 */
export function LeadDetailView({ lead, staff, action, followUpAction, followUpOptions, mergeAction, views, country, timeZone = DEFAULT_CLINIC_TIME_ZONE, callPanel, contactCorrection, notice, mergedFrom = {} }: LeadDetailViewProps) {
  const timeline = [
    ...lead.notes.map((n) => ({ kind: "note" as const, at: n.createdAt, id: n.id, who: n.author.name, body: n.body, from: mergedFrom[n.id] })),
    ...lead.events
      .filter((e) => e.type !== "viewed" && e.type !== "note_added")
      .map((e) => ({ kind: "event" as const, at: e.createdAt, id: e.id, who: e.actor?.name ?? whoWithoutActor(e), body: eventText(e, staff, timeZone), from: mergedFrom[e.id] })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));

  return (
    <>
      <div className={styles.detailHeader}>
        <p className={styles.backLink}>
          <Link href="/staff">← Back to the inbox</Link>
        </p>
        <h1>
          {lead.firstName} {lead.lastName}
        </h1>
        <p className={styles.actionsRow}>
          <EligibilityBadge eligibility={lead.eligibility} />
          <span>
            Status: <strong>{LEAD_STATUS_LABELS[lead.status]}</strong>
            {lead.closedReason ? <> (reason: {lead.closedReason})</> : null}
          </span>
          {lead.calls.attempts > 0 ? (
            <span data-call-attempts={lead.calls.attempts}>
              <strong>{attemptsText(lead.calls.attempts)}</strong>
              {lead.calls.lastOutcome ? ` (last: ${CALL_OUTCOME_LABELS[lead.calls.lastOutcome].toLowerCase()})` : ""}
            </span>
          ) : null}
          <span className={styles.muted}>Received {formatDateTime(lead.createdAt)}</span>
          {lead.reference ? (
            <span>
              Reference <strong data-reference="">{lead.reference}</strong>
            </span>
          ) : null}
        </p>
      </div>
      {notice}

      <div className={styles.detailGrid}>
        {/*
         * The actions first (issue 22): on a phone they are on the first screen, above contact and answers;
         * at 1280 px they head the right-hand column: the one-tap call outcomes, then the status form.
         */}
        <div className={styles.detailActions}>
          {callPanel}
          <section className={styles.panel} aria-labelledby="workflow-heading">
            <h2 id="workflow-heading">Follow-up</h2>
            <StatusForm action={action} leadId={lead.id} version={lead.version} status={lead.status} />
            <hr />
            <AssigneeForm action={action} leadId={lead.id} version={lead.version} assigneeId={lead.assignee?.id ?? null} staff={staff} />
            <hr />
            <NoteForm action={action} leadId={lead.id} version={lead.version} />
            {followUpAction && followUpOptions ? (
              <>
                <hr />
                {lead.followUpAt ? (
                  <p>
                    Follow up on{" "}
                    <strong>
                      <time dateTime={lead.followUpAt}>{followUpOptions.current ?? formatDateTime(lead.followUpAt)}</time>
                    </strong>
                    {lead.followUpNote ? <> ({lead.followUpNote})</> : null}
                  </p>
                ) : null}
                <FollowUpForm action={followUpAction} leadId={lead.id} version={lead.version} followUpAt={lead.followUpAt} options={followUpOptions} />
              </>
            ) : null}
          </section>
        </div>

        <div className={styles.detailMain}>
          <section className={styles.panel} aria-labelledby="contact-heading">
            <h2 id="contact-heading">Contact</h2>
            <dl className={styles.definitions}>
              <dt>Phone</dt>
              <dd>
                <a href={telHref(lead.phone)}>{country ? formatPhone(lead.phone, country) : lead.phone}</a>{" "}
                <a href={`sms:${lead.phone.replace(/[^+\d]/g, "")}`} aria-label={`Text ${lead.firstName} ${lead.lastName}`}>
                  Text
                </a>
              </dd>
              <dt>Email</dt>
              <dd>
                <a href={`mailto:${lead.email}`}>{lead.email}</a>
              </dd>
              <dt>Prefers</dt>
              <dd>{PREFERRED_CONTACT_LABELS[lead.preferredContact] ?? lead.preferredContact}</dd>
              <dt>Language</dt>
              <dd>{lead.locale === "es" ? "Spanish" : "English"}</dd>
              <dt>Their message</dt>
              <dd className={styles.noteBody}>{lead.patientNotes ?? "—"}</dd>
              <dt>Consent</dt>
              <dd>
                {lead.consent.method === "verbal" ? (
                  <>
                    Given verbally to {lead.consent.enteredBy?.name ?? "a former staff member"} on {formatDateTime(lead.consent.at)}: contact and privacy notice (text{" "}
                    {lead.consent.textVersion})
                  </>
                ) : (
                  <>
                    Contact {lead.consent.contactAccepted ? "accepted" : "not accepted"}, privacy notice {lead.consent.privacyAccepted ? "accepted" : "not accepted"} on{" "}
                    {formatDateTime(lead.consent.at)} (text {lead.consent.textVersion})
                  </>
                )}
              </dd>
              <dt>Came from</dt>
              <dd>
                {[lead.source.utmSource, lead.source.utmMedium, lead.source.utmCampaign].filter(Boolean).join(" / ") || "—"}
                {lead.source.referrer ? <div className={styles.hint}>Referrer: {lead.source.referrer}</div> : null}
              </dd>
            </dl>
            {contactCorrection}
          </section>

          <section className={styles.panel} aria-labelledby="answers-heading">
            <h2 id="answers-heading">Answers</h2>
            {lead.answers ? (
              <dl className={styles.definitions}>
                {answersInPlainWords(lead.answers).map(([question, answer]) => (
                  <div key={question} style={{ display: "contents" }}>
                    <dt>{question}</dt>
                    <dd>{answer}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className={styles.fieldError}>The stored answers could not be read.</p>
            )}
          </section>

          <section className={styles.panel} aria-labelledby="result-heading">
            <h2 id="result-heading">Result the patient saw</h2>
            {lead.result ? (
              <>
                <dl className={styles.definitions}>
                  <dt>Verdict</dt>
                  <dd>{ELIGIBILITY_LABELS[lead.result.status]}</dd>
                  <dt>Price quoted</dt>
                  <dd>
                    {formatPriceRange(lead.result.price.minUsd, lead.result.price.maxUsd)} · {lead.result.price.label}
                    {lead.result.price.estimate ? " (estimate: confirm at the consultation)" : ""}
                  </dd>
                  <dt>Sessions</dt>
                  <dd>
                    {lead.result.sessions.min} to {lead.result.sessions.max} in the first year
                  </dd>
                  <dt>Price table version</dt>
                  <dd>{lead.result.price.tableVersion}</dd>
                  <dt>Rules version</dt>
                  <dd>{lead.result.rulesVersion}</dd>
                </dl>
                <h3>Flags</h3>
                {lead.result.flags.length === 0 ? (
                  <p className={styles.muted}>No flags.</p>
                ) : (
                  <ul className={styles.flags}>
                    {lead.result.flags.map((flag) => (
                      <li key={flag.code} className={`${styles.flag} ${styles[`flag_${flag.severity}`] ?? ""}`}>
                        <strong>{SEVERITY_LABELS[flag.severity]}</strong> <span className={styles.flagCode}>{flag.code}</span>
                        <p>
                          <strong>For staff:</strong> {flag.staffMessage}
                        </p>
                        <details className={styles.disclosure}>
                          <summary>What the patient read</summary>
                          <p>{flag.patientMessage}</p>
                        </details>
                      </li>
                    ))}
                  </ul>
                )}
                {/* The same short list for most patients: folded, so it does not push the timeline down a phone's screen. */}
                <details className={styles.disclosure}>
                  <summary>What the patient was told to expect ({lead.result.expectations.length} points)</summary>
                  <ul>
                    {lead.result.expectations.map((e) => (
                      <li key={e.code}>{e.patientMessage}</li>
                    ))}
                  </ul>
                </details>
              </>
            ) : (
              <p className={styles.fieldError}>The stored result could not be read.</p>
            )}
          </section>
        </div>

        <div className={styles.detailSide}>
          {lead.relatedLead || lead.laterLeads.length > 0 ? (
            <section className={styles.panel} aria-labelledby="related-heading">
              <h2 id="related-heading">Same person, other inquiries</h2>
              <ul>
                {lead.relatedLead ? <RelatedRow lead={lead.relatedLead} label="Earlier" /> : null}
                {lead.laterLeads.map((l) => (
                  <RelatedRow key={l.id} lead={l} label="Later" />
                ))}
              </ul>
              {mergeAction ? (
                <MergeForm
                  action={mergeAction}
                  leadId={lead.id}
                  version={lead.version}
                  candidates={[...(lead.relatedLead ? [lead.relatedLead] : []), ...lead.laterLeads].map((l) => ({
                    id: l.id,
                    label: `${l.firstName} ${l.lastName}, ${formatDateTime(l.createdAt)} (${LEAD_STATUS_LABELS[l.status]})`,
                  }))}
                />
              ) : null}
            </section>
          ) : null}

          <section className={styles.panel} aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">Timeline</h2>
            <ol className={styles.timeline}>
              {timeline.map((item) => (
                <li key={item.id}>
                  <div className={styles.hint}>
                    {formatDateTime(item.at)} · {item.who}
                  </div>
                  {item.kind === "note" ? (
                    <p className={styles.noteBody}>
                      {item.from ? <strong className={styles.mergedFrom}>Merged from {item.from}: </strong> : null}
                      {item.body}
                    </p>
                  ) : (
                    <p className={styles.noteBody}>
                      {item.from ? <strong className={styles.mergedFrom}>Merged from {item.from}: </strong> : null}
                      {item.body}
                    </p>
                  )}
                </li>
              ))}
            </ol>
            {views ? <p className={styles.hint}>{viewSummaryText(views)}</p> : null}
          </section>
        </div>
      </div>
    </>
  );
}
