import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
/**
 * The embed test's stand-in for the clinic's website (tests/e2e/embed.spec.ts): a second loopback
 * server. http://localhost:<port> is the allowed site (EMBED_ALLOWED_ORIGINS of the app under test);
 * the same server as http://127.0.0.1:<port> is another origin, not allowed.
 */
export const embedHostPort = Number(process.env.E2E_EMBED_HOST_PORT ?? port + 1);
export const embedAllowedOrigin = `http://localhost:${embedHostPort}`;
export const e2eDatabaseFile = "artifacts/e2e/smp-e2e.db";

// Debian's Chromium only: Playwright must never download a browser on these machines.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? "artifacts/playwright.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    {
      name: "phone",
      use: { ...devices["Desktop Chrome"], viewport: { width: 390, height: 844 }, isMobile: false, hasTouch: true, deviceScaleFactor: 2 },
    },
  ],
  webServer: {
    command: `node scripts/test/e2e-server.mjs ${port} ${embedAllowedOrigin}`,
    url: `http://127.0.0.1:${port}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
