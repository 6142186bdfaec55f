import { expect, type APIRequestContext, type FrameLocator, type Locator, type Page } from "@playwright/test";

import type { CandidacyAnswers } from "@/lib/candidacy/answers";
import { EXPECTATION_MESSAGES, FLAG_MESSAGES } from "@/lib/candidacy/messages";
import type { CandidacyResult } from "@/lib/candidacy/result";
import { verdictOf } from "@/lib/candidacy/verdict";
import { PLACEHOLDER_CLINIC_PROFILE } from "@/lib/clinic/defaults";

import { expectNoAxeViolations } from "./a11y";
import { fill, messages, usd, type Locale } from "./messages";
import type { StepShots } from "./screenshots";

/**
 * Drives the questionnaire the way a patient does: by the visible labels (read from the app's
 * own message files, so the same driver walks the English and the Spanish pages), with Next and
 * "See my result". Every step is checked with axe and photographed before moving on.
 */

export interface WalkOptions {
  locale?: Locale;
  /** Choose the Norwood picture with the arrow keys instead of a tap. */
  keyboardPicker?: boolean;
  /** Called on a step after it is answered, before Next (e.g. to reload the page there). */
  onStep?: (step: string) => Promise<void>;
  /** Where the questions are: the page itself (default) or a frame on it (the embed); axe and screenshots still take the whole page. */
  within?: FrameLocator;
}

/** A page, or a frame on it: where the questionnaire's controls are found. */
export type Surface = Pick<Page, "getByRole" | "getByLabel" | "getByText" | "locator">;

const NORWOOD_ORDER = ["1", "2", "2A", "3", "3A", "3V", "4", "4A", "5", "5A", "6", "7", "unknown"] as const;

export function stepHeading(page: Surface, locale: Locale, step: string): Locator {
  return page.getByRole("heading", { level: 2, name: messages(locale).questionnaire.steps[step], exact: true });
}

async function checkInGroup(page: Surface, groupName: string, optionName: string, role: "radio" | "checkbox"): Promise<void> {
  const group = page.getByRole("group", { name: groupName, exact: true }).or(page.getByRole("radiogroup", { name: groupName, exact: true }));
  const option = group.getByRole(role, { name: optionName, exact: true });
  await option.check();
  await expect(option).toBeChecked();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Picture radios are named "<name>: <description>" (Chromium puts a space before the colon). */
function pictureName(name: string, description: string): RegExp {
  return new RegExp(`^${escapeRegExp(name)}\\s*:\\s*${escapeRegExp(description)}$`);
}

export async function startFromLanding(page: Page, shots: StepShots, locale: Locale = "en"): Promise<void> {
  const m = messages(locale);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: m.landing.heading })).toBeVisible();
  await expectNoAxeViolations(page, "landing");
  await shots.take("landing");
  await page.getByRole("link", { name: m.landing.start }).click();
  await expect(page).toHaveURL(/\/assessment/);
  await expect(stepHeading(page, locale, "about")).toBeVisible();
}

/** Answers every question for `answers`, from the current step to the result, and waits for the result. */
export async function walkToResult(page: Page, answers: CandidacyAnswers, shots: StepShots, options: WalkOptions = {}): Promise<void> {
  const ui: Surface = options.within ?? page;
  const locale = options.locale ?? "en";
  const m = messages(locale);
  const q = m.questionnaire;

  const finishStep = async (step: string, last = false) => {
    await expectNoAxeViolations(page, `step ${step}`);
    await shots.take(step);
    if (options.onStep) await options.onStep(step);
    await ui.getByRole("button", { name: last ? q.seeResult : q.next, exact: true }).click();
  };
  // The count the patient sees never changes: "of 6" on every step, the pictures inside step 2.
  const expectProgress = async (n: number) => {
    await expect(ui.getByText(fill(q.progress, { current: n, total: 6 }), { exact: true })).toBeVisible();
  };

  // About you
  await expect(stepHeading(ui, locale, "about")).toBeVisible();
  await expectProgress(1);
  await checkInGroup(ui, q.about.sexLegend, q.about.sex[answers.sex], "radio");
  await ui.getByLabel(q.about.ageLabel, { exact: true }).fill(String(answers.age));
  await finishStep("about");

  // Hair loss pattern
  await expect(stepHeading(ui, locale, "pattern")).toBeVisible();
  await checkInGroup(ui, q.pattern.legend, q.pattern.options[answers.lossPattern].label, "radio");
  await finishStep("pattern");

  if (answers.lossPattern === "norwood") {
    const stage = answers.norwoodStage ?? "unknown";
    await expect(stepHeading(ui, locale, "norwood")).toBeVisible();
    await expectProgress(2);
    const group = ui.getByRole("radiogroup", { name: q.norwood.legend });
    const label = (s: (typeof NORWOOD_ORDER)[number]) =>
      s === "unknown" ? pictureName(q.picker.notSure, q.picker.notSureDescription) : pictureName(q.norwood.stages[s].name, q.norwood.stages[s].description);
    const target = group.getByRole("radio", { name: label(stage) });
    if (options.keyboardPicker) {
      // Tab from the focused step heading into the group (lands on the first picture), then arrows.
      await expect(stepHeading(ui, locale, "norwood")).toBeFocused();
      await page.keyboard.press("Tab");
      const first = group.getByRole("radio", { name: label("1") });
      await expect(first).toBeFocused();
      await page.keyboard.press("Space");
      for (let i = 0; i < NORWOOD_ORDER.indexOf(stage); i++) await page.keyboard.press("ArrowRight");
      await expect(target).toBeFocused();
    } else {
      await target.check();
    }
    await expect(target).toBeChecked();
    await expect(group.getByRole("radio", { checked: true })).toHaveCount(1);
    await finishStep("norwood");
  }

  if (answers.lossPattern === "diffuse_thinning") {
    await expect(stepHeading(ui, locale, "ludwig")).toBeVisible();
    const group = ui.getByRole("radiogroup", { name: q.ludwig.legend });
    const name = answers.ludwigStage
      ? pictureName(q.ludwig.stages[answers.ludwigStage].name, q.ludwig.stages[answers.ludwigStage].description)
      : pictureName(q.picker.notSure, q.picker.notSureDescription);
    await group.getByRole("radio", { name }).check();
    await finishStep("ludwig");
  }

  // Scars
  await expect(stepHeading(ui, locale, "scars")).toBeVisible();
  await expectProgress(3);
  for (const scar of answers.scars) await checkInGroup(ui, q.scars.legend, q.scars.options[scar].label, "checkbox");
  await finishStep("scars");

  // Scalp and health
  await expect(stepHeading(ui, locale, "health")).toBeVisible();
  for (const condition of answers.skinConditions) {
    await checkInGroup(ui, q.health.skinLegend, q.health.skin[condition].label, "checkbox");
  }
  if (answers.dermatologyClearance) await ui.getByRole("checkbox", { name: q.health.clearanceLabel, exact: true }).check();
  await checkInGroup(ui, q.health.chemoQuestion, q.health.chemo[answers.chemotherapy], "radio");
  for (const item of answers.healthScreen ?? []) {
    await checkInGroup(ui, q.health.screenLegend, q.health.screen[item], "checkbox");
  }
  await finishStep("health");

  // Goal
  await expect(stepHeading(ui, locale, "goal")).toBeVisible();
  await checkInGroup(ui, q.goal.legend, q.goal.options[answers.goal].label, "radio");
  await finishStep("goal");

  // Review: every answer, each step with its "Change" link, then the result.
  await expect(stepHeading(ui, locale, "review")).toBeVisible();
  await expectProgress(6);
  const goal = ui.getByRole("region", { name: q.steps.goal, exact: true });
  await expect(goal).toContainText(q.goal.options[answers.goal].label);
  await expect(ui.getByRole("link", { name: new RegExp(`^${escapeRegExp(q.review.change)}`) })).toHaveCount(5);
  await finishStep("review", true);

  await expect(stepHeading(ui, locale, "result")).toBeVisible();
  await expect(ui.locator("[data-status]")).toBeVisible();
}

/** POST /api/v1/quote for the same answers, in the page's language: what the screen must show. */
export async function quoteFor(request: APIRequestContext, answers: CandidacyAnswers, locale: Locale = "en"): Promise<CandidacyResult> {
  const response = await request.post(`/api/v1/quote?locale=${locale}`, { data: answers });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as CandidacyResult;
}

/** The price line exactly as the result screen must print it for this API result. */
export function priceText(result: CandidacyResult, locale: Locale): string {
  const { minUsd, maxUsd } = result.price;
  if (minUsd === maxUsd) return usd(minUsd, locale);
  return fill(messages(locale).result.priceRange, { min: usd(minUsd, locale), max: usd(maxUsd, locale) });
}

/**
 * The result screen against the API's answer for the same answers: verdict sentence, every
 * reason (the rules module's patient message, in order), dermatology next steps when cleared is
 * needed, the price line and its wording (list price or estimate), and axe.
 */
export async function expectResultMatches(page: Page, result: CandidacyResult, locale: Locale = "en"): Promise<void> {
  const r = messages(locale).result;
  const verdict = page.locator("[data-status]");
  await expect(verdict).toHaveAttribute("data-status", result.status);
  // The headline is the rules module's verdict (the status, or its hairline / nothing-to-treat words: decision 021).
  await expect(verdict).toHaveText(r.verdict[verdictOf(result)]);

  // The price-estimate note is shown beside the price, never among the reasons about the patient.
  const reasonFlags = result.flags.filter((flag) => flag.code !== "PRICE_ESTIMATE");
  const reasons = page.getByRole("region", { name: r.reasonsHeading, exact: true });
  if (reasonFlags.length === 0) {
    await expect(reasons).toHaveCount(0);
  } else {
    // The texts come from lib/candidacy/messages.ts; the API must have sent those very texts.
    expect(result.flags.map((flag) => flag.patientMessage)).toEqual(result.flags.map((flag) => FLAG_MESSAGES[locale][flag.code].patient));
    await expect(reasons.getByRole("listitem")).toHaveText(reasonFlags.map((flag) => flag.patientMessage));
  }

  const derm = page.getByRole("region", { name: r.derm.heading, exact: true });
  if (result.flags.some((flag) => flag.code === "DERM_CLEARANCE_REQUIRED")) {
    await expect(derm.getByRole("listitem")).toHaveText([r.derm.steps.see, r.derm.steps.treat, r.derm.steps.send]);
  } else {
    await expect(derm).toHaveCount(0);
  }

  const price = page.getByRole("region", { name: r.priceHeading, exact: true });
  await expect(price.locator("p").first()).toHaveText(priceText(result, locale));
  const covers = EXPECTATION_MESSAGES[locale].PRICE_COVERS_TWO_SESSIONS.patient;
  await expect(price).toContainText(covers);
  const estimateNote = FLAG_MESSAGES[locale].PRICE_ESTIMATE.patient;
  await expect(price).toContainText(result.price.estimate ? estimateNote : r.priceFromList);
  await expect(price).not.toContainText(result.price.estimate ? r.priceFromList : estimateNote);

  // One sessions line, among the expectations (and the price-coverage note only beside the price).
  const expectations = page.getByRole("region", { name: r.expectationsHeading, exact: true });
  await expect(expectations.getByRole("listitem")).toHaveText(
    result.expectations.filter((e) => e.code !== "PRICE_COVERS_TWO_SESSIONS").map((e) => e.patientMessage),
  );
  await expect(page.getByText(EXPECTATION_MESSAGES[locale].SEVERAL_SESSIONS.patient)).toHaveCount(1);

  await expect(page.locator("p", { hasText: fill(r.callUs, { clinicName: PLACEHOLDER_CLINIC_PROFILE.name }) }).locator(`a[href="tel:${PLACEHOLDER_CLINIC_PROFILE.phone}"]`)).toBeVisible();

  await expectNoAxeViolations(page, `result (${result.status})`);
}

export interface ContactDetails {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  preferred: "phone" | "email" | "sms";
}

/** Fills the consultation request and double-clicks submit (the form must still send one lead). */
export async function requestConsultation(
  page: Page,
  contact: ContactDetails,
  shots: StepShots,
  locale: Locale = "en",
  within?: FrameLocator,
): Promise<void> {
  const ui: Surface = within ?? page;
  const l = messages(locale).lead;
  const form = ui.getByRole("region", { name: l.heading, exact: true });
  await expect(form).toBeVisible();
  await form.getByRole("textbox", { name: l.firstName, exact: true }).fill(contact.firstName);
  await form.getByRole("textbox", { name: l.lastName, exact: true }).fill(contact.lastName);
  await form.getByRole("textbox", { name: l.email, exact: true }).fill(contact.email);
  await form.getByRole("textbox", { name: l.phone, exact: true }).fill(contact.phone);
  await form.getByRole("radio", { name: l.preferred[contact.preferred], exact: true }).check();
  const clinic = PLACEHOLDER_CLINIC_PROFILE;
  await form.getByRole("checkbox", { name: fill(l.consentContact, { clinicName: clinic.name }), exact: true }).check();
  await form.getByRole("checkbox", { name: l.consentPrivacy, exact: true }).check();
  // The consent box links to the privacy notice (in a new tab: the details typed stay here).
  await expect(form.getByRole("link", { name: l.privacyLink })).toHaveAttribute("href", "/privacy");
  await expectNoAxeViolations(page, "consultation form (filled)");
  await shots.take("consultation-form");
  await form.getByRole("button", { name: l.submit, exact: true }).dblclick();
  await expect(ui.getByRole("heading", { name: fill(l.done.heading, { firstName: contact.firstName }) })).toBeVisible();
  // When to expect an answer, and the clinic's phone for those who would rather call.
  const done = ui.getByRole("region", { name: fill(l.done.heading, { firstName: contact.firstName }) });
  await expect(done).toContainText(fill(l.done.replyPromise, { clinicName: clinic.name, replyPromise: clinic.replyPromise[locale] }));
  await expect(done.locator(`a[href="tel:${clinic.phone}"]`)).toBeVisible();
}
