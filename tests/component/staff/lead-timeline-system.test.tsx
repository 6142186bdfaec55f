/**
 * The timeline of the staff detail screen names what the system did on its own: an automatic
 * assignment (by whom: "System", and which rule) and a reply-time alert (escalation) with the
 * waiting time and the target.
 */
import { render } from "@testing-library/react";

import { LeadDetailView } from "@/components/staff/LeadDetailView";
import { evaluateCandidacy } from "@/lib/candidacy";
import type { LeadDetail } from "@/lib/leads/lead-detail";
import { DEFAULT_PRICE_TABLE } from "@/lib/pricing/price-table";
import { IDLE } from "@/lib/workspace/action-state";
import { buildAnswers } from "@/tests/support/candidacy-builders";

function leadWith(events: LeadDetail["events"]): LeadDetail {
  const answers = buildAnswers({ scars: ["strip"] });
  const result = evaluateCandidacy(answers, DEFAULT_PRICE_TABLE, { locale: "en" });
  const now = new Date("2026-11-20T18:00:00Z").toISOString();
  const payload = "Ana";
  const summary = {
    id: "clead0000000000000000000001",
    createdAt: now,
    status: "not_proceeding" as const,
    closedReason: payload,
    eligibility: result.status,
    flags: result.flags.map((f) => f.code),
    firstName: payload,
    lastName: payload,
    email: `${payload}@example.com`,
    phone: payload,
    preferredContact: payload,
    sex: answers.sex,
    age: answers.age,
    lossPattern: answers.lossPattern,
    norwoodStage: answers.norwoodStage ?? null,
    ludwigStage: null,
    goal: answers.goal,
    price: { minUsd: result.price.minUsd, maxUsd: result.price.maxUsd, estimate: result.price.estimate, basis: result.price.basis, tableVersion: 1 },
    assignee: { id: "u1", name: payload },
    relatedLeadId: null,
    version: 3,
    firstContactedAt: now,
    followUpAt: now,
    followUpNote: payload,
    waitingMinutes: null,
    replyState: null,
    mergedIntoId: null,
    reference: null,
  };
  return {
    ...summary,
    updatedAt: now,
    rulesVersion: result.rulesVersion,
    locale: "en",
    answers,
    result,
    patientNotes: payload,
    consent: { contactAccepted: true, privacyAccepted: true, textVersion: payload, at: now },
    source: { utmSource: payload, utmMedium: payload, utmCampaign: payload, referrer: payload },
    relatedLead: { ...summary, id: "clead0000000000000000000000", firstName: payload },
    laterLeads: [],
    notes: [{ id: "n1", body: payload, createdAt: now, author: { id: "u1", name: payload } }],
    events,
  };
}

const noop = async () => IDLE;

it("shows the automatic assignment and the reply-time alert as done by the system", () => {
  const at = "2026-11-20T18:20:00.000Z";
  const lead = leadWith([
    { id: "e1", type: "assigned", createdAt: at, actor: null, data: { from: null, to: "u2", by: "auto_assign", mode: "round_robin" } },
    { id: "e2", type: "escalated", createdAt: at, actor: null, data: { waitingMinutes: 75, replyTargetMinutes: 15, channels: ["email"] } },
  ]);
  const { container } = render(<LeadDetailView lead={lead} staff={[{ id: "u2", name: "Bea Front" }]} action={noop} />);
  const text = container.textContent ?? "";
  expect(text).toContain("Assignment changed");
  expect(text).toContain("nobody → Bea Front (automatic, round robin)");
  expect(text).toContain("Reply-time alert sent");
  expect(text).toContain("Still new after 1 h 15 min of opening hours (target 15 min)");
  expect(text).toContain("System");
});
