import "server-only";

import { createHmac, timingSafeEqual } from "node:crypto";

import type { WebhookChannelConfig } from "@/lib/notifications/config";

export const SIGNATURE_HEADER = "X-SMP-Signature";
export const TIMESTAMP_HEADER = "X-SMP-Timestamp";
export const DELIVERY_HEADER = "X-SMP-Delivery";
export const EVENT_HEADER = "X-SMP-Event";

/** "sha256=<hex>" of HMAC-SHA256(secret, raw body bytes). */
export function signWebhookBody(secret: string, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody, "utf8").digest("hex")}`;
}

/** For receivers (and tests): constant-time check of the signature header against the raw body. */
export function verifyWebhookSignature(secret: string, rawBody: string, header: string | null | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signWebhookBody(secret, rawBody));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export class WebhookDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookDeliveryError";
  }
}

/**
 * POSTs the body, signed. Any 2xx is delivered; anything else (status, timeout, connection error)
 * throws and the outbox retries later. The response body is never read into errors (it could echo data).
 */
export async function sendWebhook(
  config: WebhookChannelConfig,
  rawBody: string,
  headers: { event: string; deliveryId: string; sentAt: Date },
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(config.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "smp-estimator-webhook/1",
        [EVENT_HEADER]: headers.event,
        [DELIVERY_HEADER]: headers.deliveryId,
        [TIMESTAMP_HEADER]: String(Math.floor(headers.sentAt.getTime() / 1000)),
        [SIGNATURE_HEADER]: signWebhookBody(config.secret, rawBody),
      },
      body: rawBody,
      redirect: "manual",
      signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    const code = typeof cause?.code === "string" ? ` (${cause.code})` : "";
    throw new WebhookDeliveryError(`webhook request failed: ${(error as Error).name}${code}`);
  }
  await response.body?.cancel().catch(() => undefined);
  if (response.status < 200 || response.status > 299) {
    throw new WebhookDeliveryError(`webhook answered HTTP ${response.status}`);
  }
}
