/**
 * Which pages may be framed, and by whom: the one place proxy.ts asks. Pure (no "server-only", no
 * environment access): the proxy passes EMBED_ALLOWED_ORIGINS as lib/env.ts validated it.
 *
 * Only the embedded questionnaire may be framed: by the app itself (the admin's live preview on
 * /staff/embed) and by the clinic's sites. Every other page: nobody.
 */

export const EMBED_PAGE_PATH = "/embed/assessment";

export function isEmbedPage(pathname: string): boolean {
  return pathname === EMBED_PAGE_PATH || pathname === `${EMBED_PAGE_PATH}/`;
}

/** `frame-ancestors` sources for the embed page: 'self' and the allowed origins (already validated). */
export function embedFrameAncestors(allowedOrigins: readonly string[]): readonly string[] {
  return ["'self'", ...allowedOrigins];
}
