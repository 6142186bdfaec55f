import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";

/** Where every step's full-page screenshot goes (named in the README). */
export const SCREENSHOT_DIR = path.resolve("artifacts/screenshots");

/**
 * Numbered full-page screenshots of one flow: artifacts/screenshots/<flow>-<nn>-<step>.png,
 * so a folder listing reads as the patient's (or staff member's) path through the pages.
 */
export class StepShots {
  private count = 0;

  constructor(
    private readonly page: Page,
    private readonly flow: string,
    /**
     * Full page by default. The embed flow takes the viewport: Chromium's full-page capture does not
     * paint a cross-origin frame beyond the viewport (blank areas), and resizing for it can take the
     * frame's renderer down on a loaded machine.
     */
    private readonly fullPage: boolean = true,
  ) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  }

  async take(step: string): Promise<void> {
    this.count += 1;
    const file = `${this.flow}-${String(this.count).padStart(2, "0")}-${step}.png`;
    await this.page.screenshot({ path: path.join(SCREENSHOT_DIR, file), fullPage: this.fullPage, animations: "disabled" });
  }
}
