// Lighthouse (mobile) with Debian's Chromium on the patient pages. Printed scores; goals:
// performance >= 95, accessibility 100, best practices >= 95. Run after `next build`.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { ensureChromium } from "./ensure-chromium.mjs";
import { serveBuild } from "./lib/serve-build.mjs";

const pages = (process.env.LIGHTHOUSE_PAGES ?? "/,/assessment,/assessment?demo-result=1").split(",");
const dir = mkdtempSync(path.join(os.tmpdir(), "smp-lh-"));
const server = await serveBuild({ databaseUrl: `file:${path.join(dir, "lh.db")}` });
const chrome = await chromeLauncher.launch({
  chromePath: ensureChromium(),
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const goals = { performance: 0.95, accessibility: 1, "best-practices": 0.95 };
try {
  console.log("page                               performance  accessibility  best-practices");
  for (const page of pages) {
    const result = await lighthouse(`${server.baseUrl}${page}`, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: Object.keys(goals),
      formFactor: "mobile",
    });
    const c = result.lhr.categories;
    const cell = (k) => `${Math.round(c[k].score * 100)}${c[k].score >= goals[k] ? "" : " (below goal)"}`.padEnd(15);
    console.log(`${page.padEnd(35)}${cell("performance")}${cell("accessibility")}${cell("best-practices")}`);
    for (const k of Object.keys(goals)) {
      if (c[k].score >= goals[k]) continue;
      for (const ref of c[k].auditRefs) {
        const audit = result.lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 0.9) console.log(`   ${k}: ${audit.id} ${audit.title}`);
      }
    }
  }
} finally {
  await chrome.kill();
  server.stop();
  rmSync(dir, { recursive: true, force: true });
}
