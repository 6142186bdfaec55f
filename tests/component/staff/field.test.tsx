/**
 * The staff forms' one Field: a control is named by its label, described by its hint and its
 * error, and marked invalid exactly while the action reports an error for it.
 */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { Field } from "@/components/staff/Field";
import { CreateStaffUserForm } from "@/components/staff/StaffUserForms";
import type { ActionState } from "@/lib/workspace/action-state";

describe("Field", () => {
  it("labels the control and describes it by its hint; no error, not invalid", () => {
    render(
      <Field id="f-note" label="Note" hint="Visible to all staff.">
        {(control) => <textarea {...control} name="note" />}
      </Field>,
    );
    const note = screen.getByRole("textbox", { name: "Note" });
    expect(note).toHaveAccessibleDescription("Visible to all staff.");
    expect(note).not.toHaveAttribute("aria-invalid");
  });

  it("adds the error to the description and marks the control invalid", () => {
    render(
      <Field id="f-email" label="Email" hint="Work address." error="Please enter a valid email address.">
        {(control) => <input {...control} name="email" />}
      </Field>,
    );
    const email = screen.getByRole("textbox", { name: "Email" });
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAccessibleDescription("Work address. Please enter a valid email address.");
  });

  it("wires a real staff form: the action's field error lands on its control", async () => {
    const action = async (): Promise<ActionState> => ({ status: "error", message: "Check the form.", fields: { email: "This email is already used." } });
    render(<CreateStaffUserForm action={action} />);
    await userEvent.type(screen.getByLabelText("Email"), "ana@clinic.test");
    await userEvent.type(screen.getByLabelText("Password"), "a long staff password");
    await userEvent.click(screen.getByRole("button", { name: "Create account" }));
    const email = await screen.findByRole("textbox", { name: "Email", description: /already used/ });
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Password")).not.toHaveAttribute("aria-invalid");
  });
});
