/**
 * The one home of the HTTP security header policy (pure: no I/O, no "server-only", so next.config.ts
 * and proxy.ts import it too).
 *
 * - Pages (proxy.ts, per request): a strict Content-Security-Policy with a fresh nonce: scripts run
 *   only with the nonce ('strict-dynamic' lets Next's nonced bundles load their chunks); no
 *   'unsafe-inline' for scripts. Next.js reads the nonce from the request's CSP header and puts it
 *   on its own scripts; our one inline script (the questionnaire's resume script) reads it from
 *   `x-nonce` (NONCE_HEADER). Styles allow 'unsafe-inline': React `style` attributes and the resume
 *   script's <style> element need it, and injected CSS cannot run code.
 * - `frame-ancestors` is a parameter of the page policy: 'none' everywhere by default (with
 *   X-Frame-Options DENY for old browsers); a route that may be embedded passes its allowed origins
 *   and then gets no X-Frame-Options (it cannot express a list).
 * - API routes (JSON, CSV): nothing may run, load or frame them.
 * - On every response: nosniff, referrer policy, permissions policy, and Strict-Transport-Security
 *   in production (a development server on http must not pin the host).
 * proxy.ts applies `securityHeadersFor` to every request but the hashed build assets.
 */

export const NONCE_HEADER = "x-nonce";

/** HSTS: two years, subdomains included (the clinic's estimator lives on its own host or subdomain). */
export const HSTS_VALUE = "max-age=63072000; includeSubDomains";

/** `frame-ancestors` sources: ["'none'"] (default), or a list such as ["'self'", "https://clinic.example"]. */
export type FrameAncestors = readonly string[];
export const NO_FRAMING: FrameAncestors = ["'none'"];

export interface PagePolicyOptions {
  nonce: string;
  /** Development adds 'unsafe-eval' (React's dev tooling) and websocket connects (hot reload). */
  development?: boolean;
  frameAncestors?: FrameAncestors;
}

/** A fresh, unguessable nonce (128 random bits, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function frameAncestorsValue(frameAncestors: FrameAncestors): string {
  if (frameAncestors.length === 0) return "'none'";
  for (const source of frameAncestors) {
    // A header value must never be able to start a new directive or header.
    if (!/^[^\s;,]+$/.test(source)) throw new Error(`invalid frame-ancestors source: ${JSON.stringify(source)}`);
  }
  return frameAncestors.join(" ");
}

/** The Content-Security-Policy of an HTML page. */
export function pageContentSecurityPolicy({ nonce, development = false, frameAncestors = NO_FRAMING }: PagePolicyOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestorsValue(frameAncestors)}`,
  ].join("; ");
}

/** Headers proxy.ts sets on every page response (CSP with the nonce, framing). */
export function pageSecurityHeaders(options: PagePolicyOptions): Record<string, string> {
  const frameAncestors = options.frameAncestors ?? NO_FRAMING;
  const denyAll = frameAncestors.length === 0 || (frameAncestors.length === 1 && frameAncestors[0] === "'none'");
  return {
    "Content-Security-Policy": pageContentSecurityPolicy(options),
    ...(denyAll ? { "X-Frame-Options": "DENY" } : {}),
  };
}

/** For JSON, CSV and other non-HTML responses: nothing may run, load or frame them. */
export const NON_HTML_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Headers on every response. */
export function baseSecurityHeaders({ production, secureTransport = true }: { production: boolean; secureTransport?: boolean }): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    // Only over HTTPS (or a trusted proxy saying so: lib/http/edge-contract.ts): meaningless over plain HTTP.
    ...(production && secureTransport ? { "Strict-Transport-Security": HSTS_VALUE } : {}),
  };
}

/** Headers on API responses. */
export function apiSecurityHeaders(): Record<string, string> {
  return { "Content-Security-Policy": NON_HTML_CSP, "X-Frame-Options": "DENY" };
}

/** Cookies the app sets itself (language): Secure in production, never readable by scripts unless needed. */
export function appCookieSecurity({ production }: { production: boolean }): { secure: boolean; sameSite: "lax"; path: "/" } {
  return { secure: production, sameSite: "lax", path: "/" };
}

export interface RequestPolicyOptions {
  production: boolean;
  development: boolean;
  /** Who may frame this page (default: nobody). Ignored for API routes, which nobody may frame. */
  frameAncestors?: FrameAncestors;
  /** The request came over HTTPS (isSecureTransport); default true. HSTS is sent in production only then. */
  secureTransport?: boolean;
}

export interface RequestPolicy {
  /** Set for pages: the nonce the renderer must put on inline scripts. */
  nonce?: string;
  /** The response headers. */
  headers: Record<string, string>;
}

export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

/**
 * The patient's own page and its API (/my/<token>, /api/v1/my/...): health data behind a bearer
 * link. Never cached anywhere, never indexed, and the link never leaves in a Referer header (the
 * token is in the path). lib/patient-access/, docs/decisions/020-patient-page.md.
 */
export function isPatientPrivatePath(pathname: string): boolean {
  return pathname.startsWith("/my/") || pathname === "/my" || pathname.startsWith("/api/v1/my/");
}

export const PATIENT_PRIVATE_HEADERS: Readonly<Record<string, string>> = {
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex, nofollow",
};

/** The complete header set for one request to `pathname`. */
export function securityHeadersFor(pathname: string, options: RequestPolicyOptions): RequestPolicy {
  const policy = securityHeadersForPath(pathname, options);
  if (isPatientPrivatePath(pathname)) Object.assign(policy.headers, PATIENT_PRIVATE_HEADERS);
  return policy;
}

function securityHeadersForPath(pathname: string, options: RequestPolicyOptions): RequestPolicy {
  const base = baseSecurityHeaders({ production: options.production, secureTransport: options.secureTransport ?? true });
  if (isApiPath(pathname)) return { headers: { ...base, ...apiSecurityHeaders() } };
  const nonce = newNonce();
  return {
    nonce,
    headers: {
      ...base,
      ...pageSecurityHeaders({ nonce, development: options.development, frameAncestors: options.frameAncestors }),
    },
  };
}
