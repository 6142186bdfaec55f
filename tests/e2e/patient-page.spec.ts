import { createHash, randomUUID } from "node:crypto";

import { expect, test, type Page } from "@playwright/test";

import type { CandidacyAnswers } from "@/lib/candidacy/answers";

import { expectNoAxeViolations } from "./support/a11y";
import { erasureStubsOf, leadsByEmail, patientAccessOf } from "./support/db";
import { fill, messages, type Locale } from "./support/messages";
import { expectResultMatches, quoteFor, requestConsultation, startFromLanding, walkToResult } from "./support/questionnaire";
import { StepShots } from "./support/screenshots";

/**
 * The patient's own page (issue 19) in a phone-sized Chromium against the production build, in
 * English and Spanish: the link on the confirmation screen (Copy link), the page opened from it
 * after the device forgot everything (same result as the quote, the inquiry's language, the switch),
 * the private headers, "Download my data" matching the stored row, "Lost your link?" answering a
 * known and an unknown address alike, self-erasure by typed confirmation (the link then answers 404
 * everywhere and one audit row remains), and axe on every state. Photographed to artifacts/screenshots/.
 *
 * Not here: reading the e-mailed link from an SMTP server (the e2e server runs without SMTP and
 * without the outbox worker); tests/integration/patient-access/patient-page.test.ts delivers the
 * confirmation and "Lost your link?" e-mails to a real local SMTP server and opens their links.
 */

const LINK = /\/my\/([0-9a-f]{40})$/;
const base = { scars: [], skinConditions: [], dermatologyClearance: false, chemotherapy: "none", healthScreen: [] } satisfies Partial<CandidacyAnswers>;

async function sendRequest(page: Page, locale: Locale, flow: string, answers: CandidacyAnswers) {
  const shots = new StepShots(page, flow);
  const email = `patient.page.${randomUUID().slice(0, 8)}@example.com`;
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

test.describe("the patient's own page", () => {
  test("English: the link from the confirmation opens the same result after the device forgot everything; download; erase", async ({ page, request, context }) => {
    const t = messages("en").patientPage;
    const answers: CandidacyAnswers = { ...base, sex: "male", age: 47, lossPattern: "norwood", norwoodStage: "6", scars: ["strip"], goal: "full_shaved_look" };
    const quote = await quoteFor(request, answers);
    const { shots, email, url, token } = await sendRequest(page, "en", "patient-page-en", answers);

    // Copy link puts the address on the clipboard.
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.getByRole("button", { name: messages("en").lead.done.page.copy, exact: true }).click();
    await expect(page.getByText(messages("en").lead.done.page.copied)).toBeVisible();

    const [lead] = leadsByEmail(email);
    expect(lead).toBeDefined();
    // Only the hash of the link is stored.
    expect(patientAccessOf(lead!.id).tokenHashes).toContain(createHash("sha256").update(token).digest("hex"));

    // The device forgets everything; the link still opens the page, with the result exactly as shown.
    await context.clearCookies();
    await page.evaluate(() => localStorage.clear());
    const response = await page.goto(new URL(url).pathname);
    expect(response?.status()).toBe(200);
    const headers = response!.headers();
    expect(headers["cache-control"]).toContain("no-store");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["x-robots-tag"]).toContain("noindex");
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
    await expect(page.getByRole("heading", { level: 1, name: fill(t.heading, { firstName: "Robin" }) })).toBeVisible();
    await expect(page.getByText(lead!.reference!, { exact: true })).toBeVisible();
    const stage = page.getByRole("region", { name: t.stageHeading });
    await expect(stage.locator('[aria-current="step"]')).toContainText(t.steps.received);
    await expectResultMatches(page, quote);
    await expectNoAxeViolations(page, "patient page (en)");
    await shots.take("patient-page");
    expect(patientAccessOf(lead!.id).patientViews).toBeGreaterThanOrEqual(1);

    // No request left the app's origin while the page loaded.
    const foreign: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).origin !== new URL(page.url()).origin) foreign.push(r.url());
    });
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(foreign).toEqual([]);

    // Download my data: the stored row.
    const exported = await request.get(`/api/v1/my/${token}/export`);
    expect(exported.status()).toBe(200);
    expect(exported.headers()["content-disposition"]).toContain(`my-inquiry-${lead!.reference}.json`);
    const data = (await exported.json()) as { inquiry: { id: string; reference: string; contact: { email: string; firstName: string; lastName: string }; answers: unknown } };
    expect(data.inquiry).toMatchObject({ id: lead!.id, reference: lead!.reference, contact: { email, firstName: "Robin", lastName: "Okafor" } });
    expect(data.inquiry.answers).toEqual(JSON.parse(lead!.answers));

    // Erase: a wrong word is refused on the page; ERASE erases.
    const field = page.getByRole("textbox", { name: t.erase.label });
    await field.fill("erase");
    await page.getByRole("button", { name: t.erase.submit, exact: true }).click();
    await expect(page.locator("#erase-error")).toHaveText(t.erase.wrong);
    await expect(field).toBeFocused();
    await expectNoAxeViolations(page, "erase refused");
    await field.fill("ERASE");
    await page.getByRole("button", { name: t.erase.submit, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.erased.title })).toBeVisible();
    await expectNoAxeViolations(page, "erased");
    await shots.take("erased");

    // Gone everywhere: the page, the API, the download; one audit row by the patient.
    expect(leadsByEmail(email)).toHaveLength(0);
    const again = await page.goto(new URL(url).pathname);
    expect(again?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: t.notFound.title })).toBeVisible();
    await expectNoAxeViolations(page, "link that opens nothing");
    await shots.take("not-found");
    expect((await request.get(`/api/v1/my/${token}`)).status()).toBe(404);
    expect((await request.get(`/api/v1/my/${token}/export`)).status()).toBe(404);
    const stubs = erasureStubsOf(lead!.id);
    expect(stubs).toHaveLength(1);
    expect(stubs[0]!.actorId).toBeNull();
    expect(JSON.parse(stubs[0]!.data)).toMatchObject({ leadId: lead!.id, by: "patient" });
  });

  test("Spanish: the page opens in the inquiry's language, switches to English, and 'Lost your link?' answers every address alike", async ({ page, request }) => {
    const t = messages("es").patientPage;
    const answers: CandidacyAnswers = { ...base, sex: "male", age: 52, lossPattern: "norwood", norwoodStage: "6", goal: "full_shaved_look" };
    const quote = await quoteFor(request, answers, "es");
    const { shots, email, url } = await sendRequest(page, "es", "patient-page-es", answers);

    // An English browser still gets the Spanish page (the inquiry's language), named in the address.
    await page.context().clearCookies();
    await page.setExtraHTTPHeaders({ "accept-language": "en" });
    await page.goto(new URL(url).pathname);
    await expect(page).toHaveURL(/\?locale=es$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { level: 1, name: fill(t.heading, { firstName: "Robin" }) })).toBeVisible();
    await expectResultMatches(page, quote, "es");
    await expectNoAxeViolations(page, "patient page (es)");
    await shots.take("patient-page");

    await page.getByRole("navigation", { name: t.languageLabel }).getByRole("link", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1, name: fill(messages("en").patientPage.heading, { firstName: "Robin" }) })).toBeVisible();
    await expectNoAxeViolations(page, "patient page switched to English");

    // Lost your link? The known and an unknown address read the same answer.
    const lost = t.lostLink;
    const answersFor: string[] = [];
    for (const address of [email, `nobody.${randomUUID().slice(0, 8)}@example.net`]) {
      await page.goto("/my/link?locale=es");
      await expect(page.getByRole("heading", { level: 1, name: lost.title })).toBeVisible();
      await page.getByRole("textbox", { name: lost.emailLabel }).fill(address);
      await page.getByRole("button", { name: lost.submit, exact: true }).click();
      const status = page.getByRole("status").filter({ hasText: lost.sent });
      await expect(status).toBeVisible();
      answersFor.push((await status.textContent()) ?? "");
      await expectNoAxeViolations(page, "lost link answered");
    }
    expect(answersFor[0]).toBe(answersFor[1]);
    await shots.take("lost-link");
    const api = await Promise.all([email, "nobody@example.net"].map((address) => request.post("/api/v1/my/link", { data: { email: address } })));
    expect(api.map((r) => r.status())).toEqual([202, 202]);
    expect(await api[0]!.text()).toBe(await api[1]!.text());
  });
});
