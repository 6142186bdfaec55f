import "server-only";

import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { patientStageOf } from "@/lib/patient-access/schemas";
import { requireAccess, tokenNotFound } from "@/lib/patient-access/patient-view";

/**
 * "Download my data" (GET /api/v1/my/{token}/export): everything stored about the person behind
 * this link, as JSON. docs/decisions/020-patient-page.md lists every field and the reason for each
 * thing left out (the staff's identities, the keyed IP hash, the link hashes, other people's data).
 * Audited as the patient's ("patient_exported").
 */

export const PATIENT_EXPORT_FORMAT = "smp-patient-export/1";

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

export interface PatientExport {
  format: typeof PATIENT_EXPORT_FORMAT;
  exportedAt: string;
  inquiry: Record<string, unknown>;
  mergedDuplicates: Record<string, unknown>[];
  notes: { createdAt: string; text: string }[];
  history: { type: string; at: string }[];
  messages: { kind: string; channel: string; createdAt: string; deliveredAt: string | null }[];
  links: { issuedFor: string; createdAt: string; expiresAt: string }[];
}

const LEAD_FIELDS = {
  id: true,
  reference: true,
  createdAt: true,
  updatedAt: true,
  locale: true,
  status: true,
  closedReason: true,
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
  preferredContact: true,
  patientNotes: true,
  answers: true,
  result: true,
  eligibility: true,
  flagCodes: true,
  priceMinUsd: true,
  priceMaxUsd: true,
  priceBasis: true,
  priceEstimate: true,
  priceTableVersion: true,
  rulesVersion: true,
  consentContactAccepted: true,
  consentPrivacyAccepted: true,
  consentTextVersion: true,
  consentAt: true,
  utmSource: true,
  utmMedium: true,
  utmCampaign: true,
  referrer: true,
  firstContactedAt: true,
  followUpAt: true,
  followUpNote: true,
  assigneeId: true,
  relatedLeadId: true,
} as const;

type LeadRow = { [K in keyof typeof LEAD_FIELDS]: unknown } & { createdAt: Date; updatedAt: Date; consentAt: Date; firstContactedAt: Date | null; followUpAt: Date | null };

function inquiryOf(lead: LeadRow): Record<string, unknown> {
  return {
    id: lead.id,
    reference: lead.reference,
    receivedAt: iso(lead.createdAt),
    updatedAt: iso(lead.updatedAt),
    language: lead.locale,
    status: lead.status,
    stage: patientStageOf(String(lead.status)),
    closedReason: lead.closedReason,
    contact: { firstName: lead.firstName, lastName: lead.lastName, email: lead.email, phone: lead.phone, preferredContact: lead.preferredContact },
    noteToClinic: lead.patientNotes,
    answers: lead.answers,
    result: lead.result,
    summary: {
      eligibility: lead.eligibility,
      flagCodes: String(lead.flagCodes).split(",").filter(Boolean),
      price: { minUsd: lead.priceMinUsd, maxUsd: lead.priceMaxUsd, basis: lead.priceBasis, estimate: lead.priceEstimate, tableVersion: lead.priceTableVersion },
      rulesVersion: lead.rulesVersion,
    },
    consent: { contactAccepted: lead.consentContactAccepted, privacyAccepted: lead.consentPrivacyAccepted, textVersion: lead.consentTextVersion, at: iso(lead.consentAt) },
    source: { utmSource: lead.utmSource, utmMedium: lead.utmMedium, utmCampaign: lead.utmCampaign, referrer: lead.referrer },
    firstContactedAt: iso(lead.firstContactedAt),
    followUp: { at: iso(lead.followUpAt), note: lead.followUpNote },
    assignedToStaff: lead.assigneeId !== null,
    hasEarlierInquiry: lead.relatedLeadId !== null,
  };
}

export async function exportOwnInquiry(db: Db, token: string, now: Date = new Date()): Promise<PatientExport> {
  const leadId = await requireAccess(db, token, now);
  const lead = await db.lead.findUnique({ where: { id: leadId }, select: LEAD_FIELDS });
  if (!lead) throw tokenNotFound();
  const [duplicates, notes, events, messages, links] = await Promise.all([
    db.lead.findMany({ where: { mergedIntoId: leadId }, select: LEAD_FIELDS, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db.leadNote.findMany({ where: { leadId }, select: { body: true, createdAt: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db.leadEvent.findMany({ where: { leadId }, select: { type: true, createdAt: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db.outboxMessage.findMany({ where: { leadId }, select: { kind: true, channel: true, createdAt: true, deliveredAt: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db.patientAccessToken.findMany({ where: { leadId }, select: { issuedFor: true, createdAt: true, expiresAt: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
  ]);
  await recordAudit(db, { actorId: null, type: "patient_exported", leadId, data: { by: "patient" } });
  return {
    format: PATIENT_EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    inquiry: inquiryOf(lead as LeadRow),
    mergedDuplicates: duplicates.map((d) => inquiryOf(d as LeadRow)),
    notes: notes.map((n) => ({ createdAt: n.createdAt.toISOString(), text: n.body })),
    history: events.map((e) => ({ type: e.type, at: e.createdAt.toISOString() })),
    messages: messages.map((m) => ({ kind: m.kind, channel: m.channel, createdAt: m.createdAt.toISOString(), deliveredAt: iso(m.deliveredAt) })),
    links: links.map((l) => ({ issuedFor: l.issuedFor, createdAt: l.createdAt.toISOString(), expiresAt: l.expiresAt.toISOString() })),
  };
}
