import { expect, test, type Locator, type Page } from "@playwright/test";

import { ELIGIBILITY_LABELS, STATUSES } from "@/lib/candidacy/result";
import { buildAnswers } from "@/tests/support/candidacy-builders";

import { ADMIN } from "./support/credentials";
import { StepShots } from "./support/screenshots";
import { createLeadViaApi, signIn } from "./support/staff";

/**
 * The dashboard's eligibility chart names every result in full beside its bar, on a phone and at
 * 1280 px: the labels wrap (components/staff/dashboard/BarsChart.tsx) instead of being cut with "…",
 * and no label runs out of the chart on the left.
 */

/** Each y-axis label of the chart: its lines joined, and whether it lies inside the chart. */
async function axisLabels(chart: Locator) {
  const box = await chart.boundingBox();
  if (!box) throw new Error("the chart is not laid out");
  const ticks = chart.locator(".recharts-yAxis-tick-labels text");
  await expect(ticks).toHaveCount(STATUSES.length);
  const labels: { text: string; inside: boolean }[] = [];
  for (const tick of await ticks.all()) {
    const lines = await tick.locator("tspan").allTextContents();
    const tb = await tick.boundingBox();
    labels.push({ text: lines.join(" "), inside: tb !== null && tb.x >= box.x - 0.5 && tb.x + tb.width <= box.x + box.width + 0.5 });
  }
  return labels;
}

async function expectFullLabels(page: Page) {
  const section = page.getByRole("region", { name: "Eligibility mix" });
  const chart = section.getByRole("img", { name: /^Bar chart of the eligibility mix/ });
  await expect(chart.locator("svg.recharts-surface")).toBeVisible();
  const labels = await axisLabels(chart);
  expect(labels.map((l) => l.text)).toEqual(STATUSES.map((s) => ELIGIBILITY_LABELS[s]));
  expect(labels.every((l) => l.inside)).toBe(true);
  return section;
}

test("dashboard: the eligibility chart's labels read in full on a phone and at 1280 px", async ({ page, request }) => {
  await createLeadViaApi(request, buildAnswers(), "Elena", "Labels");
  await signIn(page, ADMIN);
  await page.goto("/staff/dashboard?range=last_90_days");
  const shots = new StepShots(page, "dashboard-eligibility", false);

  const phone = await expectFullLabels(page);
  await phone.scrollIntoViewIfNeeded();
  await shots.take("phone");
  await phone.screenshot({ path: "artifacts/screenshots/dashboard-eligibility-chart-phone.png" });

  await page.setViewportSize({ width: 1280, height: 900 });
  const desktop = await expectFullLabels(page);
  await desktop.scrollIntoViewIfNeeded();
  await shots.take("desktop");
  await desktop.screenshot({ path: "artifacts/screenshots/dashboard-eligibility-chart-desktop.png" });
});
