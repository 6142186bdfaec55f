import type { Metadata } from "next";

import { updateLeadAction } from "@/app/staff/actions";
import { LeadDetailView } from "@/components/staff/LeadDetailView";
import { StaffShell } from "@/components/staff/StaffShell";
import { loadLeadPage } from "@/lib/workspace/page-loaders";

export const metadata: Metadata = { title: "Inquiry · staff", robots: { index: false } };

export default async function StaffLeadPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, lead, staff } = await loadLeadPage(id);
  return (
    <StaffShell user={user} current="lead">
      <LeadDetailView lead={lead} staff={staff} action={updateLeadAction} />
    </StaffShell>
  );
}
