/**
 * The stale-select bug: after "Assign" (or "Save status", or "Change role") the server re-renders the
 * page with the new value, but React 19 resets a form after its action, and an uncontrolled
 * <select defaultValue> resets to the value it was FIRST rendered with. The select showed the old
 * assignee beside "Saved.", and a second click silently reverted the change.
 *
 * Each test plays the server: the action resolves, then the parent re-renders the form with the saved
 * value (as revalidatePath does). The select must show the saved value, and "Saved." must go away
 * as soon as the person starts the next change.
 */
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";

import { AssigneeForm, StatusForm } from "@/components/staff/LeadForms";
import { RoleForm } from "@/components/staff/StaffUserForms";
import type { LeadStatus } from "@/lib/leads/lead-status";
import type { StaffRole } from "@/lib/staff/roles";
import type { ActionState } from "@/lib/workspace/action-state";

const STAFF = [
  { id: "u-ana", name: "Ana" },
  { id: "u-ben", name: "Ben" },
];

function AssignHarness() {
  const [saved, setSaved] = useState<{ assigneeId: string | null; version: number }>({ assigneeId: null, version: 1 });
  const action = async (_prev: ActionState, form: FormData): Promise<ActionState> => {
    const to = String(form.get("assigneeId") ?? "");
    // The server saved it; the page re-renders with the new props.
    setSaved((s) => ({ assigneeId: to === "" ? null : to, version: s.version + 1 }));
    return { status: "ok", message: "Saved." };
  };
  return <AssigneeForm action={action} leadId="lead-1" version={saved.version} assigneeId={saved.assigneeId} staff={STAFF} />;
}

function StatusHarness() {
  const [saved, setSaved] = useState<{ status: LeadStatus; version: number }>({ status: "new", version: 1 });
  const action = async (_prev: ActionState, form: FormData): Promise<ActionState> => {
    setSaved((s) => ({ status: String(form.get("status")) as LeadStatus, version: s.version + 1 }));
    return { status: "ok", message: "Saved." };
  };
  return <StatusForm action={action} leadId="lead-1" version={saved.version} status={saved.status} />;
}

function RoleHarness() {
  const [role, setRole] = useState<StaffRole>("front_desk");
  const action = async (_prev: ActionState, form: FormData): Promise<ActionState> => {
    setRole(String(form.get("role")) as StaffRole);
    return { status: "ok", message: "Ana is now an admin." };
  };
  return <RoleForm action={action} userId="u-ana" name="Ana" role={role} />;
}

describe("a form re-rendered after its action shows the saved value", () => {
  it("assign: the select shows the new assignee beside Saved., and Saved. clears on the next change", async () => {
    const user = userEvent.setup();
    render(<AssignHarness />);
    // Always the select on screen now (the form may have replaced the element).
    const select = () => screen.getByLabelText<HTMLSelectElement>("Assigned to");
    await user.selectOptions(select(), "u-ben");
    await user.click(screen.getByRole("button", { name: "Assign" }));
    await screen.findByText("Saved.");
    await act(async () => {}); // let React finish the form reset after the action
    expect(select().value).toBe("u-ben");
    expect(screen.getByRole("option", { name: "Ben" })).toHaveProperty("selected", true);

    await user.selectOptions(select(), "u-ana");
    expect(screen.queryByText("Saved.")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Assign" }));
    await screen.findByText("Saved.");
    await act(async () => {});
    expect(select().value).toBe("u-ana");
  });

  it("status: after saving, the form offers the moves from the NEW status and nothing is preselected", async () => {
    const user = userEvent.setup();
    render(<StatusHarness />);
    const select = () => screen.getByLabelText<HTMLSelectElement>("Move to");
    await user.selectOptions(select(), "contacted");
    await user.click(screen.getByRole("button", { name: "Save status" }));
    await screen.findByText("Saved.");
    await act(async () => {});
    expect(select().value).toBe("");
    // From "contacted" the form offers "New" (one step back) and no longer "Contacted".
    expect(screen.queryByRole("option", { name: "Contacted" })).toBeNull();
    expect(screen.getByRole("option", { name: "New" })).toBeTruthy();
    await user.selectOptions(select(), "consultation_booked");
    expect(screen.queryByText("Saved.")).toBeNull();
  });

  it("role: the select shows the new role beside the message, and the message clears on the next change", async () => {
    const user = userEvent.setup();
    render(<RoleHarness />);
    const select = () => screen.getByLabelText<HTMLSelectElement>("Role of Ana");
    await user.selectOptions(select(), "admin");
    await user.click(screen.getByRole("button", { name: "Change role" }));
    await screen.findByText("Ana is now an admin.");
    await act(async () => {});
    expect(select().value).toBe("admin");
    await user.selectOptions(select(), "front_desk");
    await waitFor(() => expect(screen.queryByText("Ana is now an admin.")).toBeNull());
  });
});
