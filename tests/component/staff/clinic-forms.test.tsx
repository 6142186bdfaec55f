/**
 * The clinic profile form as an admin uses it: labelled fields prefilled from the profile; after a
 * rejected save, every field keeps what was typed, shows its own message, and focus moves to the
 * first field in error; a closed day hides its times; a conflict offers a reload.
 */
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { ClinicProfileForm, ClinicSettingsForm } from "@/components/staff/ClinicForms";
import type { ActionState } from "@/lib/workspace/action-state";
import { DEFAULT_CLINIC_SETTINGS, PLACEHOLDER_CLINIC_PROFILE } from "@/lib/clinic/defaults";
import { CLINIC_MESSAGES } from "@/lib/clinic/schemas";

const profile = { ...PLACEHOLDER_CLINIC_PROFILE, version: 3, isPlaceholder: true, updatedAt: new Date("2026-11-30T18:00:00Z") };

function deferredAction(result: (form: FormData) => ActionState) {
  const calls: FormData[] = [];
  const action = vi.fn(async (_prev: ActionState, form: FormData) => {
    calls.push(form);
    return result(form);
  });
  return { action, calls };
}

// A form of some forty labelled fields: label queries in jsdom are slow on a busy machine.
vi.setConfig({ testTimeout: 20_000 });

describe("ClinicProfileForm", () => {
  it("shows the profile in labelled fields and sends the version and the form's names", async () => {
    const user = userEvent.setup({ delay: null });
    const { action, calls } = deferredAction(() => ({ status: "ok", message: "Saved. Patients see the new details from now on." }));
    render(<ClinicProfileForm action={action} profile={profile} timeZones={["America/Los_Angeles", "Europe/Madrid"]} />);

    expect(screen.getByLabelText("Clinic name")).toHaveValue("Your Clinic (placeholder)");
    expect(screen.getByLabelText("Phone")).toHaveValue("(714) 555-0100");
    expect(screen.getByLabelText("Postal code")).toHaveValue("92800");
    expect(screen.getByLabelText("Time zone")).toHaveValue("America/Los_Angeles");
    expect(screen.getByLabelText("Monday opens at")).toHaveValue("09:00");
    expect(screen.getByLabelText("Saturday: open or closed")).toHaveValue("closed");
    expect(screen.queryByLabelText("Saturday opens at")).toBeNull();
    expect(screen.getByLabelText("Reply time (Spanish)")).toHaveValue("en un día hábil");

    // Opening Saturday shows its times.
    await user.selectOptions(screen.getByLabelText("Saturday: open or closed"), "open");
    await user.clear(screen.getByLabelText("Saturday opens at"));
    await user.type(screen.getByLabelText("Saturday opens at"), "10:00");
    await user.clear(screen.getByLabelText("Clinic name"));
    await user.type(screen.getByLabelText("Clinic name"), "Harbor SMP");
    await user.click(screen.getByRole("button", { name: "Save clinic profile" }));

    expect(await screen.findByText("Saved. Patients see the new details from now on.")).toBeVisible();
    const sent = calls[0];
    expect(sent?.get("version")).toBe("3");
    expect(sent?.get("name")).toBe("Harbor SMP");
    expect(sent?.get("openingHours.sat.state")).toBe("open");
    expect(sent?.get("openingHours.sat.open")).toBe("10:00");
    expect(sent?.get("address.postalCode")).toBe("92800");
  });

  it("after an error keeps what was typed, marks each field and focuses the first one", async () => {
    const user = userEvent.setup({ delay: null });
    const { action } = deferredAction((form) => ({
      status: "error",
      message: "Some details need another look. Nothing was saved.",
      fields: {
        phone: CLINIC_MESSAGES.phoneInvalid,
        timeZone: CLINIC_MESSAGES.timeZoneInvalid,
        "openingHours.tue.close": CLINIC_MESSAGES.closeBeforeOpen,
        "closedDates.1": CLINIC_MESSAGES.closedDateInvalid,
      },
      values: Object.fromEntries([...form].map(([k, v]) => [k, String(v)])),
    }));
    render(<ClinicProfileForm action={action} profile={profile} timeZones={[]} />);

    await user.clear(screen.getByLabelText("Phone"));
    await user.type(screen.getByLabelText("Phone"), "555");
    await user.clear(screen.getByLabelText("Time zone"));
    await user.type(screen.getByLabelText("Time zone"), "Mars/Base");
    await user.clear(screen.getByLabelText("Clinic name"));
    await user.type(screen.getByLabelText("Clinic name"), "Typed name");
    await user.type(screen.getByLabelText("Closed dates (holidays)"), "2026-12-25\n2026-13-01");
    await user.selectOptions(screen.getByLabelText("Saturday: open or closed"), "open");
    await user.selectOptions(screen.getByLabelText("Monday: open or closed"), "closed");
    await user.click(screen.getByRole("button", { name: "Save clinic profile" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Some details need another look. Nothing was saved.");
    const phone = screen.getByLabelText("Phone");
    await waitFor(() => expect(phone).toHaveFocus());
    expect(phone).toHaveValue("555");
    expect(phone).toHaveAttribute("aria-invalid", "true");
    expect(phone).toHaveAccessibleDescription(expect.stringContaining(CLINIC_MESSAGES.phoneInvalid));
    expect(screen.getByLabelText("Clinic name")).toHaveValue("Typed name");
    expect(screen.getByLabelText("Time zone")).toHaveAccessibleDescription(expect.stringContaining(CLINIC_MESSAGES.timeZoneInvalid));
    expect(screen.getByLabelText("Tuesday closes at")).toHaveAccessibleDescription(`Tuesday: ${CLINIC_MESSAGES.closeBeforeOpen}`);
    expect(screen.getByLabelText("Saturday: open or closed")).toHaveValue("open");
    expect(screen.getByLabelText("Saturday opens at")).toHaveValue("09:00");
    expect(screen.getByLabelText("Monday: open or closed")).toHaveValue("closed");
    expect(screen.queryByLabelText("Monday opens at")).toBeNull();
    const dates = screen.getByLabelText("Closed dates (holidays)");
    expect(dates).toHaveValue("2026-12-25\n2026-13-01");
    expect(dates).toHaveAccessibleDescription(expect.stringContaining(`“2026-13-01”: ${CLINIC_MESSAGES.closedDateInvalid}`));
  });

  it("a conflict says so and offers a reload", async () => {
    const user = userEvent.setup({ delay: null });
    const { action } = deferredAction(() => ({ status: "conflict", message: "Someone else saved these details while you were editing." }));
    render(<ClinicProfileForm action={action} profile={profile} timeZones={[]} />);
    await user.click(screen.getByRole("button", { name: "Save clinic profile" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Someone else saved");
    expect(screen.getByRole("link", { name: "Reload the page" })).toHaveAttribute("href", "/staff/clinic");
    expect(screen.getByRole("link", { name: "Reload the page" }).parentElement).toHaveTextContent("Reload the page to see the saved version.");
  });
});

describe("ClinicSettingsForm", () => {
  it("shows the settings and keeps the typed values and the checkbox after an error", async () => {
    const user = userEvent.setup({ delay: null });
    const { action } = deferredAction((form) => ({
      status: "error",
      message: "Some settings need another look. Nothing was saved.",
      fields: { retentionMonths: CLINIC_MESSAGES.retentionInvalid },
      values: Object.fromEntries([...form].map(([k, v]) => [k, String(v)])),
    }));
    render(<ClinicSettingsForm action={action} settings={{ ...DEFAULT_CLINIC_SETTINGS, version: 1 }} />);
    expect(screen.getByLabelText("Reply target (business minutes)")).toHaveValue("15");
    expect(screen.getByLabelText("Automatic assignment")).toHaveValue("off");
    expect(screen.getByLabelText("Erase inquiries after (months)")).toHaveValue("");
    const twoFactor = screen.getByLabelText("Require two-factor sign-in for admins");
    expect(twoFactor).not.toBeChecked();

    await user.click(twoFactor);
    await user.type(screen.getByLabelText("Erase inquiries after (months)"), "999");
    await user.selectOptions(screen.getByLabelText("Automatic assignment"), "round_robin");
    await act(async () => {
      await user.click(screen.getByRole("button", { name: "Save settings" }));
    });

    const retention = await screen.findByLabelText("Erase inquiries after (months)");
    expect(within(document.body).getByRole("alert")).toHaveTextContent("Some settings need another look.");
    expect(retention).toHaveValue("999");
    await waitFor(() => expect(retention).toHaveFocus());
    expect(screen.getByLabelText("Automatic assignment")).toHaveValue("round_robin");
    expect(screen.getByLabelText("Require two-factor sign-in for admins")).toBeChecked();
  });
});
