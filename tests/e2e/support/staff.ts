import { randomUUID } from "node:crypto";

import { expect, type APIRequestContext, type Page } from "@playwright/test";

import type { CandidacyAnswers } from "@/lib/candidacy/answers";
import type { CandidacyResult } from "@/lib/candidacy/result";

import type { StaffAccount } from "./credentials";

export interface CreatedLead {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  answers: CandidacyAnswers;
  result: CandidacyResult;
}

/** A valid US mobile-style number (exchange 200-899), random over 7 digits: two inquiries of a run practically never share one. */
function uniquePhone(): string {
  const n = Number.parseInt(randomUUID().replace(/-/g, "").slice(0, 12), 16);
  return `+1949${200 + (n % 700)}${String(Math.floor(n / 700) % 10_000).padStart(4, "0")}`;
}

/** A patient's inquiry through the public API (what the questionnaire sends), with a unique email. */
export async function createLeadViaApi(
  request: APIRequestContext,
  answers: CandidacyAnswers,
  firstName: string,
  lastName: string,
  /** The same email again makes a repeat inquiry (linked to the earlier one). */
  email: string = `e2e-${randomUUID()}@example.com`,
  /**
   * A phone of its own by default: the same phone also makes a repeat inquiry, and "Who to call
   * first" shows one row per person (lib/leads/same-person.ts), so one shared number would make every
   * inquiry of the run one person.
   */
  phone: string = uniquePhone(),
): Promise<CreatedLead> {
  const response = await request.post("/api/v1/leads", {
    data: {
      answers,
      contact: { firstName, lastName, email, phone, preferredContact: "sms", notes: "Evenings are best." },
      consent: { contactAccepted: true, privacyAccepted: true, textVersion: "consent-2026-11.en" },
      source: { utmSource: "e2e", utmMedium: "test", utmCampaign: "staff-spec" },
      idempotencyKey: randomUUID(),
      locale: "en",
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { id: string; result: CandidacyResult };
  return { id: body.id, email, firstName, lastName, answers, result: body.result };
}

let signIns = 0;

/**
 * A client address of its own for each sign-in (the e2e server trusts the loopback peer's
 * X-Forwarded-For: scripts/test/e2e-server.mjs): Better Auth allows 5 sign-ins a minute per address,
 * and the whole suite signs in more often than that. The process id keeps a restarted worker's
 * addresses apart from the last one's.
 */
function nextClientAddress(): string {
  signIns += 1;
  return `10.${process.pid % 250}.${Math.floor(signIns / 250) % 250}.${(signIns % 250) + 1}`;
}

/** Signs in through the sign-in page, arriving there the way staff do: by opening /staff. */
export async function signIn(page: Page, account: StaffAccount): Promise<void> {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": nextClientAddress() });
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/staff\/sign-in/);
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Inquiries" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(account.name);
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into rows of cells; a leading BOM is dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const src = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else {
      cell += ch;
    }
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A healthy scalp, Norwood 6, a shaved look: eligible (the specs' everyday inquiry). */
export const ELIGIBLE_ANSWERS: CandidacyAnswers = {
  sex: "male",
  age: 45,
  lossPattern: "norwood",
  norwoodStage: "6",
  goal: "full_shaved_look",
  scars: [],
  skinConditions: [],
  dermatologyClearance: false,
  chemotherapy: "none",
  healthScreen: [],
};
