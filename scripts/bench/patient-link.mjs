// The patient's own page for the `bundle` and `lighthouse` benches: a real inquiry sent to the
// bench's running server (POST /api/v1/leads, as the questionnaire sends it), whose answer carries
// the page's link (`access.url`, minted by lib/patient-access/tokens.ts; decision 020). The page is
// then measured as the patient opens it: the link as given, in the inquiry's language (English, the
// browser's and Node's default, so the page does not redirect to name its language).
import { randomUUID } from "node:crypto";

/** The inquiry the bench sends: a classic candidate, English, answers as the questionnaire sends them. */
export function patientLeadBody(idempotencyKey = randomUUID()) {
  return {
    answers: {
      sex: "male",
      age: 42,
      lossPattern: "norwood",
      norwoodStage: "6",
      goal: "full_shaved_look",
      scars: ["strip"],
      skinConditions: [],
      dermatologyClearance: false,
      chemotherapy: "none",
      healthScreen: [],
    },
    contact: { firstName: "Maria", lastName: "Garcia", email: "maria.garcia.bench@example.com", phone: "(714) 555-0100", preferredContact: "email" },
    consent: { contactAccepted: true, privacyAccepted: true, textVersion: "consent-2026-11" },
    idempotencyKey,
    locale: "en",
  };
}

/**
 * The page's path (`/my/<token>`) from the server's answer to POST /api/v1/leads, checked: a stored
 * inquiry (201 or the idempotent 200) whose link points at this server's /my/ page. Anything else
 * throws, naming the status and what was wrong, never the token.
 */
export function patientPagePath(status, body, baseUrl) {
  if (status !== 201 && status !== 200) throw new Error(`POST /api/v1/leads answered ${status}, not 201: no patient page to measure`);
  const raw = body?.access?.url;
  if (typeof raw !== "string") throw new Error("POST /api/v1/leads answered without access.url");
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error("access.url is not an absolute address");
  }
  if (url.origin !== new URL(baseUrl).origin) throw new Error(`access.url points at ${url.origin}, not the bench's server ${new URL(baseUrl).origin}`);
  if (!/^\/my\/[^/]+$/.test(url.pathname) || url.search !== "" || url.hash !== "") throw new Error("access.url is not a /my/<token> page");
  return url.pathname;
}

/** Sends the inquiry to the bench's server; resolves to the patient page's path, `/my/<token>`. */
export async function createPatientPage(baseUrl) {
  const response = await fetch(new URL("/api/v1/leads", baseUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(patientLeadBody()),
  });
  const body = await response.json().catch(() => null);
  return patientPagePath(response.status, body, baseUrl);
}
