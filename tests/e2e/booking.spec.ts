import { randomUUID } from "node:crypto";

import { expect, test, type Page } from "@playwright/test";


import { expectNoAxeViolations } from "./support/a11y";
import { FRONT_DESK } from "./support/credentials";
import { consultationsOf, leadsByEmail, startConsultationNow } from "./support/db";
import { fill, messages } from "./support/messages";
import { requestConsultation, startFromLanding, walkToResult } from "./support/questionnaire";
import { StepShots } from "./support/screenshots";
import { createLeadViaApi, signIn, ELIGIBLE_ANSWERS as answers } from "./support/staff";

/**
 * Consultation booking (issue 20) on a phone (390x844) against the production build: the patient
 * books right after the result on the confirmation screen, moves it from their own page, cancels it,
 * and leaves call-back times; the front desk books for a phone-in from the inquiry page and marks a
 * no-show in the agenda. axe on every state; each step photographed to artifacts/screenshots/.
 * The demo clinic: in-person consultations of 30 minutes, Mon-Fri opening hours, 2 h notice.
 */

const en = messages("en");
const b = en.booking;


/** Picks the first offered day and its first time, ticks the policy, confirms; returns the time's label. */
async function pickFirstTime(page: Page, confirmLabel: string, dayIndex = 0): Promise<string> {
  const days = page.getByRole("group", { name: b.dayLegend, exact: true });
  await expect(days).toBeVisible();
  await days.getByRole("radio").nth(dayIndex).check();
  const times = page.getByRole("group", { name: /^Time on / });
  const first = times.getByRole("radio").first();
  const label = (await first.locator("xpath=..").innerText()).trim();
  await first.check();
  await expect(page.getByRole("heading", { name: b.confirmHeading })).toBeFocused();
  await page.getByRole("checkbox", { name: /^I understand I can change this online/ }).check();
  await page.getByRole("button", { name: confirmLabel, exact: true }).click();
  return label;
}

test.describe("consultation booking", () => {
  test("the patient books after the result, moves it from /my/<token>, cancels, then leaves call-back times", async ({ page }) => {
    const shots = new StepShots(page, "booking-patient");
    const email = `booking.${randomUUID().slice(0, 8)}@example.com`;
    await startFromLanding(page, shots);
    await walkToResult(page, answers, shots);
    await requestConsultation(page, { firstName: "Robin", lastName: "Okafor", email, phone: "(949) 555-0142", preferred: "phone" }, shots);

    // Right on the confirmation screen: a type is on (in person), the clinic's zone is named.
    const panel = page.locator("[data-booking]").first();
    await expect(panel.getByRole("heading", { name: b.heading })).toBeVisible();
    await expect(panel.getByText(/Times are the clinic's local time \(.*America\/Los Angeles\)\./)).toBeVisible();
    await expectNoAxeViolations(page, "booking on the confirmation screen");
    await shots.take("pick-time");
    // A day at least two days ahead: beyond the self-service cut-off (1 day), so it can be moved online.
    const booked = await pickFirstTime(page, b.confirm, 2);
    await expect(page.getByText(new RegExp(`^Booked: In person on .* at ${booked.replace(/\s/g, "\\s")}\\.$`))).toBeVisible();
    await expect(page.getByRole("button", { name: b.move, exact: true })).toBeVisible();
    await expectNoAxeViolations(page, "booked on the confirmation screen");
    await shots.take("booked");

    const [lead] = leadsByEmail(email);
    expect(lead).toBeDefined();
    const [first] = consultationsOf(lead!.id);
    expect(first).toMatchObject({ status: "booked", bookedBy: "patient", version: 1 });
    expect(leadsByEmail(email)[0]!.status).toBe("consultation_booked");

    // The patient's own page shows it; Move to another day keeps the consultation's identity.
    const url = (await page.getByRole("link", { name: /\/my\// }).getAttribute("href")) ?? "";
    await page.goto(new URL(url).pathname);
    const section = page.locator('[data-section="booking"]');
    await expect(section.getByRole("heading", { level: 2, name: b.bookedHeading })).toBeVisible();
    await expect(section.getByText(b.policy.replace("{cutoff}", "1 day"))).toBeVisible();
    await expectNoAxeViolations(page, "patient page with a booked consultation");
    await shots.take("my-page-booked");
    await section.getByRole("button", { name: b.move, exact: true }).click();
    await pickFirstTime(page, b.confirmMove, 3);
    await expect(section.getByText(/^Moved: In person on /)).toBeVisible();
    await expectNoAxeViolations(page, "moved");
    await shots.take("moved");
    const [moved] = consultationsOf(lead!.id);
    expect(moved!.id).toBe(first!.id);
    expect(moved!.version).toBe(2);
    expect(moved!.startsAt).not.toBe(first!.startsAt);

    // Cancel, after a confirmation; the times are offered again.
    await section.getByRole("button", { name: b.cancel, exact: true }).click();
    await expectNoAxeViolations(page, "cancel confirmation");
    await section.getByRole("button", { name: b.cancelYes, exact: true }).click();
    await expect(section.getByText(b.cancelledDone)).toBeVisible();
    expect(consultationsOf(lead!.id)[0]!.status).toBe("cancelled");
    await expectNoAxeViolations(page, "cancelled");
    await shots.take("cancelled");

    // None of these times suit me: preferred call-back times.
    await section.getByRole("button", { name: b.noneSuit, exact: true }).click();
    await expect(section.getByRole("heading", { name: b.callbackHeading })).toBeFocused();
    await section.getByRole("button", { name: b.callbackSend, exact: true }).click();
    await expect(section.getByRole("textbox", { name: b.callbackTimes })).toBeFocused();
    await section.getByRole("textbox", { name: b.callbackTimes }).fill("Weekday mornings before 11");
    await section.getByRole("checkbox", { name: b.days.tue, exact: true }).check();
    await expectNoAxeViolations(page, "call-back form");
    await shots.take("callback-form");
    await section.getByRole("button", { name: b.callbackSend, exact: true }).click();
    await expect(section.getByText(fill(b.callbackSaved, { times: "Weekday mornings before 11" }))).toBeVisible();
    await expectNoAxeViolations(page, "call-back times sent");
    await shots.take("callback-sent");
  });

  test("the front desk books for a phone-in from the inquiry page and marks a no-show in the agenda", async ({ page, request }) => {
    const shots = new StepShots(page, "booking-front-desk");
    const lead = await createLeadViaApi(request, answers, "Casey", `Phone${randomUUID().slice(0, 6)}`);
    await signIn(page, FRONT_DESK);
    await page.goto(`/staff/leads/${lead.id}`);
    const panel = page.getByRole("region", { name: "Consultation", exact: true });
    await expect(panel.getByText("No consultation booked.")).toBeVisible();
    const form = panel.getByRole("form", { name: "Book for a phone-in" });
    // The first weekday with free times (the demo clinic is closed at weekends).
    const date = form.getByLabel("Date");
    for (let i = 0; i < 7; i++) {
      if ((await form.getByRole("radio").count()) > 0) break;
      const next = new Date(`${await date.inputValue()}T12:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      await date.fill(next.toISOString().slice(0, 10));
      await expect(form.getByText(/Loading free times/)).toBeHidden();
    }
    await form.getByRole("radio").first().check();
    await expectNoAxeViolations(page, "book for a phone-in");
    await shots.take("phone-in");
    await form.getByRole("button", { name: "Book this time" }).click();
    // The page shows the booked consultation in place of the booking form.
    await expect(panel.getByRole("form", { name: "Book for a phone-in" })).toBeHidden();
    await expect(panel.getByText("Booked", { exact: true })).toBeVisible();
    const [booked] = consultationsOf(lead.id);
    expect(booked).toMatchObject({ status: "booked", bookedBy: "staff" });
    await expectNoAxeViolations(page, "inquiry page with the phone-in booked");
    await shots.take("inquiry-booked");

    // It is under way: the agenda shows it today with verdict and price, and the front desk marks a no-show.
    startConsultationNow(booked!.id);
    await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Agenda" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Agenda" })).toBeVisible();
    const entry = page.locator(`[data-agenda-entry="${booked!.id}"]`);
    await expect(entry.getByRole("link", { name: `${lead.firstName} ${lead.lastName}` })).toHaveAttribute("href", `/staff/leads/${lead.id}`);
    await expect(entry).toContainText("Eligible");
    await expect(entry).toContainText("$");
    await expectNoAxeViolations(page, "agenda (day)");
    await shots.take("agenda-day");
    await entry.getByRole("button", { name: "Mark no-show" }).click();
    await expect(entry.getByText("Marked no-show.")).toBeVisible();
    expect(consultationsOf(lead.id)[0]!.status).toBe("no_show");
    await expectNoAxeViolations(page, "agenda (day) after the no-show");
    await shots.take("agenda-no-show");
    await page.getByRole("combobox", { name: "View" }).selectOption("week");
    await page.getByRole("form", { name: "Which consultations" }).getByRole("button", { name: "Show", exact: true }).click();
    await expect(page.locator('[data-agenda-view="week"]')).toBeVisible();
    await expectNoAxeViolations(page, "agenda (week)");
    await shots.take("agenda-week");
  });
});
