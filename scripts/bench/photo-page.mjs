// Scalp photos through the running production server (issue 21 targets, decision 023), the two
// figures scripts/bench/photos.ts cannot give in-process:
// - 8 uploads at once: the server's memory growth. Eight 12-megapixel phone JPEGs (4032 x 3024,
//   sideways with EXIF, tests/support/photo-fixtures.ts) POSTed together to /api/v1/my/<token>/photos
//   (five to one inquiry, three to another: five is the most an inquiry takes); the RSS of the
//   server's whole process group (`next start` and its workers) sampled every 20 ms, peak minus
//   the figure just before. Goal <= 250 MB.
// - The staff inquiry page of the inquiry with 5 photos, opened by a signed-in front desk user in
//   Chromium (playwright-core, Debian's /usr/bin/chromium): the bytes of every image response the
//   page loads until a photo is opened (thumbnails; the full size is fetched only on a click),
//   at 1280 x 900 and at 390 x 844, scrolled to the bottom (every lazy thumbnail in view once).
//   Goal <= 250 KB.
// Printed figures (scripts/bench/figures.mjs), not assertions.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { chromium } from "playwright-core";

import { ensureChromium } from "../test/ensure-chromium.mjs";
import { serveBuild } from "../test/serve-build.mjs";
import { figure } from "./figures.mjs";
import { patientLeadBody } from "./patient-link.mjs";

const VIEWS = ["front", "top", "crown", "back", "scar"];
const FRONT_DESK = { email: "bench-front@clinic.test", password: "bench front desk lantern pebble", name: "Bench Frontdesk" };

const { phoneJpeg } = await import("../../tests/support/photo-fixtures.ts");
const dir = mkdtempSync(path.join(os.tmpdir(), "smp-photo-page-"));
const databaseUrl = `file:${path.join(dir, "photos.db")}`;
const server = await serveBuild({ databaseUrl, env: { LEADS_RATE_LIMIT_PER_MINUTE: "1000" } });

/** RSS in bytes of every process in the server's process group. */
function serverRss() {
  const out = execFileSync("ps", ["-o", "rss=", "-g", String(server.pid)], { encoding: "utf8" });
  return out
    .split("\n")
    .map((line) => Number(line.trim()))
    .filter((kb) => Number.isFinite(kb) && kb > 0)
    .reduce((sum, kb) => sum + kb * 1024, 0);
}

async function createInquiry() {
  const response = await fetch(new URL("/api/v1/leads", server.baseUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(patientLeadBody()),
  });
  const body = await response.json();
  if (response.status !== 201) throw new Error(`POST /api/v1/leads answered ${response.status}`);
  return { id: body.id, token: new URL(body.access.url).pathname.split("/").pop() };
}

async function upload(token, view, jpeg) {
  const response = await fetch(new URL(`/api/v1/my/${token}/photos?view=${view}`, server.baseUrl), {
    method: "POST",
    headers: { "content-type": "image/jpeg" },
    body: jpeg,
  });
  if (response.status !== 201) throw new Error(`photo upload answered ${response.status}`);
  return response.json();
}

let browser;
try {
  const created = spawnSync(
    "npm",
    ["run", "--silent", "user:create", "--", "--email", FRONT_DESK.email, "--password", FRONT_DESK.password, "--role", "front_desk", "--name", FRONT_DESK.name],
    { stdio: "inherit", env: { ...process.env, DATABASE_URL: databaseUrl } },
  );
  if (created.status !== 0) throw new Error("npm run user:create failed");

  const jpeg = await phoneJpeg({ width: 4032, height: 3024, orientation: 6 });
  console.log(`input: 4032 x 3024 JPEG, ${(jpeg.length / 1024).toFixed(0)} KB`);
  const page5 = await createInquiry();
  const other = await createInquiry();
  const warm = await createInquiry();
  await upload(warm.token, "front", jpeg); // the route compiled and sharp loaded before measuring

  // 8 at once: five to the page's inquiry, three to another.
  await new Promise((r) => setTimeout(r, 500));
  const before = serverRss();
  let peak = before;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, serverRss());
    } catch {
      // ps raced a worker's exit
    }
  }, 20);
  const start = performance.now();
  const stored = await Promise.all([...VIEWS.map((view) => upload(page5.token, view, jpeg)), ...VIEWS.slice(0, 3).map((view) => upload(other.token, view, jpeg))]);
  const wall = performance.now() - start;
  clearInterval(sampler);
  peak = Math.max(peak, serverRss());
  console.log(`8 uploads through the server: ${Math.round(wall)} ms wall; stored ${stored.map((s) => Math.round(s.bytes / 1024)).join(", ")} KB; server RSS before ${Math.round(before / 1048576)} MB, peak ${Math.round(peak / 1048576)} MB`);

  browser = await chromium.launch({ executablePath: ensureChromium(), args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
  const measure = async (viewport) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(new URL("/staff/sign-in", server.baseUrl).href);
    await page.getByLabel("Email", { exact: true }).fill(FRONT_DESK.email);
    await page.getByLabel("Password", { exact: true }).fill(FRONT_DESK.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Inquiries" }).waitFor();
    const images = [];
    page.on("response", async (response) => {
      if (!(response.headers()["content-type"] ?? "").startsWith("image/")) return;
      const body = await response.body().catch(() => Buffer.alloc(0));
      images.push({ url: new URL(response.url()).pathname + new URL(response.url()).search, bytes: body.length });
    });
    await page.goto(new URL(`/staff/leads/${page5.id}`, server.baseUrl).href, { waitUntil: "networkidle" });
    for (let y = 0; y < (await page.evaluate(() => document.body.scrollHeight)); y += viewport.height / 2) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.waitForTimeout(100);
    }
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(500);
    const photos = images.filter((i) => i.url.includes("/photos/"));
    const full = photos.filter((i) => i.url.includes("size=full")).length;
    await context.close();
    return { total: images.reduce((s, i) => s + i.bytes, 0), photos: photos.length, full, count: images.length };
  };
  for (const [label, viewport] of [
    ["1280 px", { width: 1280, height: 900 }],
    ["390 px", { width: 390, height: 844 }],
  ]) {
    const m = await measure(viewport);
    console.log(`inquiry page (${label}): ${m.count} image responses, ${m.photos} of them photos (${m.full} full size), ${(m.total / 1024).toFixed(1)} KB`);
    figure({ name: `inquiry page with 5 photos, images until one is opened (${label})`, value: Math.round(m.total / 1024), unit: "KB", goal: "<= 250" });
  }
  figure({ name: "8 uploads at once through the server: server memory growth (RSS)", value: Math.round((peak - before) / 1048576), unit: "MB", goal: "<= 250" });
} finally {
  await browser?.close();
  server.stop();
  rmSync(dir, { recursive: true, force: true });
}
