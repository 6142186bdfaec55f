/**
 * A staff detail-screen inquiry (LeadDetail, with its LeadSummary part and one related inquiry) for
 * the component tests: every patient-written and staff-written text field is `text` (so a test can
 * pass a hostile payload or a plain name), the answers and result those of a real evaluation.
 */
import { evaluateCandidacy } from "@/lib/candidacy";
import type { LeadDetail } from "@/lib/leads/lead-detail";
import { DEFAULT_PRICE_TABLE } from "@/lib/pricing/price-table";

import { buildAnswers } from "./candidacy-builders";

export interface LeadDetailOverrides {
  /** The patient's reference (default none). */
  reference?: string | null;
  /** The timeline (default empty). */
  events?: LeadDetail["events"];
}

export function buildLeadDetail(text: string, overrides: LeadDetailOverrides = {}): LeadDetail {
  const answers = buildAnswers({ scars: ["strip"] });
  const result = evaluateCandidacy(answers, DEFAULT_PRICE_TABLE, { locale: "en" });
  const now = new Date("2026-11-20T18:00:00Z").toISOString();
  const summary = {
    id: "clead0000000000000000000001",
    createdAt: now,
    status: "not_proceeding" as const,
    closedReason: text,
    eligibility: result.status,
    flags: result.flags.map((f) => f.code),
    firstName: text,
    lastName: text,
    email: `${text}@example.com`,
    phone: text,
    // A hostile stored value (the column is a string) still renders as text: the type says what the write path stores.
    preferredContact: text as LeadDetail["preferredContact"],
    sex: answers.sex,
    age: answers.age,
    lossPattern: answers.lossPattern,
    norwoodStage: answers.norwoodStage ?? null,
    ludwigStage: null,
    goal: answers.goal,
    price: { minUsd: result.price.minUsd, maxUsd: result.price.maxUsd, estimate: result.price.estimate, basis: result.price.basis, tableVersion: 1 },
    assignee: { id: "u1", name: text },
    relatedLeadId: null,
    version: 3,
    firstContactedAt: now,
    followUpAt: now,
    followUpNote: text,
    waitingMinutes: null,
    replyState: null,
    mergedIntoId: null,
    photoCount: 0,
    confirmedResult: null,
    assessedAt: null,
    consultation: null,
    callbackPreference: null,
    calls: { attempts: 0, lastOutcome: null, lastAt: null },
    reference: overrides.reference ?? null,
  };
  return {
    ...summary,
    updatedAt: now,
    rulesVersion: result.rulesVersion,
    locale: "en",
    answers,
    result,
    patientNotes: text,
    consent: { contactAccepted: true, privacyAccepted: true, textVersion: text, at: now, method: "online", enteredBy: null },
    source: { utmSource: text, utmMedium: text, utmCampaign: text, referrer: text },
    relatedLead: { ...summary, id: "clead0000000000000000000000", firstName: text },
    laterLeads: [],
    notes: [{ id: "n1", body: text, createdAt: now, author: { id: "u1", name: text } }],
    events: overrides.events ?? [],
  };
}
