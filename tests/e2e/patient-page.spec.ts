import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";

import { expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";

import type { CandidacyAnswers } from "@/lib/candidacy/answers";

import { expectNoAxeViolations } from "./support/a11y";
import { FRONT_DESK } from "./support/credentials";
import { erasureStubsOf, leadsByEmail, patientAccessOf } from "./support/db";
import { mailsTo, patientLinksIn, waitForMails } from "./support/mail";
import { fill, messages, type Locale } from "./support/messages";
import { expectResultMatches, quoteFor, requestConsultation, startFromLanding, walkToResult } from "./support/questionnaire";
import { StepShots } from "./support/screenshots";
import { signIn } from "./support/staff";

/**
 * The patient's own page (issue 19) in a phone-sized Chromium against the production build, in
 * English and Spanish, each through one whole walk: the request sent (the link on the confirmation
 * screen, Copy link), browser Back and Forward keep the sent state and store no second inquiry; the
 * device forgets everything and the link READ FROM THE CONFIRMATION E-MAIL (delivered by the outbox
 * worker to the real SMTP server of scripts/test/e2e-server.mjs) opens the page with the result of
 * the quote, in the inquiry's language, with its private headers; "Lost your link?" answers a known
 * and an unknown address alike and only the known one gets mail (with a link that opens the page);
 * "Download my data" is the stored row; self-erasure by typed confirmation leaves the inquiry a 404
 * on the page, the patient API, the download and the staff API, with one audit row; axe on every
 * state. Photographed to artifacts/screenshots/patient-page-<locale>-*.png.
 */

const LINK = /\/my\/([0-9a-f]{40})$/;
const base = { scars: [], skinConditions: [], dermatologyClearance: false, chemotherapy: "none", healthScreen: [] } satisfies Partial<CandidacyAnswers>;
let clients = 0;

/** A client address of this test's own (the e2e server trusts X-Forwarded-For from the loopback): "Lost your link?" allows 5 a minute per client. */
function clientAddress(): string {
  clients += 1;
  return `10.251.${process.pid % 250}.${clients}`;
}

const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

async function sendRequest(page: Page, locale: Locale, flow: string, answers: CandidacyAnswers) {
  const shots = new StepShots(page, flow);
  const email = `patient.page.${randomUUID().slice(0, 8)}@example.com`;
  if (locale !== "en") {
    // The site opens in English; the patient picks their language on the landing page.
    await page.goto("/");
    await page.getByRole("button", { name: "Español" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
  }
  await startFromLanding(page, shots, locale);
  await walkToResult(page, answers, shots, { locale });
  await requestConsultation(page, { firstName: "Robin", lastName: "Okafor", email, phone: "(949) 555-0142", preferred: "email" }, shots, locale);
  const t = messages(locale).lead.done.page;
  const link = page.getByRole("link", { name: LINK });
  await expect(link).toBeVisible();
  await expect(page.getByRole("button", { name: t.copy, exact: true })).toBeVisible();
  await expectNoAxeViolations(page, "request sent, with the page's link");
  await shots.take("request-sent-link");
  const url = (await link.getAttribute("href")) ?? "";
  expect(url).toMatch(LINK);
  return { shots, email, url, token: LINK.exec(url)![1]! };
}

/** Browser Back and Forward after sending: the sent state stays (no form, no answers), and one inquiry is stored. */
async function backAndForward(page: Page, locale: Locale, email: string, shots: StepShots) {
  const l = messages(locale).lead;
  const reference = (await page.locator("[data-reference]").textContent()) ?? "";
  expect(reference).toMatch(/^SMP-[A-Z0-9]{4}-\d{2}$/);
  for (const [move, name] of [
    [() => page.goBack(), "back"],
    [() => page.goForward(), "forward"],
  ] as const) {
    await move();
    await expect(page.locator("[data-reference]")).toHaveText(reference);
    await expect(page.getByRole("region", { name: l.heading, exact: true })).toHaveCount(0);
    await expect(page.getByRole("button", { name: l.submit, exact: true })).toHaveCount(0);
    await expectNoAxeViolations(page, `request sent, after ${name}`);
    await shots.take(`sent-after-${name}`);
  }
  await page.waitForLoadState("networkidle");
  await expect.poll(() => leadsByEmail(email).length).toBe(1);
  return reference;
}

/** "Lost your link?" for an unknown and then the known address: one answer for both; mail only to the known one. */
async function lostLink(page: Page, locale: Locale, email: string, shots: StepShots, mailsBefore: number) {
  const lost = messages(locale).patientPage.lostLink;
  const unknown = `nobody.${randomUUID().slice(0, 8)}@example.net`;
  const answers: string[] = [];
  for (const address of [unknown, email]) {
    await page.goto(`/my/link?locale=${locale}`);
    await expect(page.getByRole("heading", { level: 1, name: lost.title })).toBeVisible();
    await expectNoAxeViolations(page, "lost link form");
    await page.getByRole("textbox", { name: lost.emailLabel }).fill(address);
    await page.getByRole("button", { name: lost.submit, exact: true }).click();
    const status = page.getByRole("status").filter({ hasText: lost.sent });
    await expect(status).toBeVisible();
    answers.push((await status.textContent()) ?? "");
    await expectNoAxeViolations(page, "lost link answered");
  }
  expect(answers[0]).toBe(answers[1]);
  await shots.take("lost-link-answered");
  // The known address gets one more e-mail with a working link; the unknown one (asked first) none.
  const mails = await waitForMails(email, mailsBefore + 1);
  const links = patientLinksIn(mails[mailsBefore]!);
  expect(links.length).toBeGreaterThanOrEqual(1);
  expect(mailsTo(unknown)).toEqual([]);
  return links[0]!;
}

async function walk(page: Page, context: BrowserContext, request: APIRequestContext, locale: Locale, answers: CandidacyAnswers) {
  const t = messages(locale).patientPage;
  await page.setExtraHTTPHeaders({ "x-forwarded-for": clientAddress() });
  const quote = await quoteFor(request, answers, locale);
  const { shots, email, url, token } = await sendRequest(page, locale, `patient-page-${locale}`, answers);

  // Copy link puts the address on the clipboard.
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: messages(locale).lead.done.page.copy, exact: true }).click();
  await expect(page.getByText(messages(locale).lead.done.page.copied)).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

  const reference = await backAndForward(page, locale, email, shots);
  const [lead] = leadsByEmail(email);
  expect(lead).toMatchObject({ reference, locale });
  // Only the hash of the answer's link is stored.
  expect(patientAccessOf(lead!.id).tokenHashes).toContain(createHash("sha256").update(token).digest("hex"));

  // The confirmation e-mail, from the SMTP server: no answers, one link of its own.
  const [confirmation] = await waitForMails(email, 1);
  expect(confirmation!.subject).toContain(reference);
  const mailed = patientLinksIn(confirmation!);
  expect(mailed).toHaveLength(1);
  expect(mailed[0]).not.toBe(url);
  expect(confirmation!.text).not.toContain(String(quote.price.minUsd));

  // The device forgets everything; the e-mailed link opens the page with the result as quoted.
  await context.clearCookies();
  await page.evaluate(() => localStorage.clear());
  await page.setExtraHTTPHeaders({ "x-forwarded-for": clientAddress(), "accept-language": locale === "es" ? "en" : "es" });
  const response = await page.goto(pathOf(mailed[0]!));
  expect(response?.status()).toBe(200);
  const headers = response!.headers();
  expect(headers["cache-control"]).toContain("no-store");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-robots-tag"]).toContain("noindex");
  // The inquiry's language, whatever the browser asks for; a Spanish one is named in the address
  // (the site's own language is English: the page redirects once to ?locale=es).
  if (locale === "es") await expect(page).toHaveURL(/\?locale=es$/);
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(page.getByRole("heading", { level: 1, name: fill(t.heading, { firstName: "Robin" }) })).toBeVisible();
  await expect(page.getByText(reference, { exact: true })).toBeVisible();
  const stage = page.getByRole("region", { name: t.stageHeading });
  await expect(stage.locator('[aria-current="step"]')).toContainText(t.steps.received);
  await expectResultMatches(page, quote, locale);
  // The booking section loaded its free times (its request once failed on every page).
  await page.waitForLoadState("networkidle");
  await expect(page.getByText(messages(locale).booking.loadFailed)).toHaveCount(0);
  await expectNoAxeViolations(page, `patient page from the e-mailed link (${locale})`);
  await shots.take("patient-page");
  await page.screenshot({ path: `artifacts/screenshots/patient-page-${locale}-full.png`, fullPage: true });
  expect(patientAccessOf(lead!.id).patientViews).toBeGreaterThanOrEqual(1);

  // No request left the app's origin while the page loaded.
  const foreign: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).origin !== new URL(page.url()).origin) foreign.push(r.url());
  });
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(foreign).toEqual([]);

  // The language switch.
  const other: Locale = locale === "en" ? "es" : "en";
  await page.getByRole("navigation", { name: t.languageLabel }).getByRole("link", { name: other === "en" ? "English" : "Español" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", other);
  await expect(page.getByRole("heading", { level: 1, name: fill(messages(other).patientPage.heading, { firstName: "Robin" }) })).toBeVisible();
  await expectNoAxeViolations(page, `patient page switched to ${other}`);
  await shots.take(`patient-page-in-${other}`);

  // Lost your link?: the same answer for every address, mail to the known one only, a link that works.
  const fresh = await lostLink(page, locale, email, shots, 1);
  expect((await page.goto(pathOf(fresh)))?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: fill(t.heading, { firstName: "Robin" }) })).toBeVisible();

  // Download my data (the page's own button): the stored row.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: t.download, exact: true }).click();
  const file = await (await download).path();
  const data = JSON.parse(readFileSync(file, "utf8")) as {
    inquiry: { id: string; reference: string; language: string; contact: { email: string; firstName: string; lastName: string; phone: string }; answers: unknown; result: unknown };
  };
  const row = leadsByEmail(email)[0]!;
  expect(data.inquiry).toMatchObject({ id: row.id, reference: row.reference, language: row.locale, contact: { email: row.email, firstName: row.firstName, lastName: row.lastName } });
  expect(data.inquiry.answers).toEqual(JSON.parse(row.answers));
  expect(data.inquiry.result).toEqual(JSON.parse(row.result));
  const exported = await request.get(`/api/v1/my/${token}/export`);
  expect(exported.headers()["content-disposition"]).toContain(`my-inquiry-${reference}.json`);

  // Erase: a wrong word is refused on the page; ERASE erases.
  const field = page.getByRole("textbox", { name: t.erase.label });
  await field.fill(locale === "es" ? "borrar" : "erase");
  await page.getByRole("button", { name: t.erase.submit, exact: true }).click();
  await expect(page.locator("#erase-error")).toHaveText(t.erase.wrong);
  await expect(field).toBeFocused();
  await expectNoAxeViolations(page, "erase refused");
  await shots.take("erase-refused");
  await field.fill("ERASE");
  await page.getByRole("button", { name: t.erase.submit, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: t.erased.title })).toBeVisible();
  await expectNoAxeViolations(page, "erased");
  await shots.take("erased");

  // Gone everywhere: every link's page, the patient API, the download, the staff API; one audit row by the patient.
  expect(leadsByEmail(email)).toHaveLength(0);
  for (const link of [url, mailed[0]!, fresh]) {
    const again = await page.goto(pathOf(link));
    expect(again?.status()).toBe(404);
    // A dead link has no inquiry to take a language from: the site's own (English; this browser's
    // language choice was cleared with its cookies).
    await expect(page.getByRole("heading", { level: 1, name: messages("en").patientPage.notFound.title })).toBeVisible();
  }
  await expectNoAxeViolations(page, "link that opens nothing");
  await shots.take("not-found");
  expect((await request.get(`/api/v1/my/${token}`)).status()).toBe(404);
  expect((await request.get(`/api/v1/my/${token}/export`)).status()).toBe(404);
  const stubs = erasureStubsOf(lead!.id);
  expect(stubs).toHaveLength(1);
  expect(stubs[0]!.actorId).toBeNull();
  expect(JSON.parse(stubs[0]!.data)).toMatchObject({ leadId: lead!.id, by: "patient" });
  await signIn(page, FRONT_DESK);
  expect((await page.request.get(`/api/v1/leads/${lead!.id}`)).status()).toBe(404);
}

test.describe("the patient's own page", () => {
  test("English: sent, Back/Forward, the e-mailed link after the device forgot everything, Lost your link?, download, erase", async ({ page, request, context }) => {
    await walk(page, context, request, "en", { ...base, sex: "male", age: 47, lossPattern: "norwood", norwoodStage: "6", scars: ["strip"], goal: "full_shaved_look" });
  });

  test("Spanish: sent, Back/Forward, the e-mailed link after the device forgot everything, Lost your link?, download, erase", async ({ page, request, context }) => {
    await walk(page, context, request, "es", { ...base, sex: "male", age: 52, lossPattern: "norwood", norwoodStage: "6", goal: "full_shaved_look" });
  });
});
