import type { Metadata } from "next";

import { updateConsultationAction } from "@/app/staff/leads/actions";
import { signOutAction } from "@/app/staff/sign-in/actions";
import { AgendaView } from "@/components/staff/AgendaView";
import { StaffShell } from "@/components/staff/StaffShell";
import { loadAgendaPage, type SearchParams } from "@/lib/workspace/page-loaders";

export const metadata: Metadata = { title: "Agenda · staff", robots: { index: false } };

export default async function AgendaPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user, agenda } = await loadAgendaPage(await searchParams);
  return (
    <StaffShell user={user} current="agenda" signOut={signOutAction}>
      <AgendaView agenda={agenda} updateAction={updateConsultationAction} />
    </StaffShell>
  );
}
