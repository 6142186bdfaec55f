import { type NextRequest, NextResponse } from "next/server";

import { embedFrameAncestors, isEmbedPage } from "@/lib/embed/frame-policy";
import { appOrigin, envVar, getEnv } from "@/lib/env";
import { isForeignOriginOf, isSecureTransport } from "@/lib/http/edge-contract";
import { FOREIGN_ORIGIN_BODY } from "@/lib/http/foreign-origin";
import { REQUEST_METHOD_HEADER } from "@/lib/http/request-method";
import { type FrameAncestors, isPatientPrivatePath, NO_FRAMING, NONCE_HEADER, securityHeadersFor } from "@/lib/http/security-headers";
import { LOCALE_REQUEST_HEADER, isAppLocale } from "@/lib/i18n/locales";

/**
 * Next.js 16 proxy (formerly middleware): the security headers of lib/http/security-headers.ts on
 * every response but the hashed build assets. For pages, a fresh CSP nonce: the request carries the
 * policy to the renderer (Next.js takes the nonce from it for its own scripts; pages read
 * NONCE_HEADER for their inline scripts) and the response carries it to the browser. Pages also get
 * the request's method (lib/http/request-method.ts), which Next.js does not hand them.
 */

/**
 * Who may frame a page: nobody, except the embedded questionnaire, which the app itself (the staff
 * preview) and the clinic's sites in EMBED_ALLOWED_ORIGINS may frame (lib/embed/frame-policy.ts).
 */
function frameAncestorsFor(pathname: string): FrameAncestors {
  return isEmbedPage(pathname) ? embedFrameAncestors(envVar("EMBED_ALLOWED_ORIGINS")) : NO_FRAMING;
}

export function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  const nodeEnv = envVar("NODE_ENV");
  const policy = securityHeadersFor(pathname, {
    production: nodeEnv === "production",
    development: nodeEnv === "development",
    frameAncestors: frameAncestorsFor(pathname),
    secureTransport: isSecureTransport(request, envVar("TRUSTED_PROXIES")),
  });
  // A server action posted from another site (or with Origin "null"): Next.js would throw "Invalid
  // Server Actions request" (HTTP 500); answer the contract's 403 instead, before it runs.
  if (request.method === "POST" && request.headers.has("next-action") && isForeignOriginOf(request, appOrigin(getEnv()))) {
    const refused = NextResponse.json(FOREIGN_ORIGIN_BODY, { status: 403, headers: { "Cache-Control": "no-store" } });
    for (const [name, value] of Object.entries(securityHeadersFor("/api", { production: nodeEnv === "production", development: false, secureTransport: isSecureTransport(request, envVar("TRUSTED_PROXIES")) }).headers)) {
      refused.headers.set(name, value);
    }
    return refused;
  }
  let response: NextResponse;
  if (policy.nonce !== undefined) {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set(NONCE_HEADER, policy.nonce);
    requestHeaders.set("content-security-policy", policy.headers["Content-Security-Policy"]!);
    requestHeaders.set(REQUEST_METHOD_HEADER, request.method);
    // The embed tag's data-locale arrives as ?locale=: the whole frame (<html lang> included) uses it.
    requestHeaders.delete(LOCALE_REQUEST_HEADER);
    const locale = request.nextUrl.searchParams.get("locale");
    // The patient's own pages name theirs the same way (their inquiry's language, or the one picked).
    if ((isEmbedPage(pathname) || isPatientPrivatePath(pathname)) && isAppLocale(locale)) requestHeaders.set(LOCALE_REQUEST_HEADER, locale);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  } else {
    response = NextResponse.next();
  }
  for (const [name, value] of Object.entries(policy.headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but the content-hashed build assets and image optimisation; and not an upload to the
  // API. With a proxy in the way, Next.js reads the whole request body before the route runs (it
  // clones it for the proxy, silently cut at 10 MB: proxyClientMaxBodySize), so the route wrapper
  // could not answer 413 before a large upload has arrived. A request to /api/v1 whose Content-Type
  // is a file type the route wrapper accepts (lib/http/sniff.ts UPLOAD_TYPES, and the aliases
  // declaredMediaType folds) skips the proxy; the wrapper sets the API's security headers itself
  // (lib/http/route.ts). Literals only: Next.js reads this object without running it;
  // tests/unit/http/proxy-matcher.test.ts checks what it reads and what it matches.
  matcher: [
    "/((?!_next/static/|_next/image|api/v1/).*)",
    {
      source: "/api/v1/:path*",
      missing: [{ type: "header", key: "content-type", value: "(?:image/(?:jpeg|jpg|pjpeg|png|webp)|application/pdf)(?:[ \\t]*;.*)?" }],
    },
  ],
};
