import type { Metadata } from "next";

import { eraseLeadAction, mergeLeadAction, setFollowUpAction, updateLeadAction } from "@/app/staff/leads/actions";
import { signOutAction } from "@/app/staff/sign-in/actions";
import { EraseLeadForm } from "@/components/staff/EraseLeadForm";
import { LeadDetailView } from "@/components/staff/LeadDetailView";
import { StaffShell } from "@/components/staff/StaffShell";
import { getDb } from "@/lib/db/client";
import { ERASE_CONFIRMATION_WORD } from "@/lib/leads/erase-input";
import { samePersonCount } from "@/lib/leads/erase-lead";
import { loadLeadPage } from "@/lib/workspace/page-loaders";

export const metadata: Metadata = { title: "Inquiry · staff", robots: { index: false } };

export default async function StaffLeadPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, lead, staff, views, country } = await loadLeadPage(id);
  return (
    <StaffShell user={user} current="lead" signOut={signOutAction}>
      <LeadDetailView lead={lead} staff={staff} views={views} country={country} action={updateLeadAction} followUpAction={setFollowUpAction} mergeAction={mergeLeadAction} />
      {user.role === "admin" ? (
        <EraseLeadForm
          action={eraseLeadAction}
          leadId={lead.id}
          samePersonCount={await samePersonCount(getDb(), lead.id)}
          confirmationWord={ERASE_CONFIRMATION_WORD}
        />
      ) : null}
    </StaffShell>
  );
}
