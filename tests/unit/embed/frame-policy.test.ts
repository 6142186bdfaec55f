import { embedFrameAncestors, isEmbedPage } from "@/lib/embed/frame-policy";
import { pageSecurityHeaders } from "@/lib/http/security-headers";
import { parseEnv } from "@/lib/env";

describe("who may frame the embed page", () => {
  const headersFor = (value: string | undefined) =>
    pageSecurityHeaders({ nonce: "n", frameAncestors: embedFrameAncestors(parseEnv({ EMBED_ALLOWED_ORIGINS: value }).EMBED_ALLOWED_ORIGINS) });

  it("is the app itself and the allowed sites, with no X-Frame-Options (it cannot list sites)", () => {
    const headers = headersFor("https://clinic.example, https://www.clinic.example/");
    expect(headers["Content-Security-Policy"]).toMatch(/(^|; )frame-ancestors 'self' https:\/\/clinic\.example https:\/\/www\.clinic\.example(;|$)/);
    expect(headers["X-Frame-Options"]).toBeUndefined();
  });

  it("is the app itself only when the setting is empty: every other site is refused", () => {
    for (const value of [undefined, "", " , "]) {
      expect(headersFor(value)["Content-Security-Policy"]).toMatch(/(^|; )frame-ancestors 'self'(;|$)/);
    }
  });

  it("applies to the embed page only", () => {
    expect(isEmbedPage("/embed/assessment")).toBe(true);
    expect(isEmbedPage("/embed/assessment/")).toBe(true);
    for (const path of ["/", "/assessment", "/embed.js", "/embed", "/embed/assessmentx", "/embed/other", "/staff/embed", "/api/v1/quote"]) {
      expect(isEmbedPage(path), path).toBe(false);
    }
  });
});
