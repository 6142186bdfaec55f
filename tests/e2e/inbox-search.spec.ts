import { randomUUID } from "node:crypto";

import { expect, test, type Locator, type Page } from "@playwright/test";

import type { CandidacyAnswers } from "@/lib/candidacy/answers";
import { ELIGIBILITY_LABELS } from "@/lib/candidacy/result";

import { expectNoAxeViolations } from "./support/a11y";
import { FRONT_DESK } from "./support/credentials";
import { backdateLead } from "./support/db";
import { StepShots } from "./support/screenshots";
import { createLeadViaApi, signIn, ELIGIBLE_ANSWERS as eligible } from "./support/staff";

/**
 * Issue 22 items 2 and 3 in the browser, on the phone (390 px) and desktop (1280 px) projects:
 * "Rodriguez" typed into the staff inbox finds "José Rodríguez" (and "hernández" finds a
 * "Hernandez" written without the accent); a person who asked three times from one phone is one
 * row of "Who to call first" with "+2 earlier", whose disclosure links to the two others. Axe on
 * both screens.
 */

// A keloid tendency routes to the doctor: the "Doctor consultation required" group.
const consult: CandidacyAnswers = { ...eligible, healthScreen: ["keloid_tendency"] };

/** The inbox rows in `scope` whose name link is exactly `name` (`has` is matched inside each row). */
const rowsOf = (page: Page, scope: Page | Locator, name: string) => scope.locator("tr[data-lead-row]").filter({ has: page.getByRole("link", { name, exact: true }) });

test("staff search ignores accents; who to call first shows one row per person with the earlier inquiries under it", async ({ page, request }, testInfo) => {
  const shots = new StepShots(page, `inbox-search-${testInfo.project.name}`);
  const tag = randomUUID().slice(0, 6);
  const jose = await createLeadViaApi(request, eligible, "José", "Rodríguez");
  const hernandez = await createLeadViaApi(request, eligible, "Luis", `Hernandez${tag}`);

  await signIn(page, FRONT_DESK);
  const search = page.getByRole("searchbox", { name: "Name, email, phone or reference" });
  await search.fill("Rodriguez");
  await search.press("Enter");
  await expect(page).toHaveURL(/q=Rodriguez/);
  const joseLink = page.locator(`a[href="/staff/leads/${jose.id}"]`);
  await expect(joseLink).toHaveText("José Rodríguez");
  await expect(page.getByRole("status").filter({ hasText: /^Showing 1–\d+ of \d+ inquir/ })).toBeVisible();
  await expectNoAxeViolations(page, "inbox search without accents");
  await shots.take("rodriguez-finds-jose");

  // The other way: an accented term finds a name written without the accent.
  await page.goto(`/staff?view=all&q=${encodeURIComponent(`hernández${tag}`)}`);
  await expect(page.getByText("Showing 1–1 of 1 inquiry")).toBeVisible();
  await expect(rowsOf(page, page, `Luis Hernandez${tag}`)).toHaveCount(1);
  await expect(page.locator(`a[href="/staff/leads/${hernandez.id}"]`)).toBeVisible();

  // One person, three inquiries from one phone (different e-mails): one row, the latest.
  const phone = `+1949555${String(1000 + Math.floor(Math.random() * 8999))}`;
  const asked = [];
  for (let i = 0; i < 3; i++) asked.push(await createLeadViaApi(request, consult, "Rosa", `Muñoz${tag}`, `rosa.${i}.${tag}@example.com`, phone));
  // The oldest waiting of its group, so it is on the first screen whatever else the run stored.
  asked.forEach((lead, i) => backdateLead(lead.id, new Date(Date.now() - (400 - i) * 24 * 3_600_000)));
  const [first, second, latest] = asked;
  if (!first || !second || !latest) throw new Error("three inquiries expected");

  await page.goto("/staff");
  const group = page.getByRole("region", { name: new RegExp(`^${ELIGIBILITY_LABELS.consult_required} \\(`) });
  const rows = rowsOf(page, group, `Rosa Muñoz${tag}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.locator(`a[href="/staff/leads/${latest.id}"]`)).toBeVisible();
  const disclosure = rows.locator("details");
  await expect(disclosure.locator("summary")).toHaveText(`+2 earlier inquiries from Rosa Muñoz${tag}`);
  await expect(disclosure.getByRole("list")).toBeHidden();
  await disclosure.locator("summary").click();
  const earlier = disclosure.getByRole("list", { name: `Earlier inquiries from Rosa Muñoz${tag}` });
  await expect(earlier).toBeVisible();
  await expect(earlier.getByRole("link")).toHaveCount(2);
  await expect(earlier.getByRole("link").nth(0)).toHaveAttribute("href", `/staff/leads/${second.id}`);
  await expect(earlier.getByRole("link").nth(1)).toHaveAttribute("href", `/staff/leads/${first.id}`);
  await expect(earlier.getByRole("listitem").first()).toContainText("New");
  await expectNoAxeViolations(page, "who to call first with earlier inquiries open");
  await rows.scrollIntoViewIfNeeded();
  await shots.take("one-row-per-person");

  // The earlier ones are one click away.
  await earlier.getByRole("link").nth(1).click();
  await expect(page).toHaveURL(new RegExp(`/staff/leads/${first.id}$`));

  // The same at 1280 px: the search, and the person's row with the disclosure open.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/staff?view=all&q=Rodriguez");
  await expect(page.locator(`a[href="/staff/leads/${jose.id}"]`)).toHaveText("José Rodríguez");
  await expectNoAxeViolations(page, "inbox search at 1280 px");
  await shots.take("rodriguez-finds-jose-1280");
  await page.goto("/staff");
  const wideRow = rowsOf(page, page.getByRole("region", { name: new RegExp(`^${ELIGIBILITY_LABELS.consult_required} \\(`) }), `Rosa Muñoz${tag}`);
  await expect(wideRow).toHaveCount(1);
  await wideRow.locator("details > summary").click();
  await expect(wideRow.getByRole("list", { name: `Earlier inquiries from Rosa Muñoz${tag}` }).getByRole("link")).toHaveCount(2);
  await expectNoAxeViolations(page, "who to call first at 1280 px");
  await shots.take("one-row-per-person-1280");
});
