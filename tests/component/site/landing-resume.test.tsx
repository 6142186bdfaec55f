/**
 * Issue 19: a returning visitor's landing page offers "Continue where you left off" and "Start
 * over" instead of "Start the check" when answers are kept on the device. The inline script runs
 * here on the same markup the page renders.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { ASSESSMENT_STORAGE_KEY } from "@/components/questionnaire/storage";
import { LANDING_RESUME_SCRIPT } from "@/components/site/landing-resume";

function landing(): { start: HTMLElement; resume: HTMLElement; restart: HTMLElement } {
  document.body.innerHTML = `
    <div data-landing-start=""><a href="/assessment">Start the check</a></div>
    <div data-landing-resume="" hidden>
      <a href="/assessment">Continue where you left off</a>
      <a href="/assessment" data-landing-restart="">Start over</a>
    </div>`;
  // The page's own inline script, run as the browser runs it.
  new Function(LANDING_RESUME_SCRIPT)();
  const get = (selector: string) => document.querySelector<HTMLElement>(selector) as HTMLElement;
  return { start: get("[data-landing-start]"), resume: get("[data-landing-resume]"), restart: get("[data-landing-restart]") };
}

const save = (record: Record<string, unknown>) => window.localStorage.setItem(ASSESSMENT_STORAGE_KEY, JSON.stringify(record));

describe("landing page for a returning visitor", () => {
  beforeEach(() => window.localStorage.clear());

  it("a first visit sees \"Start the check\"", () => {
    const page = landing();
    expect(page.start.hidden).toBe(false);
    expect(page.resume.hidden).toBe(true);
  });

  it("saved answers: continue where you left off, or start over (which deletes them)", () => {
    save({ savedAt: Date.now() - 60_000, stepId: "health", ludwigUnsure: false, answers: { sex: "female", age: 40 } });
    const page = landing();
    expect(page.start.hidden).toBe(true);
    expect(page.resume.hidden).toBe(false);
    page.restart.addEventListener("click", (event) => event.preventDefault());
    page.restart.click();
    expect(window.localStorage.getItem(ASSESSMENT_STORAGE_KEY)).toBeNull();
  });

  it("continuing keeps the answers", () => {
    save({ savedAt: Date.now(), stepId: "goal", ludwigUnsure: false, answers: { sex: "male" } });
    const page = landing();
    const next = page.resume.querySelector("a") as HTMLAnchorElement;
    next.addEventListener("click", (event) => event.preventDefault());
    next.click();
    expect(window.localStorage.getItem(ASSESSMENT_STORAGE_KEY)).not.toBeNull();
  });

  it.each([
    ["answers older than 7 days", { savedAt: Date.now() - 8 * 24 * 60 * 60 * 1000, stepId: "goal", answers: { sex: "male" } }],
    ["a request already sent (only its confirmation is kept)", { savedAt: Date.now(), stepId: "result", answers: {}, confirmation: { reference: "SMP-7KQ4-94", method: "sms" } }],
    ["nothing answered yet", { savedAt: Date.now(), stepId: "about", answers: {} }],
  ])("%s: \"Start the check\" as usual", (_name, record) => {
    save(record);
    const page = landing();
    expect(page.start.hidden).toBe(false);
    expect(page.resume.hidden).toBe(true);
  });

  it("unreadable storage leaves the page as sent", () => {
    window.localStorage.setItem(ASSESSMENT_STORAGE_KEY, "{not json");
    expect(landing().start.hidden).toBe(false);
  });
});
