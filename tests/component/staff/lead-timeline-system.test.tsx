/**
 * The timeline of the staff detail screen names what the system did on its own: an automatic
 * assignment (by whom: "System", and which rule) and a reply-time alert (escalation) with the
 * waiting time and the target.
 */
import { render } from "@testing-library/react";

import { LeadDetailView } from "@/components/staff/LeadDetailView";
import { IDLE } from "@/lib/workspace/action-state";
import { buildLeadDetail } from "@/tests/support/lead-detail-builders";

const noop = async () => IDLE;

it("shows the automatic assignment and the reply-time alert as done by the system", () => {
  const at = "2026-11-20T18:20:00.000Z";
  const lead = buildLeadDetail("Ana", {
    events: [
      { id: "e1", type: "assigned", createdAt: at, actor: null, data: { from: null, to: "u2", by: "auto_assign", mode: "round_robin" } },
      { id: "e2", type: "escalated", createdAt: at, actor: null, data: { waitingMinutes: 75, replyTargetMinutes: 15, channels: ["email"] } },
    ],
  });
  const { container } = render(<LeadDetailView lead={lead} staff={[{ id: "u2", name: "Bea Front" }]} action={noop} />);
  const text = container.textContent ?? "";
  // In words, from the one registry (lib/audit/event-words.ts; issue 22 item 7).
  expect(text).toContain("Assigned to Bea Front (before: nobody; automatically, round robin)");
  expect(text).toContain("Reply-time alert sent (still new after 1 h 15 min of opening hours; target 15 min; by email)");
  expect(text).toContain("System");
});
