import Link from "next/link";

import { formatPhone, telHref } from "@/lib/clinic/format";
import { ELIGIBILITY_LABELS } from "@/lib/candidacy/result";
import { LEAD_STATUS_LABELS } from "@/lib/leads/lead-status";
import { callFirstReason, formatBusinessMinutes } from "@/lib/leads/speed-to-lead";
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

export interface LeadTableProps {
  leads: LeadSummary[];
  caption: string;
  country: string;
  replyTargetMinutes: number;
  timeZone?: string;
  /** "Who to call first": say why each inquiry stands where it does. */
  showReason?: boolean;
  /** The id of the bulk form the row checkboxes belong to. */
  bulkFormId?: string;
}

/** Inquiries as a table with real headers; the name links to the detail screen. */
export function LeadTable({ leads, caption, country, replyTargetMinutes, timeZone, showReason = false, bulkFormId }: LeadTableProps) {
  if (leads.length === 0) return <p className={styles.muted}>No inquiries match.</p>;
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} data-inbox-table="">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {bulkFormId ? (
              <th scope="col">
                <span className={styles.visuallyHidden}>Select</span>
              </th>
            ) : null}
            <th scope="col">Name</th>
            <th scope="col">Waiting</th>
            {showReason ? <th scope="col">Why here</th> : null}
            <th scope="col">Received</th>
            <th scope="col">Eligibility</th>
            <th scope="col">Flags</th>
            <th scope="col">Hair loss · age · goal</th>
            <th scope="col">Quote</th>
            <th scope="col">Contact</th>
            <th scope="col">Status</th>
            <th scope="col">Assigned</th>
            <th scope="col">Follow-up</th>
          </tr>
        </thead>
        <tbody>
          {leads.map((lead) => {
            const name = `${lead.firstName} ${lead.lastName}`;
            return (
              <tr key={lead.id} data-lead-row="">
                {bulkFormId ? (
                  <td>
                    <input type="checkbox" name="ids" value={lead.id} form={bulkFormId} aria-label={`Select ${name}`} className={styles.rowCheck} />
                    <input type="hidden" name={`version.${lead.id}`} value={lead.version} form={bulkFormId} />
                  </td>
                ) : null}
                <th scope="row" className={styles.nameCell}>
                  <Link href={`/staff/leads/${lead.id}`} className={styles.longText} title={name} data-lead-link="">
                    {name}
                  </Link>
                  {lead.reference ? <div className={styles.hint}>{lead.reference}</div> : null}
                  {lead.relatedLeadId ? (
                    <div className={styles.hint} title="The same email or phone sent an inquiry in the 30 days before this one; the inquiry page links both and can merge them.">
                      Asked before (same email or phone)
                    </div>
                  ) : null}
                </th>
                <td>
                  <WaitingTime lead={lead} replyTargetMinutes={replyTargetMinutes} />
                </td>
                {showReason ? (
                  <td className={styles.reason}>{lead.waitingMinutes !== null ? callFirstReason(lead.waitingMinutes, replyTargetMinutes) : ""}</td>
                ) : null}
                <td>{formatDateTime(lead.createdAt, timeZone)}</td>
                <td>
                  <EligibilityBadge eligibility={lead.eligibility} />
                </td>
                <td>
                  {lead.flags.length === 0 ? (
                    <span className={styles.muted}>None</span>
                  ) : (
                    <ul className={styles.flagList}>
                      {lead.flags.map((code) => (
                        <li key={code} title={code}>
                          {FLAG_LABELS[code as keyof typeof FLAG_LABELS] ?? code}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {stageOf(lead)} · {lead.age} · {GOAL_LABELS[lead.goal as keyof typeof GOAL_LABELS] ?? lead.goal}
                </td>
                <td>
                  {formatPriceRange(lead.price.minUsd, lead.price.maxUsd)}
                  {lead.price.estimate ? <div className={styles.hint}>estimate</div> : null}
                </td>
                <td>
                  <a href={telHref(lead.phone)} style={{ whiteSpace: "nowrap" }}>
                    {formatPhone(lead.phone, country)}
                  </a>{" "}
                  <a href={`sms:${lead.phone.replace(/[^+\d]/g, "")}`} aria-label={`Text ${name}`}>
                    Text
                  </a>
                  <div className={styles.hint}>prefers {PREFERRED_CONTACT_LABELS[lead.preferredContact] ?? lead.preferredContact}</div>
                </td>
                <td>{LEAD_STATUS_LABELS[lead.status]}</td>
                <td>{lead.assignee ? <span className={styles.longText}>{lead.assignee.name}</span> : <span className={styles.muted}>Nobody</span>}</td>
                <td>
                  {lead.followUpAt ? (
                    <>
                      {formatDateTime(lead.followUpAt, timeZone)}
                      {lead.followUpNote ? (
                        <div className={`${styles.hint} ${styles.clamp}`} title={lead.followUpNote}>
                          {lead.followUpNote}
                        </div>
                      ) : null}
                    </>
                  ) : (
                    <span className={styles.muted}>—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
