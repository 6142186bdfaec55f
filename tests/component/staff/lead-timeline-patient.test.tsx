/**
 * The staff timeline names the patient when they acted through their own page (issue 19): opening
 * it and downloading their data are audited with no staff actor and `by: "patient"`.
 */
import { render } from "@testing-library/react";

import { LeadDetailView } from "@/components/staff/LeadDetailView";
import { IDLE } from "@/lib/workspace/action-state";
import { buildLeadDetail } from "@/tests/support/lead-detail-builders";

const noop = async () => IDLE;

it("shows the patient's own views and download as done by the patient, not the system", () => {
  const at = "2026-11-20T18:20:00.000Z";
  const lead = buildLeadDetail("Ana", {
    events: [
      { id: "e1", type: "patient_viewed", createdAt: at, actor: null, data: { by: "patient" } },
      { id: "e2", type: "patient_exported", createdAt: at, actor: null, data: { by: "patient" } },
    ],
  });
  const { container } = render(<LeadDetailView lead={lead} staff={[]} action={noop} />);
  const text = container.textContent ?? "";
  expect(text).toContain("The patient opened their own page");
  expect(text).toContain("The patient downloaded their data");
  expect(text).toContain("The patient");
  expect(text).not.toContain("System");
});
