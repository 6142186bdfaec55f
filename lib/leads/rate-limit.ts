import "server-only";

import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

import { getEnv } from "@/lib/env";
import { RateLimitedError } from "@/lib/errors";

/**
 * Per-IP limit on inquiry submissions: LEADS_RATE_LIMIT_PER_MINUTE (default 10) per rolling minute.
 * In memory, per server process: enough for one clinic's single instance; several instances would
 * each allow the limit (see docs/decisions/006-spam-protection.md).
 */

let current: { points: number; limiter: RateLimiterMemory } | undefined;

function limiter(): RateLimiterMemory {
  const points = getEnv().LEADS_RATE_LIMIT_PER_MINUTE;
  if (!current || current.points !== points) {
    current = { points, limiter: new RateLimiterMemory({ keyPrefix: "leads", points, duration: 60 }) };
  }
  return current.limiter;
}

/** Counts one submission for `ip`; throws RateLimitedError (with the seconds to wait) when over the limit. */
export async function consumeLeadSubmission(ip: string): Promise<void> {
  try {
    await limiter().consume(ip);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw new RateLimitedError(rejection.msBeforeNext / 1000);
    throw rejection;
  }
}

/**
 * The client's address: the first hop of X-Forwarded-For (set by the reverse proxy in front of the
 * app), else X-Real-IP, else "local" (direct connections in development and tests).
 */
export function clientIp(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  if (forwarded) return forwarded.slice(0, 100);
  const real = request.headers.get("x-real-ip")?.trim();
  if (real) return real.slice(0, 100);
  return "local";
}
