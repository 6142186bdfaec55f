import "server-only";

import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";

import { Webhook } from "standardwebhooks";

import { ForbiddenAddressError, guardedLookup, hostOf, isNonPublicAddress, privateAddressesAllowed } from "./address";

/**
 * One Standard Webhooks delivery (https://www.standardwebhooks.com): POST the JSON body with
 * `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature` (`v1,<base64 HMAC-SHA256>`
 * of "<id>.<timestamp>.<body>" under the endpoint's whsec_ secret, signed by the `standardwebhooks`
 * library). Any 2xx is delivered. The address connected to is checked (lib/webhooks/address.ts);
 * redirects are not followed; the response body is never read into the log (it could echo data).
 */

export interface WebhookSendResult {
  ok: boolean;
  /** The HTTP status, or null when no answer came (refused address, timeout, connection error). */
  status: number | null;
  /** Why it failed (no response body). */
  error?: string;
}

export const WEBHOOK_TIMEOUT_MS = 10_000;

export function signedHeaders(secret: string, id: string, at: Date, body: string): Record<string, string> {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, at, body),
  };
}

export async function postSignedWebhook(
  endpoint: { url: string; secret: string },
  message: { id: string; at: Date; body: string },
  timeoutMs: number = WEBHOOK_TIMEOUT_MS,
): Promise<WebhookSendResult> {
  let url: URL;
  try {
    url = new URL(endpoint.url);
  } catch {
    return { ok: false, status: null, error: "the endpoint's URL is not valid" };
  }
  const host = hostOf(url);
  // A literal address is never looked up: check it here.
  if (isIP(host) && !privateAddressesAllowed() && isNonPublicAddress(host)) return { ok: false, status: null, error: new ForbiddenAddressError(host).message };

  const headers = {
    "content-type": "application/json",
    "user-agent": "smp-estimator-webhook/2",
    "content-length": String(Buffer.byteLength(message.body)),
    ...signedHeaders(endpoint.secret, message.id, message.at, message.body),
  };
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<WebhookSendResult>((resolve) => {
    let settled = false;
    const finish = (result: WebhookSendResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const req = send(url, { method: "POST", headers, lookup: guardedLookup, timeout: timeoutMs }, (response: IncomingMessage) => {
      response.resume();
      const status = response.statusCode ?? 0;
      const ok = status >= 200 && status <= 299;
      response.on("end", () => finish(ok ? { ok, status } : { ok, status, error: `answered HTTP ${status}` }));
      response.on("error", () => finish({ ok: false, status, error: "the answer broke off" }));
    });
    // The address actually connected to, checked again once the socket is up.
    req.on("socket", (socket) => {
      socket.once("connect", () => {
        const peer = socket.remoteAddress;
        if (peer && !privateAddressesAllowed() && isNonPublicAddress(peer)) req.destroy(new ForbiddenAddressError(peer));
      });
    });
    req.on("timeout", () => req.destroy(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })));
    req.on("error", (error: NodeJS.ErrnoException) => {
      const reason = error instanceof ForbiddenAddressError ? error.message : `request failed${error.code ? ` (${error.code})` : ""}`;
      finish({ ok: false, status: null, error: reason });
    });
    req.end(message.body);
  });
}
