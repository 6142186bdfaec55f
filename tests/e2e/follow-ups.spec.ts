import { expect, test } from "@playwright/test";

import { DEFAULT_CLINIC_TIME_ZONE } from "@/lib/clinic/defaults";

import { expectNoAxeViolations } from "./support/a11y";
import { FRONT_DESK } from "./support/credentials";
import { StepShots } from "./support/screenshots";
import { createLeadViaApi, signIn } from "./support/staff";

/**
 * Follow-ups with a time (issue 22 items 4 and 7) on a phone and at 1280 px: the quick choices show
 * the time each stands for, a past date and time is refused with a warning and saved once confirmed,
 * the follow-up is shown with the clinic's zone named, and the timeline says it in words; the
 * account's notification settings turn the morning list off and on. Axe on every screen.
 */

/** A clinic date `days` from today ("YYYY-MM-DD"). */
const clinicDate = (days: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: DEFAULT_CLINIC_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() + days * 86_400_000));

test("front desk: a follow-up at a time, a past time confirmed, the timeline in words, the morning list off", async ({ page, request }) => {
  const shots = new StepShots(page, "follow-ups");
  const lead = await createLeadViaApi(
    request,
    { sex: "male", age: 41, lossPattern: "norwood", norwoodStage: "4", goal: "full_shaved_look", scars: [], skinConditions: [], dermatologyClearance: false, chemotherapy: "none", healthScreen: [] },
    "Paula",
    "Tardes",
  );
  await signIn(page, FRONT_DESK);
  await page.goto(`/staff/leads/${lead.id}`);
  const form = page.getByRole("group", { name: "Follow up" });
  await expect(form).toContainText(`Times are the clinic's (${DEFAULT_CLINIC_TIME_ZONE})`);
  await expect(form.getByRole("radio", { name: /^Tomorrow morning \(\w{3}, \w{3} \d+, \d{4}, \d+:\d\d [AP]M P[SD]T\)$/ })).toBeVisible();
  await expect(form.getByRole("radio", { name: /^Next business day, at opening \(/ })).toBeVisible();

  // "Please call after 5 pm", two days from now.
  await form.getByRole("radio", { name: "Pick a date and time" }).check();
  await form.getByLabel("Date (for “Pick a date and time”)").fill(clinicDate(2));
  await form.getByLabel("Time", { exact: true }).fill("17:30");
  await form.getByLabel("What for (optional)").fill("Call after 5 pm");
  await page.getByRole("button", { name: "Save follow-up" }).click();
  await expect(page.getByText(/^Follow-up saved for \w{3}, \w{3} \d+, \d{4}, 5:30 PM P[SD]T\.$/)).toBeVisible();
  await expect(page.getByText(/^Follow up on \w{3}, \w{3} \d+, \d{4}, 5:30 PM P[SD]T \(Call after 5 pm\)$/)).toBeVisible();
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline).toContainText(/Follow-up set for \w{3}, \w{3} \d+, \d{4}, 5:30 PM P[SD]T/);
  await expectNoAxeViolations(page, "inquiry with a follow-up at a time");
  await shots.take("saved-phone");

  // Yesterday at 09:00: refused with a warning, nothing saved; confirmed, saved as overdue.
  await form.getByRole("radio", { name: "Pick a date and time" }).check();
  await form.getByLabel("Date (for “Pick a date and time”)").fill(clinicDate(-1));
  await form.getByLabel("Time", { exact: true }).fill("09:00");
  await page.getByRole("button", { name: "Save follow-up" }).click();
  const warning = page.getByRole("alert").filter({ hasText: "That date and time has already passed." });
  await expect(warning).toBeVisible();
  await expect(page.getByText(/^Follow up on .* 5:30 PM/)).toBeVisible();
  await expect(form.getByLabel("Date (for “Pick a date and time”)")).toHaveValue(clinicDate(-1));
  await expectNoAxeViolations(page, "past follow-up warning");
  await shots.take("past-warning-phone");
  await page.setViewportSize({ width: 1280, height: 900 });
  await shots.take("past-warning-desktop");
  await page.getByLabel("Yes, set it in the past (it shows as overdue at once)").check();
  await page.getByRole("button", { name: "Save follow-up" }).click();
  await expect(page.getByText(/^Follow up on .* 9:00 AM P[SD]T$/)).toBeVisible();
  await expect(timeline).toContainText(/Follow-up set for .* 9:00 AM P[SD]T \(was .* 5:30 PM P[SD]T\)/);
  await shots.take("timeline-desktop");

  // The morning list: on by default, turned off, saved.
  await page.goto("/staff/account/notifications");
  const morning = page.getByLabel("Morning list of my follow-ups");
  await expect(morning).toBeChecked();
  await morning.uncheck();
  await page.getByRole("button", { name: "Save notification settings" }).click();
  await expect(page.getByText("Notification settings saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Morning list of my follow-ups")).not.toBeChecked();
  await expectNoAxeViolations(page, "notification settings");
  await shots.take("notifications-desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await shots.take("notifications-phone");
  await page.getByLabel("Morning list of my follow-ups").check();
  await page.getByRole("button", { name: "Save notification settings" }).click();
  await expect(page.getByText("Notification settings saved.")).toBeVisible();
});
