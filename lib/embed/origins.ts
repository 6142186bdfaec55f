/**
 * The sites allowed to frame the estimator (`EMBED_ALLOWED_ORIGINS`): parsing and the checks both
 * the server (frame-ancestors, the frame's postMessage target) and the tests use. Pure: no I/O,
 * no environment access, safe on the client.
 *
 * An origin is exactly what a browser sends as `Origin` and compares in `frame-ancestors` and
 * `postMessage`: scheme, host and port. Anything else a person might paste (a path, a query, a
 * wildcard, user info) would be silently ignored or widened by a browser, so it is refused.
 */

export type OriginListResult = { ok: true; origins: string[] } | { ok: false; problems: string[] };

const ORIGIN_EXAMPLE = "https://clinic.example";

/** One entry to its canonical origin ("HTTPS://Clinic.Example:443/" -> "https://clinic.example"), or a reason. */
export function parseOrigin(entry: string): { ok: true; origin: string } | { ok: false; problem: string } {
  const text = entry.trim();
  const refuse = (why: string) => ({ ok: false as const, problem: `"${text}" ${why}; write an origin like ${ORIGIN_EXAMPLE}` });
  if (text.includes("*")) return refuse("has a wildcard (list each site)");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse("is not a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return refuse("is not http or https");
  if (url.username !== "" || url.password !== "") return refuse("has a user name or password");
  // new URL("https://a.example") has pathname "/": a trailing slash is the same origin.
  if (url.pathname !== "/") return refuse("has a path");
  if (url.search !== "" || text.includes("?")) return refuse("has a query");
  if (url.hash !== "" || text.includes("#")) return refuse("has a fragment");
  return { ok: true, origin: url.origin };
}

/** A comma-separated list; blank entries are skipped, duplicates dropped, every bad entry named. */
export function parseOriginList(value: string | undefined): OriginListResult {
  const origins: string[] = [];
  const problems: string[] = [];
  for (const entry of (value ?? "").split(",")) {
    if (entry.trim() === "") continue;
    const parsed = parseOrigin(entry);
    if (!parsed.ok) problems.push(parsed.problem);
    else if (!origins.includes(parsed.origin)) origins.push(parsed.origin);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, origins };
}

/**
 * The parent origin the frame may talk to: the origin the embed script says it runs on, only when
 * it is an allowed site or the app itself (the admin's live preview). Anything else: null, and the
 * frame posts nothing.
 */
export function allowedParentOrigin(claimed: string | undefined, allowed: readonly string[], appOrigin: string): string | null {
  if (claimed === undefined) return null;
  const parsed = parseOrigin(claimed);
  if (!parsed.ok) return null;
  return parsed.origin === appOrigin || allowed.includes(parsed.origin) ? parsed.origin : null;
}
