import { randomUUID } from "node:crypto";
import http from "node:http";

import { expect, test, type FrameLocator, type Locator, type Page } from "@playwright/test";

import type { CandidacyAnswers } from "@/lib/candidacy/answers";
import { embedAllowedOrigin, embedHostPort } from "@/playwright.config";

import { expectNoAxeViolations } from "./support/a11y";
import { leadsByEmail } from "./support/db";
import { messages } from "./support/messages";
import { quoteFor, requestConsultation, stepHeading, walkToResult } from "./support/questionnaire";
import { StepShots } from "./support/screenshots";

/**
 * The questionnaire on the clinic's own website: a stand-in clinic page on a second loopback server
 * pastes the embed tag. From the allowed origin (localhost) a phone completes the questionnaire
 * inside the frame, which keeps its height on its content, moves focus without scrolling the page,
 * sends the page the two events and stores the page's campaign as the lead's source; axe (which
 * reaches into the frame) runs on every step. From an origin not on the list (127.0.0.1, same
 * server) the browser refuses the frame.
 */

const en = messages("en");
const blockedOrigin = `http://127.0.0.1:${embedHostPort}`;

function clinicPage(appOrigin: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Scalp micropigmentation | Sunrise Hair Clinic</title>
<style>body{margin:0;font-family:Georgia,serif;color:#222;background:#fff}header,main,footer{padding:16px}.intro{min-height:160px}</style>
</head>
<body>
<header><strong>Sunrise Hair Clinic</strong></header>
<main>
<h1>Scalp micropigmentation</h1>
<p class="intro">Answer a few questions to see whether SMP suits you and what it costs.</p>
<div id="smp-estimator"></div>
<script src="${appOrigin}/embed.js" data-target="#smp-estimator" data-locale="en" async></script>
<script>
window.smpEvents = [];
["smp:completed", "smp:consultation-requested"].forEach(function (name) {
  window.addEventListener(name, function (event) { window.smpEvents.push({ type: name, detail: event.detail }); });
});
</script>
</main>
<footer><p>Sunrise Hair Clinic, Irvine, California</p></footer>
</body>
</html>`;
}

let host: http.Server;

test.beforeAll(async ({ baseURL }) => {
  const appOrigin = new URL(baseURL!).origin;
  host = http.createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(clinicPage(appOrigin));
  });
  // 127.0.0.1 serves both origins: Chromium maps "localhost" to the loopback address itself.
  await new Promise<void>((resolve) => host.listen(embedHostPort, "127.0.0.1", resolve));
});

test.afterAll(async () => {
  await new Promise((resolve) => host.close(resolve));
});

const frameElement = (page: Page): Locator => page.locator("iframe[data-smp-embed-frame]");

/** The iframe's height is its content's height, and the frame has nothing to scroll. */
async function expectFrameFitsContent(page: Page, frame: FrameLocator): Promise<number> {
  let height = 0;
  await expect
    .poll(async () => {
      height = await frameElement(page).evaluate((el) => el.getBoundingClientRect().height);
      const content = await frame.locator("[data-embed-root]").evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
      const overflow = await frame.locator("html").evaluate((el) => el.scrollHeight - el.clientHeight);
      return { difference: Math.abs(height - content), overflow };
    })
    .toEqual({ difference: 0, overflow: 0 });
  return height;
}

const hostEvents = (page: Page) => page.evaluate(() => (window as unknown as { smpEvents: unknown[] }).smpEvents);

test("on the clinic's page: completed inside the frame on a phone, sized to its content, with the page's campaign and events", async ({ page, request }) => {
  const shots = new StepShots(page, "embed", false);
  const answers: CandidacyAnswers = {
    sex: "male",
    age: 44,
    lossPattern: "norwood",
    norwoodStage: "5",
    goal: "full_shaved_look",
    scars: ["fue"],
    skinConditions: [],
    dermatologyClearance: false,
    chemotherapy: "none",
    healthScreen: [],
  };
  const quote = await quoteFor(request, answers);

  await page.goto(`${embedAllowedOrigin}/smp?utm_source=newsletter&utm_medium=email&utm_campaign=december-smp`, {
    referer: "https://www.google.com/",
  });
  const frame = page.frameLocator("iframe[data-smp-embed-frame]");
  await expect(frameElement(page)).toHaveAttribute("title", "Scalp micropigmentation assessment");
  await expect(stepHeading(frame, "en", "about")).toBeVisible();
  const heights: Record<string, number> = { about: await expectFrameFitsContent(page, frame) };

  // Focus and scrolling, by keyboard (no test-driver scrolling): with the frame's top in view the
  // page stays put and focus moves to the new question inside the frame.
  await frame.getByRole("radio", { name: en.questionnaire.about.sex.male, exact: true }).check();
  await frame.getByLabel(en.questionnaire.about.ageLabel, { exact: true }).fill(String(answers.age));
  await page.evaluate(() => window.scrollTo(0, 0));
  await frame.getByLabel(en.questionnaire.about.ageLabel, { exact: true }).press("Enter");
  await expect(stepHeading(frame, "en", "pattern")).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  // Scrolled past the frame's top, the next question is brought into view (and nowhere else).
  await frame.getByRole("radio", { name: en.questionnaire.pattern.options.norwood.label, exact: true }).check();
  const frameTop = await frameElement(page).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  await page.evaluate((y) => window.scrollTo(0, y), frameTop + 200);
  await frame.getByRole("button", { name: en.questionnaire.next, exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(stepHeading(frame, "en", "norwood")).toBeFocused();
  await expect.poll(() => frameElement(page).evaluate((el) => Math.abs(Math.round(el.getBoundingClientRect().top)))).toBe(0);
  await expect(stepHeading(frame, "en", "norwood")).toBeInViewport();
  await frame.getByRole("button", { name: en.questionnaire.back, exact: true }).click();
  await frame.getByRole("button", { name: en.questionnaire.back, exact: true }).click();

  await walkToResult(page, answers, shots, {
    within: frame,
    onStep: async (step) => {
      heights[step] = await expectFrameFitsContent(page, frame);
    },
  });
  await expect(frame.locator("[data-status]")).toHaveAttribute("data-status", quote.status);
  heights.result = await expectFrameFitsContent(page, frame);
  // The frame followed the content: the short and the long steps have different heights.
  expect(new Set(Object.values(heights)).size, JSON.stringify(heights)).toBeGreaterThan(2);
  await expectNoAxeViolations(page, "embedded result");
  await shots.take("result");
  await expect.poll(() => hostEvents(page)).toEqual([{ type: "smp:completed", detail: { status: quote.status } }]);

  const email = `embed-${randomUUID()}@example.com`;
  await requestConsultation(page, { firstName: "Marco", lastName: "Ruiz", email, phone: "(714) 555-0142", preferred: "phone" }, shots, "en", frame);
  await expectFrameFitsContent(page, frame);
  await expect(frame.getByRole("link", { name: en.lead.done.home })).toHaveCount(0);
  const leads = leadsByEmail(email);
  expect(leads).toHaveLength(1);
  const [lead] = leads;
  expect(lead!.reference).toMatch(/^SMP-[A-Z0-9]{4}-\d{2}$/);
  expect(lead).toMatchObject({ utmSource: "newsletter", utmMedium: "email", utmCampaign: "december-smp", referrer: "https://www.google.com/" });
  await expect
    .poll(() => hostEvents(page))
    .toEqual([
      { type: "smp:completed", detail: { status: quote.status } },
      { type: "smp:consultation-requested", detail: { status: quote.status, reference: lead!.reference } },
    ]);
  await shots.take("sent");
});

test("a site not on EMBED_ALLOWED_ORIGINS cannot frame it; every other page refuses framing", async ({ page, request }) => {
  const embedResponse = page.waitForResponse((response) => new URL(response.url()).pathname === "/embed/assessment");
  await page.goto(`${blockedOrigin}/smp`);
  const csp = (await embedResponse).headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(new RegExp(`frame-ancestors 'self' ${embedAllowedOrigin.replace(/[.]/g, "\\.")}(;|$)`));
  // Chromium swaps a refused frame's document for its error page: no questionnaire, no messages.
  await expect
    .poll(() => page.frames().find((f) => f.parentFrame() === page.mainFrame())?.url())
    .toBe("chrome-error://chromewebdata/");
  await expect(page.frameLocator("iframe[data-smp-embed-frame]").getByRole("heading", { name: en.questionnaire.steps.about })).toHaveCount(0);
  await expect(frameElement(page)).toHaveCSS("height", "640px");

  for (const path of ["/", "/assessment", "/staff/sign-in"]) {
    const response = await request.get(path);
    expect(response.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(response.headers()["x-frame-options"], path).toBe("DENY");
  }
});
