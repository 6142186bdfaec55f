/**
 * "Became a patient" takes the treatment amount agreed (issue 22 item 8): the status form's amount
 * field reaches the server as the shared schema reads it, is set aside (disabled, not sent) for any
 * other move, and a refused amount is shown on the field with what was typed kept.
 */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { StatusForm } from "@/components/staff/LeadForms";
import { leadPatchFromForm, leadPatchSchema } from "@/lib/leads/lead-patch";
import type { ActionState } from "@/lib/workspace/action-state";

const AMOUNT = "Treatment amount agreed, US$ (optional, with “Became a patient”)";

function harness(sent: FormData[], answer: ActionState = { status: "ok", message: "Saved." }) {
  const action = async (_prev: ActionState, form: FormData): Promise<ActionState> => {
    sent.push(form);
    return answer;
  };
  return <StatusForm action={action} leadId="lead-1" version={3} status="consultation_booked" />;
}

describe("the status form's amount agreed", () => {
  it("sends the amount with Became a patient, read as whole dollars by the shared schema", async () => {
    const user = userEvent.setup();
    const sent: FormData[] = [];
    render(harness(sent));
    await user.selectOptions(screen.getByLabelText("Move to"), "became_patient");
    await user.type(screen.getByLabelText(AMOUNT), "$3,200");
    await user.click(screen.getByRole("button", { name: "Save status" }));
    await screen.findByText("Saved.");
    const parsed = leadPatchSchema.parse(leadPatchFromForm(sent[0] as FormData));
    expect(parsed).toMatchObject({ status: "became_patient", treatmentAmountUsd: 3200, version: 3 });
  });

  it("is set aside for another move", async () => {
    const user = userEvent.setup();
    const sent: FormData[] = [];
    render(harness(sent));
    await user.type(screen.getByLabelText(AMOUNT), "900");
    await user.selectOptions(screen.getByLabelText("Move to"), "contacted");
    expect(screen.getByLabelText(AMOUNT)).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Save status" }));
    await screen.findByText("Saved.");
    expect(sent[0]?.has("treatmentAmountUsd")).toBe(false);
    expect(leadPatchSchema.parse(leadPatchFromForm(sent[0] as FormData))).toEqual({ status: "contacted", version: 3 });
  });

  it("shows a refused amount's message on the field, the typed value kept", async () => {
    const user = userEvent.setup();
    const refused: ActionState = {
      status: "error",
      message: "Please correct the highlighted field.",
      fields: { treatmentAmountUsd: "Enter the amount agreed in whole US dollars, e.g. 3200." },
      values: { treatmentAmountUsd: "32.50" },
    };
    render(harness([], refused));
    await user.selectOptions(screen.getByLabelText("Move to"), "became_patient");
    await user.type(screen.getByLabelText(AMOUNT), "32.50");
    await user.click(screen.getByRole("button", { name: "Save status" }));
    const field = await screen.findByLabelText(AMOUNT);
    expect(await screen.findByText("Enter the amount agreed in whole US dollars, e.g. 3200.")).toBeInTheDocument();
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveValue("32.50");
  });
});
