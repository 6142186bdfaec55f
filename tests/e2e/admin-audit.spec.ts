import { expect, test } from "@playwright/test";

import { expectNoAxeViolations } from "./support/a11y";
import { ADMIN, FRONT_DESK } from "./support/credentials";
import { StepShots } from "./support/screenshots";
import { createLeadViaApi, signIn } from "./support/staff";

/**
 * The admin erases an inquiry from its page with the typed confirmation, then finds the erasure in
 * the audit log filtered by themselves: the erased inquiry's id only, nothing about the person. The
 * front desk has no link and gets a 403.
 */
test.describe("audit log", () => {
  test("the front desk gets a 403 and no link", async ({ page }) => {
    await signIn(page, FRONT_DESK);
    await expect(page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Audit log" })).toHaveCount(0);
    const response = await page.goto("/staff/audit");
    expect(response?.status()).toBe(403);
  });

  test("the admin erases an inquiry and finds the erasure in the audit log", async ({ page, request }) => {
    const shots = new StepShots(page, "admin-audit");
    const lead = await createLeadViaApi(
      request,
      { sex: "male", age: 44, lossPattern: "norwood", norwoodStage: "5", goal: "full_shaved_look", scars: [], skinConditions: [], dermatologyClearance: false, chemotherapy: "none" },
      "Erasmus",
      "Forgotten",
    );
    await signIn(page, ADMIN);
    await page.goto(`/staff/leads/${lead.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Erasmus");

    await page.getByText("Erase this inquiry (right to be forgotten)").click();
    const confirmation = page.getByLabel("Type ERASE to confirm");
    await confirmation.fill("erase");
    await page.getByRole("button", { name: "Erase for good" }).click();
    await expect(page.getByText("Type ERASE in capital letters to confirm.")).toBeVisible();
    await expect(confirmation).toBeFocused();
    await confirmation.fill("ERASE");
    await page.getByRole("button", { name: "Erase for good" }).click();
    await expect(page.getByText("The inquiry was erased.")).toBeVisible();

    await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await page.getByLabel("Staff member").selectOption({ label: `${ADMIN.name} (you)` });
    await page.getByLabel("Action").selectOption({ label: "Erased an inquiry" });
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/action=erased/);
    const row = page.getByRole("row").filter({ hasText: lead.id });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Erased an inquiry");
    await expect(row).toContainText(ADMIN.name);
    // "What happened" in words (issue 22 item 7); the CSV keeps "reason: request" in its details column.
    await expect(row).toContainText("Erased an inquiry (at the person's request)");
    await expect(page.getByRole("status").filter({ hasText: /^Showing 1–\d+ of \d+ entr/ })).toBeVisible();
    await expect(page.getByRole("main")).not.toContainText("Erasmus");
    await expect(page.getByRole("main")).not.toContainText(lead.email);
    await expectNoAxeViolations(page, "audit log (filtered)");
    await shots.take("erasure-phone");
    await page.setViewportSize({ width: 1280, height: 900 });
    await shots.take("erasure-desktop");

    // The whole log as the admin sees it (the views of the erased inquiry went with it).
    await page.getByRole("link", { name: "Clear" }).click();
    await expect(page).toHaveURL(/\/staff\/audit$/);
    await expect(page.getByLabel("Action")).toHaveValue("");
    await expect(page.getByLabel("Staff member")).toHaveValue("");
    await expect(page.getByRole("row").filter({ hasText: lead.id })).toHaveCount(1);
    await expect(page.getByRole("main")).not.toContainText("Erasmus");
    await shots.take("all-desktop");
  });
});
