import type { Metadata } from "next";

import {
  acceptNextTryAction,
  bookConsultationAction,
  confirmAssessmentAction,
  correctContactAction,
  eraseLeadAction,
  logCallAction,
  mergeLeadAction,
  setFollowUpAction,
  updateConsultationAction,
  updateLeadAction,
} from "@/app/staff/leads/actions";
import { signOutAction } from "@/app/staff/sign-in/actions";
import { CallPanel } from "@/components/staff/CallPanel";
import { ContactCorrection } from "@/components/staff/ContactCorrection";
import { ConsultationPanel } from "@/components/staff/ConsultationPanel";
import { EraseLeadForm } from "@/components/staff/EraseLeadForm";
import { LeadDetailView } from "@/components/staff/LeadDetailView";
import { LeadPhotos } from "@/components/staff/LeadPhotos";
import { StaffShell } from "@/components/staff/StaffShell";
import { leadBookingOf } from "@/lib/booking/staff-booking";
import { getDb } from "@/lib/db/client";
import { listContactChanges } from "@/lib/leads/contact-correction";
import { listLeadCalls } from "@/lib/leads/lead-calls";
import { ERASE_CONFIRMATION_WORD } from "@/lib/leads/erase-input";
import { samePersonCount } from "@/lib/leads/erase-lead";
import { listLeadPhotos } from "@/lib/photos/store";
import { loadLeadPage } from "@/lib/workspace/page-loaders";

export const metadata: Metadata = { title: "Inquiry · staff", robots: { index: false } };

export default async function StaffLeadPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, lead, staff, views, country, followUpOptions, timeZone } = await loadLeadPage(id);
  const db = getDb();
  const [photos, assessment, calls, contactHistory] = await Promise.all([
    listLeadPhotos(db, lead.id),
    db.leadAssessment.findUnique({ where: { leadId: lead.id }, select: { norwoodStage: true, ludwigStage: true, scars: true, note: true, assessedAt: true } }),
    listLeadCalls(db, lead.id),
    listContactChanges(db, lead.id),
  ]);
  const latestCall = calls[0];
  const callPanel = (
    <CallPanel
      leadId={lead.id}
      version={lead.version}
      attempts={lead.calls.attempts}
      latest={latestCall ? { ...latestCall, actorName: latestCall.actor?.name ?? null } : null}
      followUpAt={lead.followUpAt}
      timeZone={timeZone}
      logAction={logCallAction}
      acceptAction={acceptNextTryAction}
    />
  );
  return (
    <StaffShell user={user} current="lead" signOut={signOutAction}>
      <LeadDetailView
        lead={lead}
        staff={staff}
        views={views}
        country={country}
        action={updateLeadAction}
        followUpAction={setFollowUpAction}
        followUpOptions={followUpOptions}
        timeZone={timeZone}
        mergeAction={mergeLeadAction}
        callPanel={callPanel}
        contactCorrection={
          <ContactCorrection
            leadId={lead.id}
            version={lead.version}
            current={{ firstName: lead.firstName, lastName: lead.lastName, phone: lead.phone, email: lead.email }}
            history={contactHistory.map((h) => ({ id: h.id, at: h.at, actorName: h.actor?.name ?? null, changes: h.changes }))}
            timeZone={timeZone}
            open={latestCall?.outcome === "wrong_number"}
            action={correctContactAction}
          />
        }
      />
      <LeadPhotos
        leadId={lead.id}
        version={lead.version}
        list={photos}
        confirmedResult={lead.confirmedResult}
        assessment={assessment ? { ...assessment, scars: Array.isArray(assessment.scars) ? assessment.scars.filter((s): s is string => typeof s === "string") : [], assessedAt: assessment.assessedAt.toISOString() } : null}
        action={confirmAssessmentAction}
      />
      <ConsultationPanel leadId={lead.id} booking={await leadBookingOf(getDb(), lead.id)} bookAction={bookConsultationAction} updateAction={updateConsultationAction} />
      {user.role === "admin" ? (
        <EraseLeadForm
          action={eraseLeadAction}
          leadId={lead.id}
          samePersonCount={await samePersonCount(db, lead.id)}
          confirmationWord={ERASE_CONFIRMATION_WORD}
        />
      ) : null}
    </StaffShell>
  );
}
