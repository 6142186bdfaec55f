/**
 * ReloadOnConflict (components/staff/ActionMessage.tsx), the reload link every staff form shows after
 * a conflict: only then, with its note after the link; the lead page's forms link back to the inquiry.
 */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { ReloadOnConflict } from "@/components/staff/ActionMessage";
import { AssigneeForm } from "@/components/staff/LeadForms";
import type { ActionState } from "@/lib/workspace/action-state";

describe("ReloadOnConflict", () => {
  it("after a conflict: the link and the note after it", () => {
    const state: ActionState = { status: "conflict", message: "Someone else saved first." };
    render(
      <ReloadOnConflict state={state} href="/staff/clinic" after=" to see the saved version.">
        Reload the page
      </ReloadOnConflict>,
    );
    const link = screen.getByRole("link", { name: "Reload the page" });
    expect(link).toHaveAttribute("href", "/staff/clinic");
    expect(link.parentElement?.tagName).toBe("P");
    expect(link.parentElement).toHaveTextContent(/^Reload the page to see the saved version\.$/);
  });

  it.each(["idle", "ok", "error"] as const)("nothing after %s", (status) => {
    const { container } = render(
      <ReloadOnConflict state={{ status }} href="/staff/prices">
        Reload the price page
      </ReloadOnConflict>,
    );
    expect(container).toBeEmptyDOMElement();
  });
});

it("a lead form after a conflict: the alert and a link back to the current inquiry", async () => {
  const user = userEvent.setup();
  const action = async (): Promise<ActionState> => ({ status: "conflict", message: "Someone else changed this inquiry." });
  render(<AssigneeForm action={action} leadId="lead-1" version={1} assigneeId={null} staff={[{ id: "u-ana", name: "Ana" }]} />);
  expect(screen.queryByRole("link", { name: "Reload this inquiry" })).toBeNull();
  await user.click(screen.getByRole("button", { name: /assign/i }));
  expect(await screen.findByRole("link", { name: "Reload this inquiry" })).toHaveAttribute("href", "/staff/leads/lead-1");
  expect(screen.getByRole("alert")).toHaveTextContent("Someone else changed this inquiry.");
});
