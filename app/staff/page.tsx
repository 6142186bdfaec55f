import type { Metadata } from "next";
import Link from "next/link";

import { bulkUpdateLeadsAction } from "@/app/staff/leads/actions";
import { signOutAction } from "@/app/staff/sign-in/actions";
import { InboxView } from "@/components/staff/InboxView";
import { StaffShell } from "@/components/staff/StaffShell";
import admin from "@/components/staff/admin.module.css";
import { formatDateTime } from "@/lib/workspace/format";
import { loadInboxPage, type SearchParams } from "@/lib/workspace/page-loaders";

export const metadata: Metadata = { title: "Inquiries · staff", robots: { index: false } };

export default async function StaffInboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const data = await loadInboxPage(params);
  // After an erasure on request (app/staff/leads/actions.ts): say what happened, with no personal data.
  const erased = typeof params.erased === "string" && /^\d{1,4}$/.test(params.erased) ? Number(params.erased) : null;
  return (
    <StaffShell user={data.user} current="inbox" signOut={signOutAction}>
      {erased !== null ? (
        <p role="status" className={admin.notice}>
          {erased === 1 ? "The inquiry was erased." : `${erased} inquiries were erased.`} Only the audit log records that it happened.
        </p>
      ) : null}
      {data.mergedReference ? (
        <p role="status" className={admin.notice} data-merged-reference="">
          <strong>{data.mergedReference.reference}</strong> was merged into{" "}
          <Link href={`/staff/leads/${encodeURIComponent(data.mergedReference.survivor.id)}`}>
            {data.mergedReference.survivor.reference ?? `the inquiry received ${formatDateTime(data.mergedReference.survivor.createdAt, data.timeZone)}`}
          </Link>
          {data.mergedReference.survivor.reference ? ", found by its merged reference and listed below." : "."}
        </p>
      ) : null}
      <InboxView {...data} bulkAction={bulkUpdateLeadsAction} />
    </StaffShell>
  );
}
