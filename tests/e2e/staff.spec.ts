import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";

import { expect, test } from "@playwright/test";

import type { CandidacyAnswers } from "@/lib/candidacy/answers";
import { ELIGIBILITY_LABELS } from "@/lib/candidacy/result";
import { answersInPlainWords } from "@/lib/workspace/answer-labels";
import { formatPriceRange } from "@/lib/workspace/format";

import { expectNoAxeViolations } from "./support/a11y";
import { ADMIN, FRONT_DESK } from "./support/credentials";
import { leadsByEmail } from "./support/db";
import { StepShots } from "./support/screenshots";
import { createLeadViaApi, parseCsv, signIn } from "./support/staff";

/**
 * The staff side in the browser: sign-in, the inbox, one inquiry on one screen, the follow-up
 * workflow (status, note, timeline), the role limits (front desk: no price table, no export) and
 * the admin's CSV export. The accounts come from scripts/test/e2e-server.mjs (support/staff-accounts.json).
 */

// Several flags at once: a strip scar, chemotherapy now, under 35 asking for a shaved look, Norwood 5.
const answers: CandidacyAnswers = {
  sex: "male",
  age: 31,
  lossPattern: "norwood",
  norwoodStage: "5",
  goal: "full_shaved_look",
  scars: ["strip"],
  skinConditions: [],
  dermatologyClearance: false,
  chemotherapy: "current",
  healthScreen: [],
};

test.describe("staff workspace", () => {
  test("anonymous visitors are sent to the sign-in page; the API answers 401", async ({ page, request }) => {
    const shots = new StepShots(page, "staff-anonymous");
    await page.goto("/staff");
    await expect(page).toHaveURL(/\/staff\/sign-in/);
    await expect(page.getByRole("heading", { level: 1, name: "Staff sign-in" })).toBeVisible();
    await expectNoAxeViolations(page, "staff sign-in");
    await shots.take("sign-in");

    // A wrong password stays on the page with an announced error (and the page stays accessible).
    await page.getByLabel("Email", { exact: true }).fill(FRONT_DESK.email);
    await page.getByLabel("Password", { exact: true }).fill("not the right password at all");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toBeVisible();
    await expect(page).toHaveURL(/\/staff\/sign-in/);
    await expectNoAxeViolations(page, "staff sign-in (wrong password)");
    await shots.take("sign-in-error");

    const lead = await page.goto("/staff/leads/does-not-matter");
    expect(lead?.url()).toMatch(/\/staff\/sign-in/);
    expect((await request.get("/api/v1/leads")).status()).toBe(401);
    expect((await request.get("/api/v1/leads/export.csv")).status()).toBe(401);
  });

  test("front desk: inbox, the inquiry with every answer, flags and price, status to contacted, a note in the timeline; no price table, no export", async ({ page, request }) => {
    const shots = new StepShots(page, "staff-front-desk");
    const lead = await createLeadViaApi(request, answers, "Dana", `Frontdesk${randomUUID().slice(0, 6)}`);
    expect(lead.result.status).toBe("eligible_with_conditions");
    const fullName = `${lead.firstName} ${lead.lastName}`;

    await signIn(page, FRONT_DESK);
    // Who to call first: the new inquiry is listed in its eligibility group, newest first.
    const group = page.getByRole("region", { name: new RegExp(`^${ELIGIBILITY_LABELS[lead.result.status]} \\(`) });
    await expect(group.getByRole("link", { name: fullName, exact: true })).toBeVisible();
    await expect(page.getByText("Export…")).toHaveCount(0);
    await expect(page.getByRole("link", { name: /^CSV of/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Price table" })).toHaveCount(0);
    await expectNoAxeViolations(page, "staff inbox");
    await shots.take("inbox");

    // A real pointer click on the phone layout. (It used to land nowhere: the name link changed its
    // wrapping on :hover/:focus, the row reflowed under the pointer between mousedown and mouseup, and
    // the click went to the row. The inbox's long-text styles no longer change on hover or focus.)
    await group.getByRole("link", { name: fullName, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: fullName })).toBeVisible();

    // Every answer in plain words, in order.
    const answersRegion = page.getByRole("region", { name: "Answers" });
    const expectedAnswers = answersInPlainWords(answers);
    await expect(answersRegion.locator("dt")).toHaveText(expectedAnswers.map(([question]) => question));
    await expect(answersRegion.locator("dd")).toHaveText(expectedAnswers.map(([, answer]) => answer));

    // The result as the patient saw it: verdict, price, every flag with the staff advice.
    const resultRegion = page.getByRole("region", { name: "Result the patient saw" });
    await expect(resultRegion).toContainText(ELIGIBILITY_LABELS[lead.result.status]);
    await expect(resultRegion).toContainText(formatPriceRange(lead.result.price.minUsd, lead.result.price.maxUsd));
    await expect(resultRegion.getByRole("listitem").filter({ hasText: "For staff:" })).toHaveCount(lead.result.flags.length);
    for (const flag of lead.result.flags) {
      await expect(resultRegion).toContainText(flag.code);
      await expect(resultRegion).toContainText(flag.staffMessage);
    }
    expect(lead.result.flags.map((f) => f.code)).toEqual(expect.arrayContaining(["SCAR_REDUCED_RESPONSE", "CHEMO_FEEL_WELL", "AGE_APPROPRIATE_HAIRLINE"]));
    const contact = page.getByRole("region", { name: "Contact" });
    await expect(contact).toContainText(lead.email);
    await expect(contact).toContainText("Evenings are best.");
    await expectNoAxeViolations(page, "staff lead detail");
    await shots.take("detail");

    // Status: New -> Contacted.
    await page.getByLabel("Move to", { exact: true }).selectOption({ label: "Contacted" });
    await page.getByRole("button", { name: "Save status", exact: true }).click();
    await expect(page.getByText(/^Status:/).getByText("Contacted", { exact: true })).toBeVisible();
    const timeline = page.getByRole("region", { name: "Timeline" });
    await expect(timeline).toContainText("Status changed from “New” to “Contacted”");

    // A note, then seen in the timeline with the author.
    const note = `Called at 10:15, left a voicemail (${randomUUID().slice(0, 8)}).`;
    await page.getByLabel("Add a note", { exact: true }).fill(note);
    await page.getByRole("button", { name: "Add note", exact: true }).click();
    const noteItem = timeline.getByRole("listitem").filter({ hasText: note });
    await expect(noteItem).toBeVisible();
    await expect(noteItem).toContainText(FRONT_DESK.name);
    await expectNoAxeViolations(page, "staff lead detail after the follow-up");
    await shots.take("detail-after-follow-up");

    const [stored] = leadsByEmail(lead.email);
    expect(stored?.status).toBe("contacted");

    // Admin-only pages and the export are closed to the front desk.
    // A real 403 on the page itself (Next's forbidden()), not a redirect.
    const prices = await page.goto("/staff/prices");
    expect(prices?.status()).toBe(403);
    expect(new URL(page.url()).pathname).toBe("/staff/prices");
    await expect(page.getByRole("heading", { level: 1, name: "You don’t have access to this page" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Price table" })).toHaveCount(0);
    await expectNoAxeViolations(page, "staff forbidden page");
    await shots.take("prices-forbidden");
    const exportResponse = await page.request.get("/api/v1/leads/export.csv");
    expect(exportResponse.status()).toBe(403);
    expect(((await exportResponse.json()) as { error: { code: string } }).error.code).toMatch(/FORBIDDEN/i);
  });

  test("admin downloads the CSV export: header row and the inquiry's row", async ({ page, request }) => {
    const shots = new StepShots(page, "staff-admin");
    const lead = await createLeadViaApi(request, answers, "Alex", `Export${randomUUID().slice(0, 6)}`);

    await signIn(page, ADMIN);
    await expect(page.getByRole("link", { name: "Price table" })).toBeVisible();
    await expectNoAxeViolations(page, "staff inbox (admin)");
    await shots.take("inbox");

    // The export menu: last calendar month as CSV, a real download with the header row.
    await page.getByText("Export…").click();
    const exportLink = page.getByRole("link", { name: /^CSV of last month/ });
    const [download] = await Promise.all([page.waitForEvent("download"), exportLink.click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const downloaded = parseCsv(readFileSync(await download.path(), "utf8"));
    const header = downloaded[0] ?? [];
    expect(header.slice(0, 8)).toEqual(["id", "created_at", "status", "closed_reason", "eligibility", "flags", "price_min_usd", "price_max_usd"]);
    for (const column of ["email", "first_name", "last_name", "norwood_stage", "goal", "scars", "staff_notes"]) expect(header).toContain(column);

    // Today's inquiry: the same export without a date range, fetched with the admin's session.
    const response = await page.request.get("/api/v1/leads/export.csv");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^text\/csv/);
    const rows = parseCsv(await response.text());
    expect(rows[0]).toEqual(header);
    const col = (name: string) => header.indexOf(name);
    const matching = rows.slice(1).filter((row) => row[col("email")] === lead.email);
    expect(matching).toHaveLength(1);
    const row = matching[0] ?? [];
    expect(row[col("id")]).toBe(lead.id);
    expect(row[col("first_name")]).toBe(lead.firstName);
    expect(row[col("eligibility")]).toBe(lead.result.status);
    expect(row[col("price_min_usd")]).toBe(String(lead.result.price.minUsd));
    expect(row[col("price_max_usd")]).toBe(String(lead.result.price.maxUsd));
    expect(row[col("norwood_stage")]).toBe("5");
    for (const flag of lead.result.flags) expect(row[col("flags")]).toContain(flag.code);
  });
});
