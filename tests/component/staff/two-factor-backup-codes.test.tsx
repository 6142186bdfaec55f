/**
 * "Generate new backup codes" on the two-factor page as a staff member uses it: the count of unused
 * codes (a warning when few are left), a wrong password refused on the field with the focus on it,
 * then the new codes once with the warning that the old ones no longer work, copy and download as
 * text; "I have saved them" puts the codes away.
 */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { TwoFactorPanel } from "@/components/staff/AccountForms";
import { IDLE, type ActionState } from "@/lib/workspace/action-state";

const CODES = ["abcde-12345", "fghij-67890", "klmno-13579", "pqrst-24680", "uvwxy-11223", "zABCD-44556", "EFGHI-77889", "JKLMN-99001", "OPQRS-22334", "TUVWX-55667"];

const noop = async (): Promise<ActionState> => IDLE;

function renderPanel(regenerate: (prev: ActionState, form: FormData) => Promise<ActionState>, unused: number | null = 7) {
  return render(
    <TwoFactorPanel
      enabled
      required={false}
      unusedBackupCodes={unused}
      startAction={noop}
      confirmAction={noop}
      disableAction={noop}
      regenerateAction={regenerate}
    />,
  );
}

describe("two-factor page: new backup codes", () => {
  it("counts the unused codes and warns when few are left", () => {
    const { unmount } = renderPanel(noop, 7);
    expect(screen.getByRole("heading", { name: "Backup codes" })).toBeVisible();
    expect(screen.getByText("You have 7 of 10 backup codes unused.")).toBeVisible();
    unmount();
    renderPanel(noop, 2);
    expect(screen.getByText(/You have 2 of 10 backup codes unused\. Generate new ones/)).toBeVisible();
  });

  it("a wrong password: the field says so and takes the focus; the right one shows the new codes once", async () => {
    const user = userEvent.setup({ delay: null });
    const sent: FormData[] = [];
    const regenerate = vi.fn(async (_prev: ActionState, form: FormData): Promise<ActionState> => {
      sent.push(form);
      return form.get("password") === "right password"
        ? { status: "ok", message: "New backup codes are ready. Your old backup codes no longer work.", data: { backupCodes: CODES } }
        : { status: "error", message: "That password is not right.", fields: { password: "That is not your current password." } };
    });
    renderPanel(regenerate);
    const section = screen.getByRole("region", { name: "Backup codes" });
    const password = within(section).getByLabelText("Your password");
    expect(within(section).getByText("New codes replace all of them: your old backup codes stop working at once.")).toBeVisible();

    await user.type(password, "wrong one");
    await user.click(screen.getByRole("button", { name: "Generate new backup codes" }));
    expect(await within(section).findByText("That is not your current password.")).toBeVisible();
    expect(within(section).getByRole("alert")).toHaveTextContent("That password is not right.");
    const refused = within(screen.getByRole("region", { name: "Backup codes" })).getByLabelText("Your password");
    expect(refused).toHaveAttribute("aria-invalid", "true");
    expect(refused).toHaveAccessibleDescription(/That is not your current password\./);
    expect(refused).toHaveFocus();

    await user.clear(refused);
    await user.type(refused, "right password");
    await user.click(screen.getByRole("button", { name: "Generate new backup codes" }));
    const heading = await screen.findByRole("heading", { name: "Your new backup codes" });
    expect(heading).toHaveFocus();
    expect(screen.getByText("Your old backup codes no longer work.")).toBeVisible();
    const list = screen.getByRole("list", { name: "Backup codes" });
    expect(within(list).getAllByRole("listitem").map((li) => li.textContent)).toEqual(CODES);
    const download = screen.getByRole("link", { name: "Download as a text file" });
    expect(download).toHaveAttribute("download", "smp-staff-backup-codes.txt");
    expect(decodeURIComponent(download.getAttribute("href")?.replace(/^data:text\/plain;charset=utf-8,/, "") ?? "")).toBe(`${CODES.join("\n")}\n`);

    // Copy: one code per line on the clipboard.
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    await user.click(screen.getByRole("button", { name: "Copy the codes" }));
    expect(writeText).toHaveBeenCalledWith(`${CODES.join("\n")}\n`);
    expect(await screen.findByText("Copied.")).toBeVisible();

    await user.click(screen.getByRole("button", { name: "I have saved them" }));
    expect(screen.queryByRole("list", { name: "Backup codes" })).toBeNull();
    expect(screen.getByRole("button", { name: "Generate new backup codes" })).toBeVisible();
    expect(sent.map((form) => [...form.keys()])).toEqual([["password"], ["password"]]);
  });
});
