/** Small HTTP helpers for the fault suites (loopback only). */
import { buildAnswers } from "@/tests/support/candidacy-builders";
import { buildLeadBody } from "@/tests/support/lead-builders";

export interface Answer {
  status: number;
  /** 0 when no answer came (connection refused or reset, timeout). */
  ms: number;
  retryAfter: string | null;
  body: unknown;
  /** Why no answer came (status 0). */
  error?: string;
}

export async function send(url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs ?? 20_000) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text (the assertions say what they expect)
    }
    return { status: res.status, ms: performance.now() - started, retryAfter: res.headers.get("retry-after"), body };
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return { status: 0, ms: performance.now() - started, retryAfter: null, body: null, error: `${(e as Error).name}: ${(e as Error).message}${cause ? ` (${cause.code ?? ""} ${cause.message ?? ""})` : ""}` };
  }
}

export const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

export const postLead = (baseUrl: string, body: unknown, headers: Record<string, string> = {}) => send(`${baseUrl}/api/v1/leads`, json(body, headers));
export const postQuote = (baseUrl: string) => send(`${baseUrl}/api/v1/quote`, json(buildAnswers()));
export const getHealth = (baseUrl: string) => send(`${baseUrl}/api/v1/health`);

/** A valid submission, remembered by its key so it can be re-sent after a fault. */
export function leadSubmission(): { key: string; body: ReturnType<typeof buildLeadBody> } {
  const body = buildLeadBody();
  return { key: body.idempotencyKey, body };
}

/** The contract's error body. */
export function isContractError(body: unknown): boolean {
  if (typeof body !== "object" || body === null) return false;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === "string" && typeof message === "string" && message.length > 0;
}

/** A 503 as the contract wants it: SERVICE_UNAVAILABLE body and a Retry-After in seconds. */
export function isContract503(a: Answer): boolean {
  return (
    a.status === 503 &&
    a.retryAfter !== null &&
    /^\d+$/.test(a.retryAfter) &&
    Number(a.retryAfter) > 0 &&
    isContractError(a.body) &&
    (a.body as { error: { code: string } }).error.code === "SERVICE_UNAVAILABLE"
  );
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
