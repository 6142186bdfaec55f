import type { CandidacyAnswers } from "@/lib/candidacy/answers";
import type { CandidacyResult } from "@/lib/candidacy/result";
import type { AppLocale } from "@/lib/i18n/locales";
import type { CreateLeadBody, LeadConsentInput, LeadContactInput, LeadSource } from "@/lib/leads/lead-input";

/** Where the patient came from: campaign tags on the page URL and the referring page. */
export function readLeadSource(location: Pick<Location, "search">, referrer: string): LeadSource | undefined {
  const params = new URLSearchParams(location.search);
  const source: LeadSource = {};
  const utmSource = params.get("utm_source")?.slice(0, 200);
  const utmMedium = params.get("utm_medium")?.slice(0, 200);
  const utmCampaign = params.get("utm_campaign")?.slice(0, 200);
  if (utmSource) source.utmSource = utmSource;
  if (utmMedium) source.utmMedium = utmMedium;
  if (utmCampaign) source.utmCampaign = utmCampaign;
  if (referrer) source.referrer = referrer.slice(0, 2000);
  return Object.keys(source).length > 0 ? source : undefined;
}

/**
 * A v4 UUID. crypto.randomUUID exists only in secure contexts (https, localhost); a clinic
 * testing over plain http on its LAN still gets a valid key from getRandomValues.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type LeadOutcome =
  | { kind: "created"; id: string; reference: string | null; result: CandidacyResult | undefined; accessUrl: string | null }
  | { kind: "invalid"; fields: Record<string, string> }
  | { kind: "rate_limited" }
  | { kind: "unavailable" }
  | { kind: "network" }
  | { kind: "failed" };

export interface LeadRequest {
  answers: CandidacyAnswers;
  contact: LeadContactInput;
  consent: LeadConsentInput;
  source: LeadSource | undefined;
  idempotencyKey: string;
  locale: AppLocale;
  honeypot: string;
}

export async function sendLead(request: LeadRequest, fetchImpl: typeof fetch = fetch): Promise<LeadOutcome> {
  const body: CreateLeadBody = {
    answers: request.answers,
    contact: request.contact,
    consent: request.consent,
    idempotencyKey: request.idempotencyKey,
    locale: request.locale,
    ...(request.source ? { source: request.source } : {}),
    // Only a bot fills the hidden field; sending it lets the server drop the lead quietly.
    ...(request.honeypot ? { website: request.honeypot } : {}),
  };
  let response: Response;
  try {
    response = await fetchImpl(`/api/v1/leads?locale=${encodeURIComponent(request.locale)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    return { kind: "network" };
  }
  if (response.status === 200 || response.status === 201) {
    const data = (await response.json().catch(() => null)) as { id?: unknown; reference?: unknown; result?: CandidacyResult; access?: { url?: unknown } } | null;
    return {
      kind: "created",
      id: typeof data?.id === "string" ? data.id : "",
      reference: typeof data?.reference === "string" ? data.reference : null,
      result: data?.result,
      // The patient's own page: shown on the confirmation, never stored on the device.
      accessUrl: typeof data?.access?.url === "string" ? data.access.url : null,
    };
  }
  if (response.status === 400) {
    const data = (await response.json().catch(() => null)) as { error?: { fields?: Record<string, string> } } | null;
    return { kind: "invalid", fields: data?.error?.fields ?? {} };
  }
  if (response.status === 429) return { kind: "rate_limited" };
  if (response.status === 503) return { kind: "unavailable" };
  return { kind: "failed" };
}

export type QuoteOutcome =
  | { kind: "ok"; result: CandidacyResult }
  | { kind: "invalid" }
  | { kind: "busy" }
  | { kind: "failed" };

function looksLikeResult(value: unknown): value is CandidacyResult {
  if (value === null || typeof value !== "object") return false;
  const candidate = value as Partial<CandidacyResult>;
  return (
    typeof candidate.status === "string" &&
    Array.isArray(candidate.flags) &&
    Array.isArray(candidate.expectations) &&
    typeof candidate.sessions === "object" &&
    typeof candidate.price === "object"
  );
}

/** POST /api/v1/quote: the server evaluates the answers against the active price table. */
export async function fetchQuote(
  answers: CandidacyAnswers,
  locale: string,
  signal?: AbortSignal,
  fetchImpl: typeof fetch = fetch,
): Promise<QuoteOutcome> {
  try {
    const response = await fetchImpl(`/api/v1/quote?locale=${encodeURIComponent(locale)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(answers),
      signal,
    });
    if (response.ok) {
      const data: unknown = await response.json();
      return looksLikeResult(data) ? { kind: "ok", result: data } : { kind: "failed" };
    }
    if (response.status === 400) return { kind: "invalid" };
    if (response.status === 429 || response.status === 503) return { kind: "busy" };
    return { kind: "failed" };
  } catch (error) {
    if (signal?.aborted) throw error;
    return { kind: "failed" };
  }
}
