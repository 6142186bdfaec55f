import { newNonce, pageContentSecurityPolicy, securityHeadersFor } from "@/lib/http/security-headers";

const prod = { production: true, development: false };

describe("security headers (lib/http/security-headers.ts)", () => {
  it("pages: a strict CSP with a fresh nonce for scripts, no unsafe-inline for scripts, no framing", () => {
    const a = securityHeadersFor("/assessment", prod);
    const b = securityHeadersFor("/assessment", prod);
    expect(a.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(a.nonce).not.toBe(b.nonce);
    const csp = a.headers["Content-Security-Policy"]!;
    const script = csp.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(script).toBe(`script-src 'self' 'nonce-${a.nonce}' 'strict-dynamic'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(a.headers["X-Frame-Options"]).toBe("DENY");
    expect(a.headers["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(a.headers["X-Content-Type-Options"]).toBe("nosniff");
  });

  it("development: eval for React's tooling, no HSTS on a development host", () => {
    const dev = securityHeadersFor("/", { production: false, development: true });
    expect(dev.headers["Content-Security-Policy"]).toContain("'unsafe-eval'");
    expect(dev.headers["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeadersFor("/", prod).headers["Content-Security-Policy"]).not.toContain("unsafe-eval");
  });

  it("API routes: nothing may run or frame them; no nonce", () => {
    const api = securityHeadersFor("/api/v1/quote", prod);
    expect(api.nonce).toBeUndefined();
    expect(api.headers["Content-Security-Policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(api.headers["X-Frame-Options"]).toBe("DENY");
    expect(securityHeadersFor("/apiary", prod).nonce).toBeDefined();
  });

  it("frame-ancestors is a per-route parameter: a list replaces 'none' and drops X-Frame-Options", () => {
    const embed = securityHeadersFor("/embed/assessment", { ...prod, frameAncestors: ["https://clinic.example"] });
    expect(embed.headers["Content-Security-Policy"]).toContain("frame-ancestors https://clinic.example");
    expect(embed.headers["X-Frame-Options"]).toBeUndefined();
    expect(() => pageContentSecurityPolicy({ nonce: newNonce(), frameAncestors: ["https://a.example; script-src *"] })).toThrow(/frame-ancestors/);
  });
});
