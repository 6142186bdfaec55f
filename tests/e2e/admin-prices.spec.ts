import { expect, test, type Page } from "@playwright/test";

import { buildAnswers } from "@/tests/support/candidacy-builders";

import { expectNoAxeViolations } from "./support/a11y";
import { ADMIN } from "./support/credentials";
import { StepShots } from "./support/screenshots";
import { createLeadViaApi, signIn } from "./support/staff";

/**
 * The admin's price table with its safety net (/staff/prices): a bad minimum is refused beside the
 * field with what was typed kept and focused, and so is a blank Spanish label (each row's label is the
 * admin's in both languages); the fixed draft's preview marks what patients would see
 * change; the confirmation names it before anything is published; an old version is restored as a
 * new one, and quotes follow. The spec ends on the seeded figures (restored), so the patient spec's
 * $5,500 stays true. Then the dashboard shows a chart and its table.
 */

async function quotedNw6(page: Page, locale?: "es") {
  const response = await page.request.post(`/api/v1/quote${locale ? `?locale=${locale}` : ""}`, { data: buildAnswers() });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { price: { minUsd: number; maxUsd: number; label: string; tableVersion: number } }).price;
}

test("admin: a bad minimum, the preview diff, the confirmation, publish, restore; dashboard chart and table", async ({ page, request }) => {
  // Viewport shots on the price page: its preview lists all 121 prices (a full-page capture is huge).
  const shots = new StepShots(page, "admin-prices", false);
  await createLeadViaApi(request, buildAnswers(), "Dana", "Dashboard"); // this week has an inquiry to chart
  await signIn(page, ADMIN);
  await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Price table" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Price table" })).toBeVisible();
  const before = await quotedNw6(page);
  expect(before).toMatchObject({ minUsd: 5500, maxUsd: 5500 });
  const original = before.tableVersion;

  const nw6 = page.getByRole("group", { name: /Standard procedure \(Norwood 6 benchmark\)/ });
  const min = nw6.getByLabel("Lowest price (USD)");
  const max = nw6.getByLabel("Highest price (USD)");

  // A $50 minimum: refused in place, the typed figure kept and focused, nothing published.
  await min.fill("50");
  await page.getByRole("button", { name: "Review changes" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Some prices need another look. Nothing was published." })).toBeVisible();
  await expect(nw6.getByText("The lowest price must be at least $100.")).toBeVisible();
  await expect(min).toHaveValue("50");
  await expect(min).toBeFocused();
  await expectNoAxeViolations(page, "price page (error)");
  await shots.take("error-phone");

  // The Spanish label is the admin's too: blank is refused on the field (the first error, focused).
  const spanish = nw6.getByLabel("Label shown to patients (Spanish)");
  await expect(spanish).toHaveValue("Procedimiento estándar (precio de referencia Norwood 6)");
  await spanish.fill("");
  await page.getByRole("button", { name: "Review changes" }).click();
  await expect(nw6.getByText("Please enter the Spanish label.")).toBeVisible();
  await expect(spanish).toBeFocused();
  await expect(min).toHaveValue("50");
  await spanish.fill("Aspecto rapado completo (Norwood 6)");
  await expect(nw6.getByRole("listitem").filter({ hasText: "Spanish:" })).toHaveText("Spanish: Aspecto rapado completo (Norwood 6)");
  await page.setViewportSize({ width: 1280, height: 900 });
  await shots.take("labels-desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await nw6.scrollIntoViewIfNeeded();
  await shots.take("labels-phone");

  // Fixed: the preview marks the benchmark case beside the active figure, and its new Spanish label.
  await min.fill("6000");
  await max.fill("6000");
  const benchmark = page.locator('tr[data-case="nw:6|full_shaved_look|no_scars"]');
  await expect(benchmark).toHaveAttribute("data-changed", "true");
  await expect(benchmark.getByRole("cell").nth(2)).toHaveText("Changes: lowest +$500, highest +$500, label");
  await expect(benchmark.locator('li[lang="es"] ins')).toHaveText("Aspecto rapado completo (Norwood 6)");
  await page.getByRole("button", { name: "Review changes" }).click();
  const confirm = page.getByRole("region", { name: `Publish version ${original + 1}?` });
  await expect(confirm.getByRole("heading", { level: 2 })).toBeFocused();
  await expect(confirm.getByText("NW6 shaved: $5,500 → $6,000 (label changes too)", { exact: true })).toBeVisible();
  await expect(
    confirm.getByText("Standard procedure (Norwood 6 benchmark), Spanish label: “Procedimiento estándar (precio de referencia Norwood 6)” → “Aspecto rapado completo (Norwood 6)”"),
  ).toBeVisible();
  await expect(confirm).toContainText("of 121 prices patients see will change");
  expect(await quotedNw6(page)).toEqual(before); // nothing is live before the confirmation
  await expectNoAxeViolations(page, "price page (confirmation)");
  await page.setViewportSize({ width: 1280, height: 900 });
  await shots.take("confirm-desktop");

  await confirm.getByLabel(/What changed/).fill("e2e: winter benchmark");
  await confirm.getByRole("button", { name: `Publish version ${original + 1}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Version ${original + 1} is now the active price table.` })).toBeVisible();
  expect(await quotedNw6(page)).toMatchObject({ minUsd: 6000, maxUsd: 6000, tableVersion: original + 1 });
  expect(await quotedNw6(page, "es")).toMatchObject({ label: "Aspecto rapado completo (Norwood 6)", tableVersion: original + 1 });

  // Restore the original: a confirmation naming the change back, then a NEW version with the old figures.
  await page.getByRole("button", { name: `Restore version ${original}…` }).click();
  const restore = page.getByRole("form", { name: `Restore version ${original} as version ${original + 2}?` });
  await expect(restore.getByText("NW6 shaved: $6,000 → $5,500 (label changes too)", { exact: true })).toBeVisible();
  await restore.getByRole("button", { name: `Restore version ${original}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Version ${original} is restored as version ${original + 2}` })).toBeVisible();
  expect(await quotedNw6(page)).toMatchObject({ minUsd: 5500, maxUsd: 5500, tableVersion: original + 2 });
  expect(await quotedNw6(page, "es")).toMatchObject({ label: "Procedimiento estándar (precio de referencia Norwood 6)", tableVersion: original + 2 });
  await expect(page.getByText(`Restored from version ${original}`)).toBeVisible();
  await shots.take("restored-desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await shots.take("restored-phone");

  // The dashboard: a chart (a summary for screen readers) and its table in a disclosure.
  await page.goto("/staff/dashboard?range=last_90_days");
  const weeks = page.getByRole("region", { name: "Inquiries per week" });
  const chart = weeks.getByRole("img", { name: /^Bar chart of inquiries per week/ });
  await expect(chart.locator("svg.recharts-surface")).toBeVisible();
  await weeks.getByText("Table: inquiries per week").click();
  await expect(weeks.getByRole("table")).toBeVisible();
  await expect(weeks.getByRole("columnheader", { name: "Inquiries" })).toBeVisible();
  await expectNoAxeViolations(page, "dashboard");
  const dashboardShots = new StepShots(page, "admin-dashboard");
  await dashboardShots.take("phone");
  await page.setViewportSize({ width: 1280, height: 900 });
  await dashboardShots.take("desktop");
});
