import { readFileSync } from "node:fs";

import { expect, test, type Page } from "@playwright/test";

import { DEACTIVATED_MESSAGE } from "@/lib/staff/sign-in-messages";
import { totp } from "@/tests/support/totp";

import { expectNoAxeViolations } from "./support/a11y";
import { ADMIN, type StaffAccount } from "./support/credentials";
import { StepShots } from "./support/screenshots";
import { signIn } from "./support/staff";

/**
 * Staff accounts in the browser (issue 11): the admin creates an account and deactivates it while
 * that person is signed in elsewhere; their next page is the sign-in page, and signing in shows the
 * refusal. Reactivated, they enrol in two-factor sign-in (QR code, the key in text, a code computed
 * here with RFC 6238, backup codes once) and then sign in with a code, and replace the backup codes
 * (password again; the new ones once, as a list and a text file).
 *
 * Better Auth limits sign-in to 5 tries a minute per client address, over the whole browser run; so
 * this spec's two browsers come "through a proxy" with their own addresses (X-Forwarded-For; the
 * e2e server trusts the loopback peer as a proxy, scripts/test/e2e-server.mjs), and each signIn()
 * takes a fresh one (tests/e2e/support/staff.ts), leaving the other specs' budget untouched.
 */

test.use({ extraHTTPHeaders: { "x-forwarded-for": "203.0.113.70" } });

const dana: StaffAccount = {
  email: `dana.${Date.now().toString(36)}@clinic.test`,
  password: "dana desk lamp staple",
  role: "front_desk",
  name: "Dana Deskworth",
};

async function fillSignIn(page: Page, account: StaffAccount): Promise<void> {
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("deactivation ends a live session and refuses sign-in; after reactivation the person enrols in two-factor and signs in with a code", async ({ page, browser }) => {
  test.setTimeout(60_000);
  const shots = new StepShots(page, "admin-accounts");
  await signIn(page, ADMIN);
  await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Staff accounts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Staff accounts" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(dana.name);
  await page.getByLabel("Email", { exact: true }).fill(dana.email);
  await page.getByLabel("Password", { exact: true }).fill(dana.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(`Account created for ${dana.email}`)).toBeVisible();

  // Dana signs in on her own device.
  const danaContext = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: { width: 390, height: 844 },
    extraHTTPHeaders: { "x-forwarded-for": "203.0.113.71" },
  });
  const danaPage = await danaContext.newPage();
  const danaShots = new StepShots(danaPage, "admin-accounts-person");
  await signIn(danaPage, dana);

  // The admin deactivates her.
  await page.reload();
  await page.getByRole("button", { name: `Deactivate ${dana.name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `${dana.name} is deactivated` })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(dana.name) })).toContainText("Deactivated");
  await expectNoAxeViolations(page, "staff accounts (deactivated)");
  await shots.take("deactivated-phone");
  await page.setViewportSize({ width: 1280, height: 900 });
  await shots.take("deactivated-desktop");

  // Her very next page: the sign-in page; signing in is refused with the message.
  await danaPage.reload();
  await expect(danaPage).toHaveURL(/\/staff\/sign-in/);
  await fillSignIn(danaPage, dana);
  await expect(danaPage.getByRole("alert").filter({ hasText: DEACTIVATED_MESSAGE })).toBeVisible();
  await expectNoAxeViolations(danaPage, "sign-in (deactivated)");
  await danaShots.take("sign-in-refused");

  // Reactivated, she signs in and sets up two-factor sign-in from her account page.
  await page.getByRole("button", { name: `Reactivate ${dana.name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `${dana.name} can sign in again.` })).toBeVisible();
  await fillSignIn(danaPage, dana);
  await expect(danaPage.getByRole("heading", { level: 1, name: "Inquiries" })).toBeVisible();
  await danaPage.getByRole("link", { name: `Your account: ${dana.name}` }).click();
  await expect(danaPage.getByRole("heading", { level: 1, name: "Two-factor sign-in" })).toBeVisible();
  await expectNoAxeViolations(danaPage, "two-factor page (off)");
  await danaPage.getByLabel("Your password").fill(dana.password);
  await danaPage.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await expect(danaPage.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const key = (await danaPage.locator("code[aria-label^='Key:']").textContent()) ?? "";
  expect(key).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  await expectNoAxeViolations(danaPage, "two-factor page (QR code)");
  await danaShots.take("two-factor-qr");

  await danaPage.getByLabel("6-digit code").fill(totp(key));
  await danaPage.getByRole("button", { name: "Confirm and turn on" }).click();
  await expect(danaPage.getByRole("heading", { name: "Your backup codes" })).toBeVisible();
  await expect(danaPage.getByRole("list", { name: "Backup codes" }).getByRole("listitem")).toHaveCount(10);
  await expectNoAxeViolations(danaPage, "two-factor page (backup codes)");
  await danaShots.take("two-factor-backup-codes");
  await danaPage.getByLabel("I have saved my backup codes").check();
  await danaPage.getByRole("link", { name: "Continue to the inbox" }).click();
  await expect(danaPage.getByRole("heading", { level: 1, name: "Inquiries" })).toBeVisible();

  // Next sign-in: password, then the code.
  await danaPage.getByRole("button", { name: "Sign out" }).click();
  await expect(danaPage).toHaveURL(/\/staff\/sign-in/);
  await fillSignIn(danaPage, dana);
  await expect(danaPage.getByRole("heading", { level: 1, name: "Enter your code" })).toBeVisible();
  await expectNoAxeViolations(danaPage, "sign-in code step");
  await danaShots.take("sign-in-code");
  await danaPage.getByLabel("6-digit code from your authenticator app").fill(totp(key));
  await danaPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(danaPage.getByRole("heading", { level: 1, name: "Inquiries" })).toBeVisible();

  // New backup codes: the password again (a wrong one refused on the field, focused), then the new
  // codes once, the old ones declared dead, copy and a text file.
  await danaPage.getByRole("link", { name: `Your account: ${dana.name}` }).click();
  const backup = danaPage.getByRole("region", { name: "Backup codes" });
  await expect(backup.getByText("You have 10 of 10 backup codes unused.")).toBeVisible();
  const regeneratePassword = backup.getByLabel("Your password");
  await regeneratePassword.fill("not dana's password");
  await backup.getByRole("button", { name: "Generate new backup codes" }).click();
  await expect(backup.getByText("That is not your current password.")).toBeVisible();
  await expect(regeneratePassword).toBeFocused();
  await expect(regeneratePassword).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(danaPage, "two-factor page (new backup codes, wrong password)");
  await danaShots.take("backup-codes-wrong-password-phone");
  await regeneratePassword.fill(dana.password);
  await backup.getByRole("button", { name: "Generate new backup codes" }).click();
  const fresh = danaPage.getByRole("region", { name: "Your new backup codes" });
  await expect(fresh.getByRole("heading", { level: 2 })).toBeFocused();
  await expect(fresh.getByText("Your old backup codes no longer work.")).toBeVisible();
  const codes = await fresh.getByRole("list", { name: "Backup codes" }).getByRole("listitem").allTextContents();
  expect(codes).toHaveLength(10);
  const [download] = await Promise.all([danaPage.waitForEvent("download"), fresh.getByRole("link", { name: "Download as a text file" }).click()]);
  expect(download.suggestedFilename()).toBe("smp-staff-backup-codes.txt");
  expect(readFileSync(await download.path(), "utf8")).toBe(`${codes.join("\n")}\n`);
  await expectNoAxeViolations(danaPage, "two-factor page (new backup codes)");
  await danaShots.take("backup-codes-new-phone");
  await danaPage.setViewportSize({ width: 1280, height: 900 });
  await danaShots.take("backup-codes-new-desktop");
  await fresh.getByRole("button", { name: "I have saved them" }).click();
  await expect(backup.getByRole("button", { name: "Generate new backup codes" })).toBeVisible();
  await danaShots.take("two-factor-on-desktop");
  await danaContext.close();

  // The users page shows it.
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(dana.name) })).toContainText("Two-factor on");
});
