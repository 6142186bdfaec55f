/**
 * The timeline in words (issue 22 item 7): follow-ups with their date and time in the clinic's zone,
 * "became a patient" clearing one logged as "Follow-up cleared", bulk changes with both statuses.
 */
import { render } from "@testing-library/react";

import { LeadDetailView } from "@/components/staff/LeadDetailView";
import { IDLE } from "@/lib/workspace/action-state";
import { buildLeadDetail } from "@/tests/support/lead-detail-builders";

const noop = async () => IDLE;

it("shows every event in words with the values changed, no codes", () => {
  const at = "2026-11-20T18:20:00.000Z";
  const actor = { id: "u1", name: "Ana Front" };
  const lead = buildLeadDetail("Ana", {
    events: [
      { id: "e1", type: "follow_up_set", createdAt: at, actor, data: { at: "2026-11-23T17:00:00.000Z", from: null } },
      { id: "e2", type: "bulk_changed", createdAt: at, actor, data: { status: { from: "new", to: "not_proceeding" } } },
      { id: "e3", type: "follow_up_cleared", createdAt: at, actor, data: { from: "2026-11-23T17:00:00.000Z", status: "became_patient" } },
      { id: "e4", type: "follow_up_set", createdAt: at, actor, data: { at: null } },
    ],
  });
  const { container } = render(<LeadDetailView lead={lead} staff={[actor]} action={noop} timeZone="America/New_York" />);
  const text = container.textContent ?? "";
  expect(text).toContain("Follow-up set for Mon, Nov 23, 2026, 12:00 PM EST");
  expect(text).toContain("Bulk change: status from “New” to “Not proceeding”");
  expect(text).toContain("Follow-up cleared (was Mon, Nov 23, 2026, 12:00 PM EST; because the status became “Became a patient”)");
  expect(text).not.toMatch(/follow_up|bulk_changed|not_proceeding|became_patient/);
  expect(text).not.toContain("Set a follow-up");
});
