import { expect, test } from "@playwright/test";

import { PLACEHOLDER_CLINIC_PROFILE } from "@/lib/clinic/defaults";
import { CLINIC_MESSAGES } from "@/lib/clinic/schemas";

import { expectNoAxeViolations } from "./support/a11y";
import { ADMIN, FRONT_DESK } from "./support/credentials";
import { StepShots } from "./support/screenshots";
import { signIn } from "./support/staff";

/**
 * The admin's clinic page (/staff/clinic): a real 403 for the front desk; for the admin the
 * placeholder warning, specific errors that keep what was typed with focus on the first, and a save
 * that ends the warning. The spec puts the placeholder name and phone back at the end, so the other
 * specs see the seeded contact details.
 */

test.describe("clinic profile page", () => {
  test("the front desk gets a 403 and no link", async ({ page }) => {
    await signIn(page, FRONT_DESK);
    await expect(page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Clinic" })).toHaveCount(0);
    const response = await page.goto("/staff/clinic");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "You don’t have access to this page" })).toBeVisible();
  });

  test("the admin replaces the placeholder details, with clear errors on the way", async ({ page }) => {
    const shots = new StepShots(page, "staff-clinic");
    await signIn(page, ADMIN);
    await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Clinic" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Clinic profile and settings" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "These are placeholder details" })).toBeVisible();
    await expectNoAxeViolations(page, "clinic page (placeholder)");
    await shots.take("placeholder-phone");
    await page.setViewportSize({ width: 1280, height: 900 });
    await shots.take("placeholder-desktop");

    // Wrong phone and a Tuesday that closes before it opens.
    const name = page.getByLabel("Clinic name");
    const phone = page.getByLabel("Phone", { exact: true });
    await name.fill("Harbor SMP Studio");
    await phone.fill("555");
    await page.getByLabel("Tuesday opens at").fill("18:00");
    await page.getByLabel("Tuesday closes at").fill("08:00");
    await page.getByRole("button", { name: "Save clinic profile" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Nothing was saved" })).toBeVisible();
    await expect(phone).toBeFocused();
    await expect(phone).toHaveValue("555");
    await expect(name).toHaveValue("Harbor SMP Studio");
    await expect(page.getByText(CLINIC_MESSAGES.phoneInvalid)).toBeVisible();
    await expect(page.getByText(`Tuesday: ${CLINIC_MESSAGES.closeBeforeOpen}`)).toBeVisible();
    await expectNoAxeViolations(page, "clinic page (errors)");
    await shots.take("errors-desktop");
    await page.setViewportSize({ width: 390, height: 844 });
    await shots.take("errors-phone");

    await phone.fill("(949) 555-0177");
    await page.getByLabel("Tuesday opens at").fill("09:00");
    await page.getByLabel("Tuesday closes at").fill("17:00");
    await page.getByRole("button", { name: "Save clinic profile" }).click();
    await expect(page.getByRole("form", { name: "Clinic profile" }).getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Phone", { exact: true })).toHaveValue("(949) 555-0177");
    await expect(page.getByRole("heading", { name: "These are placeholder details" })).toHaveCount(0);
    await expectNoAxeViolations(page, "clinic page (saved)");
    await shots.take("saved-phone");

    // Settings: an out-of-range retention is refused with its message.
    const retention = page.getByLabel("Erase inquiries after (months)");
    await retention.fill("0");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText(CLINIC_MESSAGES.retentionInvalid)).toBeVisible();
    await expect(retention).toBeFocused();
    await retention.fill("");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("form", { name: "Workspace settings" }).getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();

    // Back to the seeded name and phone for the other specs.
    await page.getByLabel("Clinic name").fill(PLACEHOLDER_CLINIC_PROFILE.name);
    await page.getByLabel("Phone", { exact: true }).fill(PLACEHOLDER_CLINIC_PROFILE.phone);
    await page.getByRole("button", { name: "Save clinic profile" }).click();
    await expect(page.getByRole("form", { name: "Clinic profile" }).getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  });
});
