import Link from "next/link";

import { ELIGIBILITY_LABELS } from "@/lib/candidacy/result";
import { LEAD_STATUS_LABELS } from "@/lib/leads/lead-status";
import type { LeadSummary } from "@/lib/leads/staff-inbox";
import { GOAL_LABELS, LOSS_PATTERN_LABELS, PREFERRED_CONTACT_LABELS } from "@/lib/workspace/answer-labels";
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

/** Inquiries as a table with real headers; the name links to the detail screen. */
export function LeadTable({ leads, caption }: { leads: LeadSummary[]; caption: string }) {
  if (leads.length === 0) return <p className={styles.muted}>No inquiries match.</p>;
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Received</th>
            <th scope="col">Eligibility</th>
            <th scope="col">Flags</th>
            <th scope="col">Hair loss · goal</th>
            <th scope="col">Quote</th>
            <th scope="col">Contact</th>
            <th scope="col">Status</th>
            <th scope="col">Assigned</th>
          </tr>
        </thead>
        <tbody>
          {leads.map((lead) => (
            <tr key={lead.id}>
              <th scope="row">
                <Link href={`/staff/leads/${lead.id}`}>
                  {lead.firstName} {lead.lastName}
                </Link>
                {lead.relatedLeadId ? <div className={styles.hint}>Asked before</div> : null}
              </th>
              <td>{formatDateTime(lead.createdAt)}</td>
              <td>
                <EligibilityBadge eligibility={lead.eligibility} />
              </td>
              <td>
                {lead.flags.length === 0 ? (
                  <span className={styles.muted}>None</span>
                ) : (
                  <ul className={styles.flagList}>
                    {lead.flags.map((code) => (
                      <li key={code} className={styles.flagCode}>
                        {code}
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
                <a href={`tel:${lead.phone}`}>{lead.phone}</a>
                <div className={styles.hint}>prefers {PREFERRED_CONTACT_LABELS[lead.preferredContact] ?? lead.preferredContact}</div>
              </td>
              <td>{LEAD_STATUS_LABELS[lead.status]}</td>
              <td>{lead.assignee?.name ?? <span className={styles.muted}>Nobody</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
