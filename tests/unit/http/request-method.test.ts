import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";

import { isFormPostRender, REQUEST_METHOD_HEADER } from "@/lib/http/request-method";
import { proxy } from "@/proxy";

/** The request headers proxy.ts hands on to the page (Next.js carries them in x-middleware-request-*). */
function forwardedMethod(response: Response): string | null {
  return response.headers.get(`x-middleware-request-${REQUEST_METHOD_HEADER}`);
}

describe("the request method a page sees", () => {
  it("proxy.ts writes every page request's own method, over whatever the client sent under that name", () => {
    const opened = proxy(new NextRequest("http://localhost/staff/leads/abc", { headers: { [REQUEST_METHOD_HEADER]: "POST" } }));
    expect(forwardedMethod(opened)).toBe("GET");
    const saved = proxy(new NextRequest("http://localhost/staff/leads/abc", { method: "POST", headers: { [REQUEST_METHOD_HEADER]: "GET", "next-action": "x" } }));
    expect(forwardedMethod(saved)).toBe("POST");
  });

  it("only a POST is a form's response; a page with no stamp (no proxy in front) counts as opened", () => {
    expect(isFormPostRender(new Headers({ [REQUEST_METHOD_HEADER]: "POST" }))).toBe(true);
    expect(isFormPostRender(new Headers({ [REQUEST_METHOD_HEADER]: "GET" }))).toBe(false);
    expect(isFormPostRender(new Headers({ [REQUEST_METHOD_HEADER]: "HEAD" }))).toBe(false);
    expect(isFormPostRender(new Headers())).toBe(false);
  });
});
