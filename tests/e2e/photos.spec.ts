import { randomUUID } from "node:crypto";

import { expect, test, type Locator, type Page } from "@playwright/test";

import type { CandidacyAnswers } from "@/lib/candidacy/answers";
import type { CandidacyResult } from "@/lib/candidacy/result";
import { phoneJpeg } from "@/tests/support/photo-fixtures";

import { expectNoAxeViolations } from "./support/a11y";
import { FRONT_DESK } from "./support/credentials";
import { assessmentOf, leadsByEmail, photosOf } from "./support/db";
import { fill, messages, usd } from "./support/messages";
import { quoteFor, requestConsultation, startFromLanding, walkToResult } from "./support/questionnaire";
import { StepShots } from "./support/screenshots";
import { signIn } from "./support/staff";

/**
 * Scalp photos (issue 21) on a phone (390x844) against the production build: a patient who is "not
 * sure" of their stage sends the request, and on the confirmation screen sends three photos through
 * the guided capture (generated phone JPEGs, sideways with EXIF Orientation 6, from
 * tests/support/photo-fixtures.ts); the second one's request is aborted (page.route), the error is
 * announced with the focus on it, and "Try again" sends it. The inquiry was stored before any photo.
 * The front desk sees the three thumbnails on the inquiry page and confirms Norwood 5; the patient's
 * page shows the confirmed price (the API's quote for Norwood 5). axe on every state; each state
 * photographed to artifacts/screenshots/photos-*.png.
 */

const en = messages("en");
const p = en.photos;

const answers: CandidacyAnswers = {
  sex: "male",
  age: 41,
  lossPattern: "norwood",
  norwoodStage: "unknown",
  goal: "full_shaved_look",
  scars: [],
  skinConditions: [],
  dermatologyClearance: false,
  chemotherapy: "none",
  healthScreen: [],
};

/** The patient page's price line for a result: one amount, or "min – max" (components/patient-page/PhotosSection.tsx). */
const confirmedPriceText = (result: CandidacyResult) =>
  fill(p.confirmedPrice, { price: result.price.minUsd === result.price.maxUsd ? usd(result.price.minUsd, "en") : `${usd(result.price.minUsd, "en")} – ${usd(result.price.maxUsd, "en")}` });

/** One view's card in the capture: found by its heading. */
const slotOf = (capture: Locator, title: string) => capture.getByRole("listitem").filter({ has: capture.page().getByRole("heading", { name: title, exact: true }) });

async function choosePhoto(capture: Locator, title: string, name: string) {
  const jpeg = await phoneJpeg({ width: 1600, height: 1200, orientation: 6 });
  await capture.getByLabel(`${p.choose} – ${fill(p.chooseLabel, { view: title })}`, { exact: true }).setInputFiles({ name, mimeType: "image/jpeg", buffer: jpeg });
}

/** Nothing wider than the phone: no sideways scroll. */
async function expectNoSidewaysScroll(page: Page, where: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), where).toBeLessThanOrEqual(390);
}

async function expectThumbnailsLoaded(page: Page, region: Locator, count: number) {
  const images = region.getByRole("img");
  await expect(images).toHaveCount(count);
  for (let i = 0; i < count; i++) {
    await images.nth(i).scrollIntoViewIfNeeded();
    await expect.poll(() => images.nth(i).evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)).toBe(true);
  }
}

test.describe("scalp photos and the confirmed estimate", () => {
  test("three photos from the confirmation screen, one failing then retried; the front desk confirms Norwood 5; the patient's page shows the confirmed price", async ({ page, request }) => {
    test.setTimeout(180_000); // a whole walk, three uploads, the staff page and the patient's page, with axe on each
    const shots = new StepShots(page, "photos");
    const email = `photos.${randomUUID().slice(0, 8)}@example.com`;
    const stage5 = await quoteFor(request, { ...answers, norwoodStage: "5" });
    const own = await quoteFor(request, answers);
    expect([own.price.minUsd, own.price.maxUsd]).not.toEqual([stage5.price.minUsd, stage5.price.maxUsd]);

    await startFromLanding(page, shots);
    await walkToResult(page, answers, shots);
    await requestConsultation(page, { firstName: "Sam", lastName: "Reyes", email, phone: "(949) 555-0177", preferred: "email" }, shots);
    // The inquiry is stored before the capture is even offered.
    const [lead] = leadsByEmail(email);
    expect(lead).toBeDefined();
    const url = (await page.getByRole("link", { name: /\/my\/[0-9a-f]{40}$/ }).getAttribute("href")) ?? "";

    const capture = page.locator("[data-photo-capture]");
    await expect(capture.getByRole("heading", { level: 4, name: p.heading })).toBeVisible();
    await expect(capture.getByRole("status").filter({ hasText: "No photos sent yet." })).toBeVisible();
    await expectNoAxeViolations(page, "photo capture on the confirmation screen");
    await shots.take("capture-offered");

    // The second photo's first request is aborted, as a dropped connection would.
    let aborted = 0;
    await page.route(
      (u) => u.pathname.endsWith("/photos") && u.searchParams.get("view") === "top",
      async (route) => {
        if (aborted === 0) {
          aborted += 1;
          await route.abort("connectionreset");
        } else await route.continue();
      },
    );

    const front = slotOf(capture, p.views.front.title);
    await choosePhoto(capture, p.views.front.title, "front.jpg");
    await expect(front.getByText(p.sent, { exact: true })).toBeVisible();
    await expect(front.locator("img")).toBeVisible(); // the local preview (decorative, alt="") replaces the drawing

    const top = slotOf(capture, p.views.top.title);
    await choosePhoto(capture, p.views.top.title, "top.jpg");
    const alert = top.getByRole("alert");
    await expect(alert).toHaveText(p.errors.network);
    await expect(alert).toBeFocused();
    expect(aborted).toBe(1);
    await expectNoAxeViolations(page, "a photo that did not go through");
    await shots.take("photo-failed");
    expect(photosOf(lead!.id).map((photo) => photo.view)).toEqual(["front"]);
    expect(leadsByEmail(email)).toHaveLength(1); // the inquiry is untouched by the failure

    await top.getByRole("button", { name: `${p.retry} – ${p.views.top.title}`, exact: true }).click();
    await expect(top.getByText(p.sent, { exact: true })).toBeVisible();
    await expect(top.getByRole("alert")).toHaveCount(0);

    const crown = slotOf(capture, p.views.crown.title);
    await choosePhoto(capture, p.views.crown.title, "crown.jpg");
    await expect(crown.getByText(p.sent, { exact: true })).toBeVisible();
    await expect(capture.getByRole("status").filter({ hasText: "3 of 5 photos sent." })).toBeVisible();
    await expectNoSidewaysScroll(page, "confirmation screen with three photos");
    await expectNoAxeViolations(page, "three photos sent");
    await shots.take("three-sent");

    // Stored upright (sent sideways with Orientation 6), resized on the device to at most 2048 px.
    const stored = photosOf(lead!.id);
    expect(stored.map((photo) => photo.view)).toEqual(["front", "top", "crown"]);
    for (const photo of stored) {
      expect(photo.height).toBeGreaterThan(photo.width);
      expect(photo.bytes).toBeLessThan(700 * 1024);
    }

    // The front desk: the thumbnails on the inquiry page, then Norwood 5 confirmed from them.
    await signIn(page, FRONT_DESK);
    await page.goto(`/staff/leads/${lead!.id}`);
    const panel = page.getByRole("region", { name: "Photos and assessment", exact: true });
    await expectThumbnailsLoaded(page, panel.getByRole("list").first(), 3);
    await expect(panel.getByText("Not confirmed yet. The patient's own estimate stands.")).toBeVisible();
    await expectNoAxeViolations(page, "inquiry page with three photos");
    await shots.take("staff-photos");
    await panel.getByLabel("Stage seen on the photos").selectOption("norwood:5");
    await panel.getByRole("button", { name: "Confirm estimate", exact: true }).click();
    await expect(panel.getByText(`table version ${stage5.price.tableVersion}`, { exact: false })).toBeVisible();
    await expect(panel).toContainText(`${usd(stage5.price.minUsd, "en")}`);
    expect(assessmentOf(lead!.id)).toEqual({ norwoodStage: "5", ludwigStage: null });
    await expect(panel.getByLabel("Stage seen on the photos")).toHaveValue("norwood:5"); // the form shows what is stored
    await expectNoAxeViolations(page, "inquiry page, estimate confirmed");
    await shots.take("staff-confirmed");

    // The patient's page: the confirmed estimate (Norwood 5's price), and the three photos received.
    await page.goto(new URL(url).pathname);
    const confirmed = page.locator("[data-confirmed]");
    await expect(confirmed.getByRole("heading", { level: 2, name: p.confirmedHeading })).toBeVisible();
    await expect(confirmed.locator("[data-confirmed-price]")).toHaveText(confirmedPriceText(stage5));
    const mine = page.locator("[data-photo-capture]");
    await expect(mine.getByText(p.sentEarlier, { exact: true })).toHaveCount(3);
    await expect(mine.getByRole("status").filter({ hasText: "3 of 5 photos sent." })).toBeVisible();
    await expectNoSidewaysScroll(page, "patient page with photos");
    await expectNoAxeViolations(page, "patient page with the confirmed estimate");
    await shots.take("patient-confirmed");
  });
});
