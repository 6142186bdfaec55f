import { randomUUID } from "node:crypto";

import { expect, test } from "@playwright/test";


import { expectNoAxeViolations } from "./support/a11y";
import { ADMIN, FRONT_DESK } from "./support/credentials";
import { StepShots } from "./support/screenshots";
import { createLeadViaApi, signIn, ELIGIBLE_ANSWERS as eligible } from "./support/staff";

/**
 * Merge asks first, says what it did and can be undone (issue 22 items 2, 7, 9), on a phone and at
 * 1280 px: the confirmation dialog, the status message with the undo, the merged reference found in
 * the inbox, the survivor's timeline saying what came from where, the merged inquiry's own staff page,
 * the undo, and the staff page of an erased inquiry; axe on every screen.
 */


test("a merge confirmed, found by its reference, and undone; erased and merged links open staff pages", async ({ page, request }) => {
  const shots = new StepShots(page, "merge-undo");
  const tag = randomUUID().slice(0, 6);
  await page.setViewportSize({ width: 390, height: 844 });
  const original = await createLeadViaApi(request, eligible, "Rosa", `Merge${tag}`);
  const duplicate = await createLeadViaApi(request, eligible, "Rosa", `Merge${tag}`, original.email);

  await signIn(page, FRONT_DESK);
  await page.goto(`/staff/leads/${duplicate.id}`);
  const duplicateReference = (await page.locator("[data-reference]").first().textContent())?.trim() ?? "";
  expect(duplicateReference).toMatch(/^SMP-[A-Z0-9]{4}-\d{2}$/);
  const note = `Asked about financing (${tag}).`;
  await page.getByLabel("Add a note", { exact: true }).fill(note);
  await page.getByRole("button", { name: "Add note", exact: true }).click();
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText(note);

  // Merge asks first: a modal dialog says what will happen; Cancel changes nothing.
  await page.getByRole("button", { name: "Merge", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Merge this inquiry?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Its notes and history move to");
  await expect(dialog).toContainText("undo it for 24 hours");
  await expectNoAxeViolations(page, "merge confirmation");
  await shots.take("confirm-phone");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Merge", exact: true })).toBeFocused();
  await page.getByRole("button", { name: "Merge", exact: true }).click();
  await dialog.getByRole("button", { name: "Yes, merge" }).click();

  // It says what it did, with the focus on it, and offers the undo.
  await expect(page).toHaveURL(new RegExp(`/staff/leads/${original.id}\\?merged=`));
  const outcome = page.locator("[data-merge-outcome]");
  await expect(outcome).toContainText(`${duplicateReference} was merged into this inquiry`);
  await expect(outcome).toBeFocused();
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline).toContainText(note);
  await expect(timeline).toContainText(`Merged from ${duplicateReference}`);
  await expect(timeline.getByText(`Merged from ${duplicateReference}`).first()).toBeVisible();
  await expectNoAxeViolations(page, "survivor after the merge");
  await shots.take("merged-phone");
  await page.setViewportSize({ width: 1280, height: 900 });
  await shots.take("merged-desktop");
  await page.setViewportSize({ width: 390, height: 844 });

  // The merged reference (as read out on the phone) finds the survivor, and the inbox says why.
  await page.goto(`/staff?view=all&q=${encodeURIComponent(duplicateReference.toLowerCase().replace(/-/g, " "))}`);
  const found = page.locator("[data-merged-reference]");
  await expect(found).toContainText(`${duplicateReference} was merged into`);
  await expect(page.locator("tr[data-lead-row]").filter({ has: page.getByRole("link", { name: `${original.firstName} ${original.lastName}`, exact: true }) })).toHaveCount(1);
  await expectNoAxeViolations(page, "inbox, merged reference");
  await shots.take("reference-phone");
  await page.setViewportSize({ width: 1280, height: 900 });
  await shots.take("reference-desktop");
  await page.setViewportSize({ width: 390, height: 844 });

  // The merged inquiry's own link: a staff page that says where it went, with the undo.
  await page.goto(`/staff/leads/${duplicate.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "This inquiry was merged" })).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(`^Open SMP-`) })).toHaveAttribute("href", `/staff/leads/${original.id}`);
  await expectNoAxeViolations(page, "merged inquiry page");
  await shots.take("gone-merged-phone");

  // Undo, from the survivor: the duplicate is back with its note; the survivor no longer has it.
  await page.goto(`/staff/leads/${original.id}`);
  await page.getByRole("button", { name: `Undo the merge of ${duplicateReference}` }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/leads/${duplicate.id}\\?unmerged=1`));
  const undone = page.locator("[data-merge-outcome]");
  await expect(undone).toContainText("Merge undone");
  await expect(undone).toBeFocused();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${duplicate.firstName} ${duplicate.lastName}`);
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText(note);
  await expectNoAxeViolations(page, "after the undo");
  await shots.take("undone-phone");
  await page.setViewportSize({ width: 1280, height: 900 });
  await shots.take("undone-desktop");
  await page.goto(`/staff/leads/${original.id}`);
  await expect(page.getByRole("region", { name: "Timeline" })).not.toContainText(note);
  await expect(page.getByRole("button", { name: /^Undo the merge/ })).toHaveCount(0);

  // An erased inquiry's old link: a staff page that says when and by whom, no patient data.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.context().clearCookies();
  await signIn(page, ADMIN);
  await page.goto(`/staff/leads/${duplicate.id}`);
  await page.getByText("Erase this inquiry (right to be forgotten)").click();
  await page.getByLabel("Type ERASE to confirm").fill("ERASE");
  await page.getByRole("button", { name: "Erase for good" }).click();
  await expect(page).toHaveURL(/\/staff\?erased=1/);
  await page.goto(`/staff/leads/${duplicate.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "This inquiry was erased" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(`by ${ADMIN.name}, on request`);
  await expect(page.getByRole("main")).not.toContainText(duplicate.lastName);
  await expectNoAxeViolations(page, "erased inquiry page");
  await shots.take("gone-erased-phone");
  await page.setViewportSize({ width: 1280, height: 900 });
  await shots.take("gone-erased-desktop");
});
