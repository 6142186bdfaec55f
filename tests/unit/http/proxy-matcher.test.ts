/**
 * proxy.ts's matcher: every request but the build assets goes through the proxy (security headers,
 * the page nonce), except an upload to the API, whose body the proxy would read whole before the route
 * runs (docs/decisions/018-uploads-and-erasure.md).
 */
import { readFileSync } from "node:fs";

import { extractExportedConstValue } from "next/dist/build/analysis/extract-const-value";
import { loadBindings, parse } from "next/dist/build/swc";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";

import { declaredMediaType, UPLOAD_TYPES } from "@/lib/http/sniff";
import { config } from "@/proxy";

const matches = (url: string, headers: Record<string, string> = {}) => unstable_doesMiddlewareMatch({ config, url, headers });

describe("proxy.ts matcher", () => {
  it("pages, the API and its JSON requests go through the proxy; the build assets do not", () => {
    expect(matches("/")).toBe(true);
    expect(matches("/assessment?step=2")).toBe(true);
    expect(matches("/staff/leads/abc")).toBe(true);
    expect(matches("/api/auth/sign-in/email", { "content-type": "application/json" })).toBe(true);
    expect(matches("/api/v1/leads", { "content-type": "application/json" })).toBe(true);
    expect(matches("/api/v1/quote", { "content-type": "text/plain" })).toBe(true);
    expect(matches("/api/v1/leads/abc")).toBe(true);
    expect(matches("/api/v1")).toBe(true);
    expect(matches("/_next/static/chunks/app.js")).toBe(false);
    expect(matches("/_next/image?url=x")).toBe(false);
  });

  it("an upload to /api/v1 (Content-Type of an accepted file type) skips it, for every type the wrapper accepts", () => {
    for (const type of UPLOAD_TYPES) {
      expect(matches("/api/v1/leads/abc/photos", { "content-type": type }), type).toBe(false);
      expect(matches("/api/v1/leads/abc/photos", { "content-type": `${type}; name=x` }), type).toBe(false);
    }
    for (const alias of ["image/jpg", "image/pjpeg"]) {
      expect(declaredMediaType(alias)).toBe("image/jpeg");
      expect(matches("/api/v1/x", { "content-type": alias })).toBe(false);
    }
  });

  it("only there: a page or another API with an upload's Content-Type still goes through it, as does any other type", () => {
    expect(matches("/assessment", { "content-type": "image/jpeg" })).toBe(true);
    expect(matches("/api/auth/sign-in/email", { "content-type": "image/png" })).toBe(true);
    for (const type of ["image/gif", "image/svg+xml", "text/html", "image/jpegx", "ximage/jpeg", "multipart/form-data; boundary=x"]) {
      expect(matches("/api/v1/leads/abc/photos", { "content-type": type }), type).toBe(true);
    }
  });

  it("is what Next.js reads from proxy.ts without running it (literals only, as the build extracts them)", async () => {
    await loadBindings();
    const ast = await parse(readFileSync("proxy.ts", "utf8"), { isModule: "unknown", filename: "proxy.ts" });
    expect(extractExportedConstValue(ast, "config")).toEqual({ value: config });
  });
});
