import type { Metadata } from "next";

import {
  acceptNextTryAction,
  bookConsultationAction,
  confirmAssessmentAction,
  correctContactAction,
  eraseLeadAction,
  logCallAction,
  mergeLeadAction,
  undoMergeAction,
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
import { MergeOutcome, MergesHere, UndoMergeForm } from "@/components/staff/MergeUndo";
import { StaffShell } from "@/components/staff/StaffShell";
import { leadBookingOf } from "@/lib/booking/staff-booking";
import { getDb } from "@/lib/db/client";
import { listContactChanges } from "@/lib/leads/contact-correction";
import { listLeadCalls } from "@/lib/leads/lead-calls";
import { ERASE_CONFIRMATION_WORD } from "@/lib/leads/erase-input";
import { samePersonCount } from "@/lib/leads/erase-lead";
import { listLeadPhotos } from "@/lib/photos/store";
import { formatDateTime } from "@/lib/workspace/format";
import { loadLeadPage, type SearchParams } from "@/lib/workspace/page-loaders";

export const metadata: Metadata = { title: "Inquiry · staff", robots: { index: false } };

export default async function StaffLeadPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { id } = await params;
  const query = await searchParams;
  const { user, lead, staff, views, country, followUpOptions, timeZone, merges, mergedFrom } = await loadLeadPage(id);
  const at = (iso: string) => formatDateTime(iso, timeZone);
  // After a merge into this inquiry (?merged=<the merged one>) or an undo (?unmerged=1): say what was done, once.
  const justMerged = typeof query.merged === "string" ? merges.find((m) => m.mergedLeadId === query.merged) : undefined;
  const undoLabel = (reference: string | null) => `Undo the merge of ${reference ?? "the merged inquiry"}`;
  const notice = (
    <>
      {justMerged ? (
        <MergeOutcome
          undo={justMerged.canUndo ? <UndoMergeForm action={undoMergeAction} mergedLeadId={justMerged.mergedLeadId} label={undoLabel(justMerged.mergedReference)} /> : null}
        >
          {justMerged.mergedReference ?? "The other inquiry"} was merged into this inquiry: its notes and history are here now, marked “Merged from{" "}
          {justMerged.mergedReference ?? "an earlier inquiry"}”, and it keeps no contact details.
          {justMerged.canUndo ? ` You can undo this until ${at(justMerged.undoUntil)}.` : ""}
        </MergeOutcome>
      ) : null}
      {query.unmerged === "1" ? (
        <MergeOutcome>Merge undone: this inquiry is separate again, with its contact details, notes and history back.</MergeOutcome>
      ) : null}
      <MergesHere
        action={undoMergeAction}
        items={merges
          .filter((m) => m.mergedLeadId !== justMerged?.mergedLeadId)
          .map((m) => ({ mergedLeadId: m.mergedLeadId, mergedReference: m.mergedReference, mergedBy: m.mergedBy?.name ?? "a former staff member", mergedAt: at(m.mergedAt), undoUntil: at(m.undoUntil), canUndo: m.canUndo }))}
      />
    </>
  );
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
        notice={notice}
        mergedFrom={mergedFrom}
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
