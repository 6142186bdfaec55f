import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * axe-core on the page as it is now (WCAG 2.0/2.1 A and AA). On failure the message lists each
 * rule id with its impact and the CSS targets of the offending nodes, so the fix can start at once.
 */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  // After a server action Next streams the page's metadata in a moment after the new content:
  // check the settled page (a page that never gets a title still fails here).
  await expect(page, `no document title on ${where}`).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const summary = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
  expect(summary, `axe violations on ${where}:\n${JSON.stringify(summary, null, 2)}`).toEqual([]);
  // Guard against a silent no-op (an empty page or a failed injection also has no violations).
  expect(results.passes.length, `axe checked nothing on ${where}`).toBeGreaterThan(10);
}
