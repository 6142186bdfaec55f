import Link from "next/link";

import { formatPhone, telHref } from "@/lib/clinic/format";
import { CONSULTATION_STATUS_LABELS, CONSULTATION_TYPE_LABELS } from "@/lib/booking/labels";
import { ELIGIBILITY_LABELS } from "@/lib/candidacy/result";
import { WEEKDAY_LABELS, type Weekday } from "@/lib/clinic/schemas";
import { attemptsText, CALL_OUTCOME_LABELS } from "@/lib/leads/call-outcomes";
import { LEAD_STATUS_LABELS } from "@/lib/leads/lead-status";
import { callFirstReason, formatBusinessMinutes } from "@/lib/leads/speed-to-lead";
import type { EarlierInquiries } from "@/lib/leads/same-person";
import type { LeadSummary } from "@/lib/leads/staff-inbox";
import { FLAG_LABELS, GOAL_LABELS, LOSS_PATTERN_LABELS, PREFERRED_CONTACT_LABELS } from "@/lib/workspace/answer-labels";
import { formatDateTime, formatPriceRange } from "@/lib/workspace/format";

import styles from "./staff.module.css";

function stageOf(lead: LeadSummary): string {
  if (lead.norwoodStage) return lead.norwoodStage === "unknown" ? "Norwood ?" : `Norwood ${lead.norwoodStage}`;
  if (lead.ludwigStage) return `Ludwig ${lead.ludwigStage}`;
  return LOSS_PATTERN_LABELS[lead.lossPattern as keyof typeof LOSS_PATTERN_LABELS]?.split(" (")[0] ?? lead.lossPattern;
}

export function EligibilityBadge({ eligibility }: { eligibility: LeadSummary["eligibility"] }) {
  return <span className={`${styles.badge} ${styles[`badge_${eligibility}`] ?? ""}`}>{ELIGIBILITY_LABELS[eligibility]}</span>;
}

/** "42 min, overdue" for a new inquiry (business minutes against the target); nothing once contacted. */
export function WaitingTime({ lead, replyTargetMinutes }: { lead: LeadSummary; replyTargetMinutes: number }) {
  if (lead.waitingMinutes === null) return <span className={styles.muted}>Contacted</span>;
  const overdue = lead.replyState === "overdue";
  return (
    <span className={overdue ? styles.overdue : styles.due} title={`Business time since the inquiry; the reply target is ${formatBusinessMinutes(replyTargetMinutes)}.`}>
      {formatBusinessMinutes(lead.waitingMinutes)} {overdue ? "· overdue" : "· due"}
    </span>
  );
}

/** A cell's label on the phone card, where the column headers are not shown (screen readers have the headers). */
function CardLabel({ children }: { children: string }) {
  return (
    <span className={styles.cardLabel} aria-hidden="true">
      {children}
    </span>
  );
}

/** A row: an inquiry, and for "Who to call first" the person's earlier inquiries (lib/leads/same-person.ts). */
export type LeadTableRow = LeadSummary & { earlier?: EarlierInquiries | null };

/**
 * "+5 earlier": the person's earlier inquiries, newest first, each a link to its page (a native
 * disclosure: keyboard and screen readers work without script).
 */
function EarlierInquiriesList({ earlier, name, timeZone }: { earlier: EarlierInquiries; name: string; timeZone?: string }) {
  const more = earlier.count - earlier.items.length;
  return (
    <details className={styles.earlier} data-earlier={earlier.count}>
      <summary title="Earlier inquiries with the same email or phone (each within 30 days of the next); this row is the latest.">
        +{earlier.count} earlier <span className={styles.visuallyHidden}>{earlier.count === 1 ? "inquiry" : "inquiries"} from {name}</span>
      </summary>
      <ul className={styles.earlierList} aria-label={`Earlier inquiries from ${name}`}>
        {earlier.items.map((item) => (
          <li key={item.id}>
            <Link href={`/staff/leads/${item.id}`}>{item.reference ?? "Inquiry"}</Link> · {formatDateTime(item.createdAt, timeZone)} · {LEAD_STATUS_LABELS[item.status]}
          </li>
        ))}
      </ul>
      {more > 0 ? <span className={styles.hint}>and {more} older, linked from the oldest one above</span> : null}
    </details>
  );
}

export interface LeadTableProps {
  leads: LeadTableRow[];
  caption: string;
  country: string;
  replyTargetMinutes: number;
  timeZone?: string;
  /** "Who to call first": say why each inquiry stands where it does. */
  showReason?: boolean;
  /** The id of the bulk form the row checkboxes belong to. */
  bulkFormId?: string;
}

/**
 * Inquiries as a table with real headers; the name links to the detail screen. Related facts share a
 * cell (name, reference and contact; status and waiting time; eligibility and flags; case and quote;
 * follow-up and arrival) so the table fits 1280 px without scrolling sideways. On a phone each row is
 * a card (staff.module.css, same DOM): the explicit roles keep the table semantics there, where the
 * cells are laid out as a grid instead of a table.
 */
export function LeadTable({ leads, caption, country, replyTargetMinutes, timeZone, showReason = false, bulkFormId }: LeadTableProps) {
  if (leads.length === 0) return <p className={styles.muted}>No inquiries match.</p>;
  return (
    <div className={styles.tableWrap}>
      <table
        role="table"
        className={`${styles.table} ${styles.leadTable}`}
        data-inbox-table=""
        data-selectable={bulkFormId ? "" : undefined}
        data-reason={showReason ? "" : undefined}
      >
        <caption>{caption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            {bulkFormId ? (
              <th scope="col" role="columnheader" className={styles.colCheck}>
                <span className={styles.visuallyHidden}>Select</span>
              </th>
            ) : null}
            <th scope="col" role="columnheader" className={styles.colName}>
              Name and contact
            </th>
            <th scope="col" role="columnheader" className={styles.colStatus}>
              Status, waiting
            </th>
            {showReason ? (
              <th scope="col" role="columnheader">
                Why here
              </th>
            ) : null}
            <th scope="col" role="columnheader" className={styles.colElig}>
              Eligibility and flags
            </th>
            <th scope="col" role="columnheader" className={styles.colCase}>
              Hair loss · age · goal, quote
            </th>
            <th scope="col" role="columnheader" className={styles.colWhen}>
              Follow-up, received
            </th>
            <th scope="col" role="columnheader" className={styles.colWho}>
              Assigned
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {leads.map((lead) => {
            const name = `${lead.firstName} ${lead.lastName}`;
            return (
              <tr key={lead.id} role="row" data-lead-row="">
                {bulkFormId ? (
                  <td role="cell" className={styles.cellCheck}>
                    <input type="checkbox" name="ids" value={lead.id} form={bulkFormId} aria-label={`Select ${name}`} className={styles.rowCheck} />
                    <input type="hidden" name={`version.${lead.id}`} value={lead.version} form={bulkFormId} />
                  </td>
                ) : null}
                <th scope="row" role="rowheader" className={`${styles.nameCell} ${styles.cellName}`}>
                  <Link href={`/staff/leads/${lead.id}`} className={`${styles.longText} ${styles.nameLink}`} title={name} data-lead-link="">
                    {name}
                  </Link>
                  {lead.reference ? <span className={styles.reference}>{lead.reference}</span> : null}
                  <span className={styles.contactLine}>
                    <a href={telHref(lead.phone)} className={styles.phoneLink}>
                      {formatPhone(lead.phone, country)}
                    </a>
                    <a href={`sms:${lead.phone.replace(/[^+\d]/g, "")}`} aria-label={`Text ${name}`} className={styles.smsLink}>
                      Text
                    </a>
                    <span className={styles.hint}>prefers {PREFERRED_CONTACT_LABELS[lead.preferredContact] ?? lead.preferredContact}</span>
                  </span>
                  {lead.earlier ? (
                    <EarlierInquiriesList earlier={lead.earlier} name={name} timeZone={timeZone} />
                  ) : lead.relatedLeadId ? (
                    <span className={`${styles.hint} ${styles.block}`} title="The same email or phone sent an inquiry in the 30 days before this one; the inquiry page links both and can merge them.">
                      Asked before (same email or phone)
                    </span>
                  ) : null}
                </th>
                <td role="cell" className={styles.cellStatus}>
                  <span className={styles.statusLabel}>{LEAD_STATUS_LABELS[lead.status]}</span>
                  {lead.calls.attempts > 0 ? (
                    <span className={`${styles.block} ${styles.small}`} data-inbox-calls={lead.calls.attempts}>
                      {attemptsText(lead.calls.attempts)}
                      {lead.calls.lastOutcome ? ` · ${CALL_OUTCOME_LABELS[lead.calls.lastOutcome].toLowerCase()}` : ""}
                    </span>
                  ) : null}
                  {lead.waitingMinutes !== null ? (
                    <span className={styles.block}>
                      <WaitingTime lead={lead} replyTargetMinutes={replyTargetMinutes} />
                    </span>
                  ) : null}
                </td>
                {showReason ? (
                  <td role="cell" className={`${styles.reason} ${styles.cellWhy}`}>
                    {lead.waitingMinutes !== null ? callFirstReason(lead.waitingMinutes, replyTargetMinutes) : ""}
                  </td>
                ) : null}
                <td role="cell" className={styles.cellElig}>
                  <EligibilityBadge eligibility={lead.eligibility} />
                  {lead.flags.length === 0 ? (
                    <span className={`${styles.muted} ${styles.block} ${styles.small}`}>No flags</span>
                  ) : (
                    <ul className={styles.flagList} aria-label="Flags">
                      {lead.flags.map((code) => (
                        <li key={code} title={code}>
                          {FLAG_LABELS[code as keyof typeof FLAG_LABELS] ?? code}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td role="cell" className={styles.cellCase}>
                  <span className={styles.block}>
                    {stageOf(lead)} · {lead.age} · {GOAL_LABELS[lead.goal as keyof typeof GOAL_LABELS] ?? lead.goal}
                  </span>
                  <span className={styles.block}>
                    {formatPriceRange(lead.price.minUsd, lead.price.maxUsd)}
                    {lead.price.estimate ? <span className={styles.hint}> (estimate)</span> : null}
                  </span>
                </td>
                <td role="cell" className={styles.cellWhen}>
                  {lead.consultation ? (
                    <span className={styles.block} data-inbox-consultation={lead.consultation.status}>
                      <span className={styles.inlineLabel}>Consultation</span> {formatDateTime(lead.consultation.start, timeZone)} ·{" "}
                      {CONSULTATION_TYPE_LABELS[lead.consultation.type]}
                      {lead.consultation.status === "booked" ? "" : ` · ${CONSULTATION_STATUS_LABELS[lead.consultation.status]}`}
                    </span>
                  ) : null}
                  {lead.callbackPreference ? (
                    <span className={`${styles.block} ${styles.small}`} data-inbox-callback="">
                      <span className={styles.inlineLabel}>Call back</span>{" "}
                      <span className={styles.clamp} title={lead.callbackPreference.preferredTimes}>
                        {lead.callbackPreference.preferredTimes}
                        {lead.callbackPreference.days.length > 0
                          ? ` (${lead.callbackPreference.days.map((d) => WEEKDAY_LABELS[d as Weekday]?.slice(0, 3) ?? d).join(", ")})`
                          : ""}
                      </span>
                    </span>
                  ) : null}
                  {lead.followUpAt ? (
                    <>
                      <span className={styles.block}>
                        <span className={styles.inlineLabel}>Follow-up</span> {formatDateTime(lead.followUpAt, timeZone)}
                      </span>
                      {lead.followUpNote ? (
                        <span className={`${styles.hint} ${styles.clamp}`} title={lead.followUpNote}>
                          {lead.followUpNote}
                        </span>
                      ) : null}
                    </>
                  ) : null}
                  <span className={`${styles.block} ${styles.small}`}>
                    <span className={styles.inlineLabel}>Received</span> {formatDateTime(lead.createdAt, timeZone)}
                  </span>
                </td>
                <td role="cell" className={styles.cellWho}>
                  <CardLabel>Assigned</CardLabel>
                  {lead.assignee ? <span className={styles.longText}>{lead.assignee.name}</span> : <span className={styles.muted}>Nobody</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
