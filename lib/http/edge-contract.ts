import type { TrustedProxies } from "@/lib/env";

/**
 * What the edges of the app (proxy.ts, Better Auth's routes, the route wrapper) decide from a request
 * alone, so they answer in the contract's words (issue 23 item 5, docs/decisions/024-api-keys-and-webhooks.md).
 */

/** Written by the Node.js server below Next.js: "https" when the connection is TLS, else "http". */
export const TRANSPORT_HEADER = "x-smp-transport";

/**
 * Whether the request reached us over HTTPS: its own URL says so, or a trusted reverse proxy
 * (TRUSTED_PROXIES set) says so in X-Forwarded-Proto (the value the nearest proxy wrote, the last
 * one). HSTS is only sent then: over plain HTTP it means nothing, and a client's own header is not
 * believed unless a proxy is trusted.
 */
export function isSecureTransport(request: Request, trusted: TrustedProxies): boolean {
  // The server's own record of the connection (lib/http/node-server.ts writes it for every request,
  // over anything a client sent). Next.js builds request.url's scheme from a client's
  // X-Forwarded-Proto, so the URL is believed only where no server stamped the request (a handler
  // called directly, as in tests).
  const stamped = request.headers.get(TRANSPORT_HEADER);
  if (stamped === "https") return true;
  if (stamped === null && new URL(request.url).protocol === "https:") return true;
  if (trusted.kind === "none") return false;
  const forwarded = request.headers.get("x-forwarded-proto");
  return forwarded?.split(",").at(-1)?.trim().toLowerCase() === "https";
}

/**
 * A browser's request from another site: its Origin is neither the app's public origin nor the origin
 * the request was addressed to. No Origin (curl, server-to-server tools) is not foreign; "null" is.
 */
export function isForeignOriginOf(request: Request, appOrigin: string): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  return origin !== appOrigin && origin !== new URL(request.url).origin;
}
