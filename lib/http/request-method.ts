/**
 * The HTTP method of the request a page is rendered for. Next.js gives a server component the
 * request's headers but not its method, so proxy.ts writes the method into this request header on
 * every page request, over whatever a client sent under that name: a client cannot choose it.
 *
 * Why a page needs it: Next.js renders a page for a POST only in answer to a form of that page (a
 * server action's own response carries the page rendered again, after the action revalidated it),
 * never when a person opens it (a link, a typed address, a reload or a redirect: GET).
 */
export const REQUEST_METHOD_HEADER = "x-smp-request-method";

/** True when the page is rendered in a form post's response (POST), not for someone opening it. */
export function isFormPostRender(requestHeaders: Headers): boolean {
  return requestHeaders.get(REQUEST_METHOD_HEADER) === "POST";
}
