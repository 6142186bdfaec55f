// First-load JavaScript of the questionnaire and of the patient's own page, gzipped, next to the
// same build's floor: the not-found page, which loads only Next.js's runtime and the root layout.
// Module scripts the HTML loads are counted; the `noModule` polyfill is left out (modern browsers
// never fetch it). Printed figures; the goals are <= 40 KB gzipped over the floor for the
// questionnaire (ratio <= 1.3), <= 30 KB for /my/<token> (issue 19), a real inquiry's page
// (scripts/bench/patient-link.mjs).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { serveBuild } from "../test/serve-build.mjs";
import { figure } from "./figures.mjs";
import { createPatientPage } from "./patient-link.mjs";

function scriptSources(html) {
  const sources = [];
  for (const match of html.matchAll(/<script\b([^>]*)>/gi)) {
    const attrs = match[1];
    if (/\bnomodule\b/i.test(attrs)) continue;
    const src = /\bsrc="([^"]+)"/i.exec(attrs)?.[1];
    if (src) sources.push(src.replace(/&amp;/g, "&"));
  }
  return [...new Set(sources)];
}

async function firstLoad(baseUrl, route, { label = route, redirect = "follow" } = {}) {
  const response = await fetch(new URL(route, baseUrl), { redirect });
  const html = await response.text();
  const scripts = scriptSources(html);
  let gzip = 0;
  let raw = 0;
  for (const src of scripts) {
    const body = Buffer.from(await (await fetch(new URL(src, baseUrl))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  // Inline flight data ships with the HTML; reported for completeness, not counted as JS.
  return { route: label, status: response.status, scripts: scripts.length, raw, gzip, html: gzipSync(Buffer.from(html)).length };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const dir = mkdtempSync(path.join(os.tmpdir(), "smp-bundle-"));
const server = await serveBuild({ databaseUrl: `file:${path.join(dir, "bench.db")}` });
try {
  const floor = await firstLoad(server.baseUrl, "/__floor-not-found");
  const pages = [
    floor,
    await firstLoad(server.baseUrl, "/"),
    await firstLoad(server.baseUrl, "/assessment"),
    await firstLoad(server.baseUrl, "/embed/assessment"),
    // The token is never printed: the row names the route. Not followed: a redirect would be
    // another page's JS.
    await firstLoad(server.baseUrl, await createPatientPage(server.baseUrl), { label: "/my/<token>", redirect: "manual" }),
  ];
  console.log("route                 status  scripts   raw JS      gzip JS    gzip HTML");
  for (const p of pages) {
    console.log(`${p.route.padEnd(22)}${String(p.status).padEnd(8)}${String(p.scripts).padEnd(9)}${kb(p.raw).padStart(10)}${kb(p.gzip).padStart(12)}${kb(p.html).padStart(12)}`);
  }
  const questionnaire = pages[2];
  const over = questionnaire.gzip - floor.gzip;
  const ratio = questionnaire.gzip / floor.gzip;
  console.log(`questionnaire adds ${kb(over)} gzipped over the floor (goal <= 40 KB): ${over <= 40 * 1024 ? "met" : "NOT met"}`);
  console.log(`ratio ${ratio.toFixed(2)} (goal <= 1.30): ${ratio <= 1.3 ? "met" : "NOT met"}`);
  figure({ name: "/assessment first-load JS, gzip (baseline: the not-found floor)", value: questionnaire.gzip / 1024, unit: "KB", goal: "<= 1.3x", baseline: floor.gzip / 1024 });
  figure({ name: "/assessment first-load JS over the floor, gzip", value: over / 1024, unit: "KB", goal: "<= 40" });
  // The frame on the clinic's site must stay within the questionnaire's own budget.
  const embedded = pages[3];
  const embedOver = embedded.gzip - floor.gzip;
  figure({ name: "/embed/assessment first-load JS over the floor, gzip", value: embedOver / 1024, unit: "KB", goal: "<= 40" });
  console.log(`embedded questionnaire adds ${kb(embedOver)} gzipped over the floor (goal <= 40 KB, like /assessment): ${embedOver <= 40 * 1024 ? "met" : "NOT met"}`);
  // The patient's own page (issue 19): the link as the patient opens it, answered 200 (not a
  // redirect, not the rate limit's notice), within 30 KB of the floor.
  const patientPage = pages[4];
  if (patientPage.status !== 200) console.log(`/my/<token> answered ${patientPage.status}, not 200: its first-load JS was not measured`);
  const patientOver = patientPage.status === 200 ? patientPage.gzip - floor.gzip : Number.NaN;
  figure({ name: "/my/<token> first-load JS over the floor, gzip", value: patientOver / 1024, unit: "KB", goal: "<= 30" });
  console.log(`patient page adds ${kb(patientOver)} gzipped over the floor (goal <= 30 KB): ${patientOver <= 30 * 1024 ? "met" : "NOT met"}`);
  // The script a clinic pastes into its own page (public/embed.js), as served.
  const embedScript = Buffer.from(await (await fetch(new URL("/embed.js", server.baseUrl))).arrayBuffer());
  const embedGzip = gzipSync(embedScript, { level: 9 }).length;
  figure({ name: "embed.js, gzip", value: embedGzip / 1024, unit: "KB", goal: "<= 4" });
  console.log(`embed.js: ${kb(embedScript.length)} raw, ${kb(embedGzip)} gzipped (${embedGzip} bytes; goal <= 4 KB): ${embedGzip <= 4096 ? "met" : "NOT met"}`);
} finally {
  server.stop();
  rmSync(dir, { recursive: true, force: true });
}
