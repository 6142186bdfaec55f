import type { Metadata } from "next";

import { InboxView } from "@/components/staff/InboxView";
import { StaffShell } from "@/components/staff/StaffShell";
import { loadInboxPage, type SearchParams } from "@/lib/workspace/page-loaders";

export const metadata: Metadata = { title: "Inquiries · staff", robots: { index: false } };

export default async function StaffInboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const data = await loadInboxPage(await searchParams);
  return (
    <StaffShell user={data.user} current="inbox">
      <InboxView {...data} />
    </StaffShell>
  );
}
