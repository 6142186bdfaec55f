import { randomUUID } from "node:crypto";

import { expect, test } from "@playwright/test";


import { expectNoAxeViolations } from "./support/a11y";
import { FRONT_DESK } from "./support/credentials";
import { StepShots } from "./support/screenshots";
import { createLeadViaApi, signIn, ELIGIBLE_ANSWERS as eligible } from "./support/staff";

/**
 * Issue 22 items 5 and 6 in the browser: two calls logged in one tap each show "2 attempts" and a
 * suggested next try, which becomes the follow-up in one tap; a phone-in inquiry entered by the front
 * desk opens with its verbal consent and is found in the inbox. At 390 px and 1280 px; axe on each screen.
 */


test("calls: no answer, then voicemail: 2 attempts and a suggested next try, accepted as the follow-up", async ({ page, request }) => {
  const shots = new StepShots(page, "calls");
  const lead = await createLeadViaApi(request, eligible, "Rosa", `Caller${randomUUID().slice(0, 6)}`);
  await signIn(page, FRONT_DESK);
  await page.goto(`/staff/leads/${lead.id}`);
  const calls = page.getByRole("region", { name: "Calls" });
  await calls.getByRole("button", { name: "No answer", exact: true }).click();
  await expect(calls.locator("[data-call-attempts]")).toContainText("1 attempt", { timeout: 20_000 });
  await expect(calls).toContainText("Logged: No answer (1 attempt).");
  await calls.getByRole("button", { name: "Left voicemail", exact: true }).click();
  await expect(calls.locator("[data-call-attempts]")).toContainText("2 attempts", { timeout: 20_000 });
  await expect(calls).toContainText("Logged: Left voicemail (2 attempts).");
  await expect(calls).toContainText("Suggested next try:");
  await expectNoAxeViolations(page, "inquiry page after two calls (390 px)");
  await shots.take("two-calls-390");

  await calls.getByRole("button", { name: "Use as follow-up" }).click();
  await expect(calls).toContainText("Follow-up set for", { timeout: 20_000 });
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectNoAxeViolations(page, "inquiry page after two calls (1280 px)");
  await shots.take("two-calls-1280");

  // The inbox row carries the count.
  await page.goto(`/staff?view=all&q=${encodeURIComponent(lead.lastName)}`);
  await expect(page.locator("tr[data-lead-row]").first()).toContainText("2 attempts");
});

test("phone-in: the front desk enters an inquiry, it opens with the verbal consent and is found in the inbox", async ({ page }) => {
  const shots = new StepShots(page, "phone-in");
  const lastName = `Núñez${randomUUID().slice(0, 6)}`;
  await signIn(page, FRONT_DESK);
  await page.getByRole("link", { name: "New phone-in / walk-in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New phone-in or walk-in inquiry" })).toBeVisible();
  await expectNoAxeViolations(page, "phone-in form (390 px)");
  await shots.take("form-390");

  await page.getByLabel("Channel", { exact: true }).selectOption("phone");
  await page.getByLabel("Patient's language", { exact: true }).selectOption("en");
  await page.getByLabel("First name", { exact: true }).fill("Inés");
  await page.getByLabel("Last name", { exact: true }).fill(lastName);
  await page.getByLabel("Phone", { exact: true }).fill("(949) 555-0166");
  await page.getByLabel("E-mail", { exact: true }).fill(`e2e-${randomUUID()}@example.com`);
  await page.getByLabel("Prefers to be contacted by", { exact: true }).selectOption("phone");
  await page.getByLabel("Sex", { exact: true }).selectOption("male");
  await page.getByLabel("Age", { exact: true }).fill("45");
  await page.getByLabel("Hair loss", { exact: true }).selectOption("norwood");
  await page.getByLabel("Norwood stage", { exact: true }).selectOption("6");
  await page.getByLabel("Goal", { exact: true }).selectOption("full_shaved_look");
  await page.getByLabel("Written clearance from a dermatologist", { exact: true }).selectOption("no");
  await page.getByLabel("Chemotherapy", { exact: true }).selectOption("none");
  await page.getByLabel(/The patient agreed out loud/).check();
  await page.getByRole("button", { name: "Save the inquiry" }).click();

  await expect(page.getByRole("heading", { level: 1, name: `Inés ${lastName}` })).toBeVisible();
  await expect(page.getByText(/Given verbally to/)).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 900 });
  await shots.take("opened-1280");

  await page.goto(`/staff?view=all&q=${encodeURIComponent(lastName.normalize("NFD").replace(/[\u0300-\u036f]/g, ""))}`);
  await expect(page.getByRole("link", { name: `Inés ${lastName}`, exact: true })).toBeVisible();
});
