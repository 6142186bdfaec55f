import { randomUUID } from "node:crypto";

import { expect, test, type Locator, type Page } from "@playwright/test";

import { ELIGIBILITY_LABELS } from "@/lib/candidacy/result";
import { DEFAULT_CLINIC_TIME_ZONE } from "@/lib/clinic/defaults";

import { expectNoAxeViolations } from "./support/a11y";
import { ADMIN, FRONT_DESK } from "./support/credentials";
import { backdateLead } from "./support/db";
import { StepShots } from "./support/screenshots";
import { createLeadViaApi, signIn, ELIGIBLE_ANSWERS as eligible } from "./support/staff";

/**
 * The front desk's morning (issue 10) on the phone layout: the overdue inquiry at the top of "who to
 * call first" with its waiting time, a follow-up set for today and found under "due today", a
 * duplicate merged (its note survives), three inquiries assigned in one go from the bulk bar, the
 * assign select showing the saved value, the keyboard shortcuts; axe on every screen.
 */


/** The inbox row whose name link is exactly `name`. */
const rowOf = (scope: Page | Locator, name: string) => scope.locator("tr[data-lead-row]").filter({ has: scope.getByRole("link", { name, exact: true }) });

/** Today's date in the clinic's time zone (the follow-up date picker's value). */
const clinicToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: DEFAULT_CLINIC_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());

test("front desk: overdue first, a follow-up due today, a duplicate merged, three assigned at once, shortcuts", async ({ page, request }) => {
  const shots = new StepShots(page, "front-desk");
  const tag = randomUUID().slice(0, 6);

  // An eligible inquiry that arrived 40 days ago and nobody called: overdue, the longest waiting.
  const overdue = await createLeadViaApi(request, eligible, "Olivia", `Waiting${tag}`);
  expect(overdue.result.status).toBe("eligible");
  backdateLead(overdue.id, new Date(Date.now() - 40 * 24 * 3_600_000));
  // A long unbroken name must not widen the table.
  const longName = await createLeadViaApi(request, eligible, "Maximilian", `Wolfeschlegelsteinhausenbergerdorffvoralternwaren${tag}`);

  await signIn(page, FRONT_DESK);
  const group = page.getByRole("region", { name: new RegExp(`^${ELIGIBILITY_LABELS.eligible} \\(`) });
  const first = group.locator("tr[data-lead-row]").first();
  await expect(first.getByRole("link", { name: `${overdue.firstName} ${overdue.lastName}`, exact: true })).toBeVisible();
  await expect(first.getByRole("cell").filter({ hasText: /· overdue$/ })).toBeVisible();
  await expect(first).toContainText(/Overdue: waiting \d/);
  const longLink = group.getByRole("link", { name: `${longName.firstName} ${longName.lastName}`, exact: true });
  expect((await longLink.boundingBox())?.width ?? 999).toBeLessThanOrEqual(14 * 16 + 1);
  await expectNoAxeViolations(page, "inbox with the bulk bar");
  await shots.take("inbox-phone");
  await page.setViewportSize({ width: 1280, height: 900 });
  await shots.take("inbox-desktop");
  await page.setViewportSize({ width: 390, height: 844 });

  // Keyboard: ? shows the shortcuts (a modal dialog, Esc closes it); j moves to the first row.
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page, "inbox shortcuts dialog");
  await shots.take("shortcuts");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.keyboard.press("j");
  await expect(page.locator("tr[data-lead-row][data-current]")).toHaveCount(1);
  await expect(page.locator("tr[data-lead-row]").first().getByRole("link").first()).toBeFocused();

  // Open the overdue inquiry with a real click and set a follow-up for today.
  await first.getByRole("link", { name: `${overdue.firstName} ${overdue.lastName}`, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${overdue.firstName} ${overdue.lastName}` })).toBeVisible();
  await expect(page.getByText(/^Opened 1 time by 1 person on 1 day/)).toBeVisible();
  await page.getByRole("radio", { name: /^Pick a date and time/ }).check();
  await page.getByLabel("Date (for “Pick a date and time”)").fill(clinicToday());
  // Late today, so never in the past whenever the spec runs (a past time needs a confirmation).
  await page.getByLabel("Time", { exact: true }).fill("23:59");
  await page.getByLabel("What for (optional)").fill("Call back about the price");
  await page.getByRole("button", { name: "Save follow-up" }).click();
  await expect(page.getByText(/^Follow-up saved for .* 11:59 PM P[SD]T\.$/)).toBeVisible();

  await page.getByRole("link", { name: "← Back to the inbox" }).click();
  await page.getByRole("link", { name: /^Follow-ups due today \/ overdue/ }).click();
  await expect(page).toHaveURL(/due=today/);
  await expect(rowOf(page, `${overdue.firstName} ${overdue.lastName}`)).toContainText("Call back about the price");

  // A repeat inquiry from the same person: merged into the first one, its note moves along.
  const original = await createLeadViaApi(request, eligible, "Rosa", `Twice${tag}`);
  const duplicate = await createLeadViaApi(request, eligible, "Rosa", `Twice${tag}`, original.email);
  await page.goto(`/staff/leads/${duplicate.id}`);
  const note = `Asked about financing (${tag}).`;
  await page.getByLabel("Add a note", { exact: true }).fill(note);
  await page.getByRole("button", { name: "Add note", exact: true }).click();
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText(note);
  await page.getByRole("button", { name: "Merge", exact: true }).click();
  await page.getByRole("dialog", { name: "Merge this inquiry?" }).getByRole("button", { name: "Yes, merge" }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/leads/${original.id}\\?merged=`));
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText(note);
  await expectNoAxeViolations(page, "lead page after the merge");

  // Three inquiries assigned to the admin in one go from the bulk bar.
  const three = [];
  for (const firstName of ["Ana", "Ben", "Cruz"]) three.push(await createLeadViaApi(request, eligible, firstName, `Bulk${tag}`));
  await page.goto(`/staff?view=all&q=Bulk${tag}`);
  await expect(page.getByText("Showing 1–3 of 3 inquiries")).toBeVisible();
  await page.getByRole("checkbox", { name: "Select all 3 on this page" }).check();
  for (const lead of three) await expect(page.getByRole("checkbox", { name: `Select ${lead.firstName} ${lead.lastName}` })).toBeChecked();
  await page.getByLabel("Assign to", { exact: true }).selectOption({ label: ADMIN.name });
  await page.getByRole("button", { name: "Apply to 3 selected" }).click();
  await expect(page.getByRole("status").filter({ hasText: `3 inquiries assigned to ${ADMIN.name}.` })).toBeVisible();
  for (const lead of three) await expect(rowOf(page, `${lead.firstName} ${lead.lastName}`).getByRole("cell", { name: ADMIN.name, exact: true })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: `Select ${three[0]?.firstName} Bulk${tag}` })).not.toBeChecked();
  await expectNoAxeViolations(page, "inbox after a bulk assignment");
  await shots.take("bulk-assigned");

  // "Clear" empties the filters the page shows, not only the URL (the form is remounted).
  await expect(page.getByRole("searchbox")).toHaveValue(`Bulk${tag}`);
  await page.getByRole("link", { name: "Clear", exact: true }).click();
  await expect(page).toHaveURL(/\/staff\?view=all$/);
  await expect(page.getByRole("searchbox")).toHaveValue("");
  await page.goto(`/staff?view=all&q=Bulk${tag}`);

  // One of them: the assign select shows the saved value, and again after changing it.
  await page.getByRole("link", { name: `Ana Bulk${tag}`, exact: true }).click();
  const assign = page.getByLabel("Assigned to", { exact: true });
  await expect(assign.locator("option:checked")).toHaveText(ADMIN.name);
  await assign.selectOption({ label: FRONT_DESK.name });
  await page.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(page.getByText("Saved.", { exact: true })).toBeVisible();
  await expect(assign.locator("option:checked")).toHaveText(FRONT_DESK.name);
  await page.reload();
  await expect(page.getByLabel("Assigned to", { exact: true }).locator("option:checked")).toHaveText(FRONT_DESK.name);
  await expectNoAxeViolations(page, "lead page after assigning");
});
