/**
 * Issue 19: "Who will treat you" on /staff/clinic (both languages, the schema's limit, the
 * schema's message on a refusal) and shown to patients with their result.
 */
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { ClinicProfileForm } from "@/components/staff/ClinicForms";
import { WhoTreatsYou } from "@/components/site/WhoTreatsYou";
import { clinicProfileFromForm } from "@/lib/clinic/form";
import { PLACEHOLDER_CLINIC_PROFILE } from "@/lib/clinic/defaults";
import { CLINIC_LIMITS, CLINIC_MESSAGES, clinicProfileSchema } from "@/lib/clinic/schemas";
import type { ActionState } from "@/lib/workspace/action-state";

vi.setConfig({ testTimeout: 20_000 });

const profile = {
  ...PLACEHOLDER_CLINIC_PROFILE,
  whoTreatsYou: { en: "Dr. Ruiz leads every procedure.", es: "La Dra. Ruiz dirige cada procedimiento." },
  version: 4,
  isPlaceholder: false,
  updatedAt: new Date("2026-12-01T18:00:00Z"),
};

describe("Who will treat you (issue 19)", () => {
  it("the admin edits it in English and Spanish, limited by the schema, and the form's data passes the one schema", async () => {
    const user = userEvent.setup({ delay: null });
    const calls: FormData[] = [];
    const action = vi.fn(async (_prev: ActionState, form: FormData): Promise<ActionState> => {
      calls.push(form);
      return { status: "ok", message: "Saved." };
    });
    render(<ClinicProfileForm action={action} profile={profile} timeZones={["America/Los_Angeles"]} />);
    const en = screen.getByLabelText("Who will treat you (English)");
    const es = screen.getByLabelText("Who will treat you (Spanish)");
    expect(en).toHaveValue("Dr. Ruiz leads every procedure.");
    expect(es).toHaveValue("La Dra. Ruiz dirige cada procedimiento.");
    expect(en).toHaveAttribute("maxLength", String(CLINIC_LIMITS.whoTreatsYouMax));
    await user.clear(en);
    await user.type(en, "Dr. Ruiz, a hair surgeon, leads every procedure.");
    await user.click(screen.getByRole("button", { name: "Save clinic profile" }));
    await waitFor(() => expect(calls).toHaveLength(1));
    const input = clinicProfileFromForm(calls[0] as FormData);
    expect(input.whoTreatsYou).toEqual({ en: "Dr. Ruiz, a hair surgeon, leads every procedure.", es: "La Dra. Ruiz dirige cada procedimiento." });
    expect(clinicProfileSchema.safeParse(input).success).toBe(true);
  });

  it("a refusal shows the schema's message on the field and keeps what was typed", async () => {
    const user = userEvent.setup({ delay: null });
    const state: ActionState = {
      status: "error",
      message: "Some details need another look. Nothing was saved.",
      fields: { "whoTreatsYou.es": CLINIC_MESSAGES.whoTreatsYouOneLanguage },
      values: { "whoTreatsYou.en": "Dr. Ruiz leads every procedure.", "whoTreatsYou.es": "" },
    };
    const action = vi.fn(async () => state);
    render(<ClinicProfileForm action={action} profile={profile} timeZones={["America/Los_Angeles"]} />);
    await user.click(screen.getByRole("button", { name: "Save clinic profile" }));
    const es = screen.getByLabelText("Who will treat you (Spanish)");
    await waitFor(() => expect(es).toHaveAttribute("aria-invalid", "true"));
    expect(es).toHaveAccessibleDescription(new RegExp(CLINIC_MESSAGES.whoTreatsYouOneLanguage.replace(/[.()]/g, "\\$&")));
    expect(es).toHaveValue("");
    expect(screen.getByLabelText("Who will treat you (English)")).toHaveValue("Dr. Ruiz leads every procedure.");
  });

  it("patients read it as paragraphs under its heading; nothing when the clinic wrote none", () => {
    const { rerender } = render(<WhoTreatsYou id="who" heading="Who will treat you" text={"Dr. Ruiz leads every procedure.\n\nTwo SMP artists work with her."} level={3} />);
    expect(screen.getByRole("heading", { level: 3, name: "Who will treat you" })).toBeInTheDocument();
    expect(screen.getByText("Two SMP artists work with her.")).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Who will treat you" }).querySelectorAll("p")).toHaveLength(2);
    rerender(<WhoTreatsYou id="who" heading="Who will treat you" text={null} />);
    expect(screen.queryByRole("heading", { name: "Who will treat you" })).toBeNull();
  });
});
