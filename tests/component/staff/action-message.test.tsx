/**
 * ReloadOnConflict (components/staff/ActionMessage.tsx), the reload link every staff form shows after
 * a conflict: only then, with its note after the link.
 */
import { render, screen } from "@testing-library/react";

import { ReloadOnConflict } from "@/components/staff/ActionMessage";
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
