import { randomUUID } from "node:crypto";

import { expect, test } from "@playwright/test";

import type { CandidacyAnswers } from "@/lib/candidacy/answers";
import { FLAG_MESSAGES } from "@/lib/candidacy/messages";
import { PRIVACY_NOTICE_VERSION } from "@/lib/leads/privacy-notice";

import { expectNoAxeViolations } from "./support/a11y";
import { leadsByEmail } from "./support/db";
import { expectNoEnglish } from "./support/english";
import { fill, messages } from "./support/messages";
import { expectResultMatches, quoteFor, requestConsultation, startFromLanding, stepHeading, walkToResult } from "./support/questionnaire";
import { StepShots } from "./support/screenshots";

/**
 * The patient's side in a phone-sized Chromium (project "phone", 390x844) against the production
 * build: each status, the price and reasons exactly as POST /api/v1/quote gives them, a
 * consultation request stored once, resume after a reload, start over, and the Spanish pages.
 * axe runs on every step; every step is photographed to artifacts/screenshots/.
 */

const en = messages("en");
const es = messages("es");

const base = {
  scars: [],
  skinConditions: [],
  dermatologyClearance: false,
  chemotherapy: "none",
  healthScreen: [],
} satisfies Partial<CandidacyAnswers>;

test.describe("patient questionnaire", () => {
  test("eligible: Norwood 6 (picked with the arrow keys), shaved look, healthy scalp -> $5,500 from the standard_nw6 row", async ({ page, request }) => {
    const shots = new StepShots(page, "eligible");
    const answers: CandidacyAnswers = { ...base, sex: "male", age: 45, lossPattern: "norwood", norwoodStage: "6", goal: "full_shaved_look" };
    const quote = await quoteFor(request, answers);
    expect(quote.status).toBe("eligible");
    expect(quote.flags.map((f) => f.code)).toEqual(["SHAVED_LOOK_CLASSIC_CASE"]);
    expect(quote.price).toMatchObject({ basis: "standard_nw6", minUsd: 5500, maxUsd: 5500, estimate: false });

    await startFromLanding(page, shots);
    await walkToResult(page, answers, shots, { keyboardPicker: true });
    await expectResultMatches(page, quote);
    const price = page.getByRole("region", { name: en.result.priceHeading });
    await expect(price.locator("p").first()).toHaveText("$5,500");
    await shots.take("result");
  });

  test("eligible with conditions: strip scar -> reduced-response reason, with-scars price; reload on the scars step resumes; consultation stored once", async ({ page, request }) => {
    const shots = new StepShots(page, "with-conditions");
    const answers: CandidacyAnswers = { ...base, sex: "male", age: 47, lossPattern: "norwood", norwoodStage: "6", scars: ["strip"], goal: "full_shaved_look" };
    const quote = await quoteFor(request, answers);
    expect(quote.status).toBe("eligible_with_conditions");
    expect(quote.flags.map((f) => f.code)).toContain("SCAR_REDUCED_RESPONSE");
    expect(quote.price).toMatchObject({ basis: "standard_with_scars", minUsd: 6000, maxUsd: 7000 });

    await startFromLanding(page, shots);
    await walkToResult(page, answers, shots, {
      onStep: async (step) => {
        if (step !== "scars") return;
        // Mid-way: the strip scar is ticked, then the phone reloads the page.
        await page.reload();
        await expect(stepHeading(page, "en", "scars")).toBeVisible();
        await expect(page.getByText(/^Welcome back\. We kept your answers from /)).toBeVisible();
        await expect(page.getByRole("checkbox", { name: en.questionnaire.scars.options.strip.label, exact: true })).toBeChecked();
        await expect(page.getByRole("checkbox", { name: en.questionnaire.scars.options.fue.label, exact: true })).not.toBeChecked();
        await expect(page.getByText(fill(en.questionnaire.progress, { current: 3, total: 6 }), { exact: true })).toBeVisible();
        await expectNoAxeViolations(page, "scars step after reload");
        await shots.take("scars-after-reload");
        // Earlier answers came back too.
        await page.getByRole("button", { name: en.questionnaire.back, exact: true }).click();
        await expect(stepHeading(page, "en", "norwood")).toBeVisible();
        await expect(page.getByRole("radio", { name: /^Norwood 6\s*:/ })).toBeChecked();
        await page.getByRole("button", { name: en.questionnaire.next, exact: true }).click();
        await expect(stepHeading(page, "en", "scars")).toBeVisible();
      },
    });
    await expectResultMatches(page, quote);
    await expect(page.getByRole("region", { name: en.result.priceHeading }).locator("p").first()).toHaveText("$6,000 to $7,000");
    await shots.take("result");

    // Closing the tab on the result and coming back: the same result, with a "welcome back".
    await page.reload();
    await expect(stepHeading(page, "en", "result")).toBeVisible();
    await expect(page.getByText(/^Welcome back\. We kept your answers from /)).toBeVisible();
    await expectResultMatches(page, quote);
    await shots.take("result-after-reload");
    // The consultation form comes in by itself (no scrolling), in the place kept for it: nothing on
    // the screen moved while the page loaded, and Tab from the result's last control reaches its first field.
    const firstName = page.getByRole("textbox", { name: en.lead.firstName, exact: true });
    await expect(firstName).toBeAttached();
    const layoutShift = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let sum = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
              if (!entry.hadRecentInput) sum += entry.value;
            }
          }).observe({ type: "layout-shift", buffered: true });
          setTimeout(() => resolve(sum), 200);
        }),
    );
    expect(layoutShift).toBe(0);
    await page.getByRole("button", { name: en.result.changeAnswers, exact: true }).focus();
    await page.keyboard.press("Tab");
    await expect(firstName).toBeFocused();

    const email = `e2e-${randomUUID()}@example.com`;
    await requestConsultation(page, { firstName: "Marco", lastName: "Testpatient", email, phone: "(714) 555-0142", preferred: "phone" }, shots);
    // Confirmation: no "welcome back" or "saved on this device" notes once the answers are gone.
    await expect(page.getByText(en.lead.done.cleared)).toBeVisible();
    await expect(page.getByText(/^Welcome back\./)).toHaveCount(0);
    await expect(page.getByText(en.questionnaire.savedNote)).toHaveCount(0);
    await expectNoAxeViolations(page, "confirmation");
    await shots.take("confirmation");
    // The reference stays after a reload (kept on the device with no contact details).
    const reference = (await page.locator("[data-reference]").textContent()) ?? "";
    expect(reference).toMatch(/^SMP-[A-Z0-9]{4}-\d{2}$/);
    await page.reload();
    await expect(page.getByRole("heading", { name: en.lead.done.headingAgain })).toBeVisible();
    await expect(page.locator("[data-reference]")).toHaveText(reference);
    expect(await page.evaluate(() => JSON.stringify(window.localStorage))).not.toMatch(/Marco|Testpatient|e2e-|555/);
    await expectNoAxeViolations(page, "confirmation after reload");
    await shots.take("confirmation-after-reload");

    // Exactly one stored lead (the double click sent one request, or the same key twice).
    await page.waitForLoadState("networkidle");
    await expect.poll(() => leadsByEmail(email).length).toBe(1);
    const [lead] = leadsByEmail(email);
    expect(lead).toMatchObject({
      eligibility: "eligible_with_conditions",
      priceMinUsd: quote.price.minUsd,
      priceMaxUsd: quote.price.maxUsd,
      priceBasis: "standard_with_scars",
      status: "new",
      firstName: "Marco",
      locale: "en",
    });
    expect(lead?.flagCodes).toContain(",SCAR_REDUCED_RESPONSE,");
    expect(lead?.reference).toBe(reference);
    expect(lead?.consentTextVersion).toBe(`${PRIVACY_NOTICE_VERSION}.en`);
    expect(JSON.parse(lead?.answers ?? "{}")).toMatchObject(answers);
    // The answers were removed from this device; only the confirmation is kept.
    const stored = JSON.parse((await page.evaluate(() => Object.values(window.localStorage)[0])) ?? "{}");
    expect(stored.answers).toEqual({});
    expect(stored.confirmation).toEqual({ reference, method: "phone" });
  });

  test("clearance required: active psoriasis without clearance -> dermatology reason and next steps", async ({ page, request }) => {
    const shots = new StepShots(page, "clearance");
    const answers: CandidacyAnswers = {
      ...base,
      sex: "female",
      age: 52,
      lossPattern: "diffuse_thinning",
      ludwigStage: "II",
      skinConditions: ["psoriasis"],
      goal: "add_density",
    };
    const quote = await quoteFor(request, answers);
    expect(quote.status).toBe("clearance_required");
    expect(quote.flags[0]?.code).toBe("DERM_CLEARANCE_REQUIRED");

    await startFromLanding(page, shots);
    await walkToResult(page, answers, shots);
    await expectResultMatches(page, quote);
    await shots.take("result");
  });

  test("consult required: pregnancy and a bleeding disorder route to the doctor", async ({ page, request }) => {
    const shots = new StepShots(page, "consult");
    const answers: CandidacyAnswers = {
      ...base,
      sex: "female",
      age: 33,
      lossPattern: "alopecia_areata",
      healthScreen: ["bleeding_disorder_or_anticoagulants", "pregnant_or_breastfeeding"],
      goal: "add_density",
    };
    const quote = await quoteFor(request, answers);
    expect(quote.status).toBe("consult_required");
    expect(quote.flags.map((f) => f.code)).toEqual(expect.arrayContaining(["BLEEDING_RISK", "PREGNANCY_OR_BREASTFEEDING"]));

    await startFromLanding(page, shots);
    await walkToResult(page, answers, shots);
    await expectResultMatches(page, quote);
    await shots.take("result");
  });

  test("estimate: Norwood 'Not sure' -> a range marked as an estimate", async ({ page, request }) => {
    const shots = new StepShots(page, "estimate");
    const answers: CandidacyAnswers = { ...base, sex: "male", age: 29, lossPattern: "norwood", norwoodStage: "unknown", goal: "hairline_or_crown" };
    const quote = await quoteFor(request, answers);
    expect(quote.price.estimate).toBe(true);
    expect(quote.flags.map((f) => f.code)).toEqual(expect.arrayContaining(["STAGE_TO_CONFIRM", "AGE_APPROPRIATE_HAIRLINE"]));

    await startFromLanding(page, shots);
    await walkToResult(page, answers, shots);
    await expectResultMatches(page, quote);
    await expect(page.getByText(FLAG_MESSAGES.en.PRICE_ESTIMATE.patient, { exact: true })).toBeVisible();
    await shots.take("result");
  });

  test("browser Back/Forward move one step, a link opens a step, review and change, start over asks first", async ({ page }) => {
    const shots = new StepShots(page, "flow");
    const q = en.questionnaire;
    const next = () => page.getByRole("button", { name: q.next, exact: true }).click();
    await page.goto("/assessment");
    await expect(stepHeading(page, "en", "about")).toBeVisible();
    await page.getByRole("radio", { name: q.about.sex.female, exact: true }).check();
    // Under 18: the check stops here, says why, and gives the clinic's number to call.
    await page.getByLabel(q.about.ageLabel, { exact: true }).fill("17");
    await next();
    const age = page.getByLabel(q.about.ageLabel, { exact: true });
    await expect(age).toBeFocused();
    // The message is the age field's own description (read out with it), with a link that dials.
    const under18 = page.locator(`#${await age.getAttribute("aria-describedby").then((ids) => (ids ?? "").split(" ").find((id) => id.endsWith("-error")))}`);
    await expect(under18).toContainText(en.validation.answers.ageUnder18);
    await expect(under18.locator('a[href="tel:+17145550100"]')).toHaveText("(714) 555-0100");
    await expect(stepHeading(page, "en", "about")).toBeVisible();
    await expectNoAxeViolations(page, "under 18");
    await shots.take("under-18");
    await page.getByLabel(q.about.ageLabel, { exact: true }).fill("38");
    await next();
    await expect(stepHeading(page, "en", "pattern")).toBeVisible();
    await page.getByRole("radio", { name: q.pattern.options.alopecia_totalis.label, exact: true }).check();
    await next();
    await expect(stepHeading(page, "en", "scars")).toBeVisible();
    await expect(page).toHaveURL(/[?&]step=scars$/);

    // The browser's Back goes one step back (answers kept), Forward returns.
    await page.goBack();
    await expect(stepHeading(page, "en", "pattern")).toBeFocused();
    await expect(page.getByRole("radio", { name: q.pattern.options.alopecia_totalis.label, exact: true })).toBeChecked();
    await page.goBack();
    await expect(stepHeading(page, "en", "about")).toBeVisible();
    await expect(page.getByLabel(q.about.ageLabel, { exact: true })).toHaveValue("38");
    await page.goForward();
    await expect(stepHeading(page, "en", "pattern")).toBeVisible();
    await page.goForward();
    await expect(stepHeading(page, "en", "scars")).toBeVisible();
    await expect(page.getByText(fill(q.progress, { current: 3, total: 6 }), { exact: true })).toBeVisible();

    await next();
    await page.getByRole("radio", { name: q.health.chemo.none, exact: true }).check();
    await next();
    await page.getByRole("radio", { name: q.goal.options.full_shaved_look.label, exact: true }).check();
    await next();

    // The review lists every answer; "Change" goes to that step and comes back to the review.
    await expect(stepHeading(page, "en", "review")).toBeVisible();
    const hairLoss = page.getByRole("region", { name: q.steps.pattern, exact: true });
    await expect(hairLoss).toContainText(q.pattern.options.alopecia_totalis.label);
    await expect(page.getByRole("region", { name: q.steps.about, exact: true })).toContainText(fill(q.review.ageValue, { age: 38 }));
    await expectNoAxeViolations(page, "review");
    await shots.take("review");
    await hairLoss.getByRole("link", { name: new RegExp(`^${q.review.change}`) }).click();
    await expect(stepHeading(page, "en", "pattern")).toBeFocused();
    await page.getByRole("radio", { name: q.pattern.options.norwood.label, exact: true }).check();
    await page.getByRole("button", { name: q.backToReview, exact: true }).click();
    // A receding hairline needs its picture first, then the review again.
    await expect(stepHeading(page, "en", "norwood")).toBeVisible();
    await page.getByRole("radio", { name: /^Norwood 5\s*:/ }).check();
    await page.getByRole("button", { name: q.backToReview, exact: true }).click();
    await expect(stepHeading(page, "en", "review")).toBeVisible();
    await expect(hairLoss).toContainText(q.norwood.stages["5"].name);

    // A link to a step opens it with the saved answers.
    await page.goto("/assessment?step=health");
    await expect(stepHeading(page, "en", "health")).toBeVisible();
    await expect(page.getByRole("radio", { name: q.health.chemo.none, exact: true })).toBeChecked();

    // Start over asks first; "No" keeps everything and gives focus back.
    const startOver = page.getByRole("button", { name: q.startOver, exact: true });
    await startOver.click();
    const dialog = page.getByRole("alertdialog", { name: q.startOverConfirm.title });
    await expect(dialog.getByRole("button", { name: q.startOverConfirm.cancel })).toBeFocused();
    await expectNoAxeViolations(page, "start over confirmation");
    await shots.take("start-over-confirm");
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(startOver).toBeFocused();
    await expect(page.getByRole("radio", { name: q.health.chemo.none, exact: true })).toBeChecked();
    await startOver.click();
    await dialog.getByRole("button", { name: q.startOverConfirm.confirm }).click();
    await expect(stepHeading(page, "en", "about")).toBeFocused();
    await expect(page.getByRole("radio", { name: q.about.sex.female, exact: true })).not.toBeChecked();
    await expect(page.getByLabel(q.about.ageLabel, { exact: true })).toHaveValue("");
    await expect(page.getByText(/^Welcome back\./)).toHaveCount(0);
    await expectNoAxeViolations(page, "after start over");

    // Nothing comes back after a reload, and a link to a later step starts at the first question.
    await page.goto("/assessment?step=goal");
    await expect(stepHeading(page, "en", "about")).toBeVisible();
    await expect(page).toHaveURL(/[?&]step=about$/);
    await expect(page.getByLabel(q.about.ageLabel, { exact: true })).toHaveValue("");
  });

  test("a branded 404 and the privacy notice in both languages, with the clinic's contact, axe-clean", async ({ page, browser }) => {
    const shots = new StepShots(page, "not-found");
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: en.notFound.title })).toBeVisible();
    await expect(page.getByRole("link", { name: en.notFound.start })).toHaveAttribute("href", "/assessment");
    await expectNoAxeViolations(page, "404");
    await shots.take("en");
    // The clinic's contact from its profile (the seeded placeholder), as links that dial and write.
    await expect(page.getByRole("banner").locator('a[href="tel:+17145550100"]')).toHaveText(`${en.site.callLabel} (714) 555-0100`);
    const footer = page.getByRole("contentinfo");
    await expect(footer.locator('a[href="mailto:hello@example.com"]')).toBeVisible();
    await expect(footer).toContainText("Monday–Friday: 9:00 AM–5:00 PM");

    // The privacy notice: what, why, how long (the retention setting: none set), who, erasure.
    await footer.getByRole("link", { name: en.site.footer.privacy }).click();
    await expect(page.getByRole("heading", { level: 1, name: en.privacy.title })).toBeVisible();
    for (const key of ["device", "stored", "why", "retention", "who", "erasure"]) {
      await expect(page.getByRole("heading", { level: 2, name: en.privacy[key].heading })).toBeVisible();
    }
    await expect(page.getByText(en.privacy.retention.untilErased)).toBeVisible();
    await expect(page.getByText(fill(en.privacy.version, { version: PRIVACY_NOTICE_VERSION }))).toBeVisible();
    await expect(page.getByRole("main").locator('a[href="tel:+17145550100"]')).toBeVisible();
    await expectNoAxeViolations(page, "privacy");
    await shots.take("privacy");
    // A browser set to Spanish.
    const spanish = await browser.newContext({ locale: "es-MX", viewport: page.viewportSize() ?? undefined });
    const esPage = await spanish.newPage();
    const esResponse = await esPage.goto(new URL("/assessment/nothing-here", page.url()).href);
    expect(esResponse?.status()).toBe(404);
    await expect(esPage.getByRole("heading", { level: 1, name: es.notFound.title })).toBeVisible();
    await expect(esPage.locator("html")).toHaveAttribute("lang", "es");
    await expectNoAxeViolations(esPage, "404 (es)");
    await expectNoEnglish(esPage, "404");
    await new StepShots(esPage, "not-found-es").take("es");
    await esPage.goto(new URL("/privacy", page.url()).href);
    await expect(esPage.getByRole("heading", { level: 1, name: es.privacy.title })).toBeVisible();
    await expect(esPage.getByText(es.privacy.retention.untilErased)).toBeVisible();
    await expectNoAxeViolations(esPage, "privacy (es)");
    await expectNoEnglish(esPage, "privacy");
    await new StepShots(esPage, "privacy-es").take("es");
    await spanish.close();
  });

  test("Spanish: switch the language, walk to a result in Spanish", async ({ page, request }) => {
    const shots = new StepShots(page, "spanish");
    const answers: CandidacyAnswers = { ...base, sex: "male", age: 41, lossPattern: "norwood", norwoodStage: "3", scars: ["fue"], goal: "hairline_or_crown" };
    const quote = await quoteFor(request, answers, "es");
    expect(quote.status).toBe("eligible_with_conditions");

    await page.goto("/");
    await page.getByRole("button", { name: "Español" }).click();
    await expect(page.getByRole("heading", { level: 1, name: es.landing.heading })).toBeVisible();
    await expect(page.getByRole("button", { name: "Español" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expectNoAxeViolations(page, "landing (es)");
    await expectNoEnglish(page, "landing");
    await shots.take("landing");
    await page.getByRole("link", { name: es.landing.start }).click();
    await expect(page.getByRole("heading", { level: 1, name: es.questionnaire.pageTitle })).toBeVisible();

    await walkToResult(page, answers, shots, { locale: "es", onStep: (step) => expectNoEnglish(page, step) });
    await expectResultMatches(page, quote, "es");
    await expectNoEnglish(page, "result");
    // Norwood 3 with scars has no table row: a derived range, in Spanish words and US figures.
    expect(quote.price.basis).toBe("derived");
    await expect(page.getByText(FLAG_MESSAGES.es.PRICE_ESTIMATE.patient, { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { name: es.lead.heading })).toBeVisible();
    await shots.take("result");

    // The request and its confirmation in Spanish, kept after a reload with the reference.
    const email = `e2e-${randomUUID()}@example.com`;
    await requestConsultation(page, { firstName: "Lucía", lastName: "Pruebas", email, phone: "(714) 555-0177", preferred: "sms" }, shots, "es");
    await expect(page.getByText(es.lead.done.cleared)).toBeVisible();
    // The answers are gone from the device: no way back into them from the confirmation.
    await expect(page.getByRole("button", { name: es.result.changeAnswers })).toHaveCount(0);
    await expectNoEnglish(page, "confirmation");
    await expectNoAxeViolations(page, "confirmation (es)");
    await shots.take("confirmation");
    const reference = (await page.locator("[data-reference]").textContent()) ?? "";
    expect(reference).toMatch(/^SMP-[A-Z0-9]{4}-\d{2}$/);
    await page.reload();
    await expect(page.getByRole("heading", { name: es.lead.done.headingAgain })).toBeVisible();
    await expect(page.locator("[data-reference]")).toHaveText(reference);
    await expectNoEnglish(page, "confirmation after reload");
    await expect.poll(() => leadsByEmail(email).length).toBe(1);
    expect(leadsByEmail(email)[0]).toMatchObject({ locale: "es", reference, preferredContact: "sms" });
  });
});
