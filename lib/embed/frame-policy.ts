import { parseOriginList } from "./origins";

/**
 * Which pages may be framed, and by whom: the one place proxy.ts asks. Pure (no "server-only", no
 * environment access) so the proxy and the tests share it.
 *
 * Only the embedded questionnaire may be framed: by the app itself (the admin's live preview on
 * /staff/embed) and by the sites in EMBED_ALLOWED_ORIGINS. Every other page: nobody.
 */

export const EMBED_PAGE_PATH = "/embed/assessment";

export function isEmbedPage(pathname: string): boolean {
  return pathname === EMBED_PAGE_PATH || pathname === `${EMBED_PAGE_PATH}/`;
}

let cache: { value: string | undefined; sources: readonly string[] } | undefined;

/**
 * `frame-ancestors` sources for the embed page. lib/env.ts refuses to start the app with a bad
 * EMBED_ALLOWED_ORIGINS; should one get here anyway, the list fails closed to the app itself.
 */
export function embedFrameAncestors(allowedOrigins: string | undefined): readonly string[] {
  if (cache !== undefined && cache.value === allowedOrigins) return cache.sources;
  const parsed = parseOriginList(allowedOrigins);
  const sources = ["'self'", ...(parsed.ok ? parsed.origins : [])];
  cache = { value: allowedOrigins, sources };
  return sources;
}
