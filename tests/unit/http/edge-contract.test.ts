/**
 * The edges speak the contract (issue 23 item 5): a server action posted from another site answers the
 * contract's 403 body (not Next.js's HTTP 500), and HSTS is sent only over HTTPS or when a trusted
 * proxy says the request came over HTTPS.
 */
import { NextRequest } from "next/server";

import { resetEnvCache } from "@/lib/env";
import { isSecureTransport, TRANSPORT_HEADER } from "@/lib/http/edge-contract";
import { proxy } from "@/proxy";

const APP = "http://localhost:3000";

function post(origin: string | null, extra: Record<string, string> = {}): NextRequest {
  const headers: Record<string, string> = { "next-action": "7f00aa", "content-type": "text/plain;charset=UTF-8", ...extra };
  if (origin !== null) headers.origin = origin;
  return new NextRequest(`${APP}/staff/users`, { method: "POST", headers, body: "[]" });
}

describe("server actions from another site", () => {
  afterEach(() => {
    delete process.env.APP_URL;
    resetEnvCache();
  });

  it("a foreign or null Origin is the contract's 403 with the error body, never cached", async () => {
    process.env.APP_URL = APP;
    resetEnvCache();
    for (const origin of ["https://evil.example", "null", "http://localhost:3000.evil.example"]) {
      const response = proxy(post(origin));
      expect(response.status, origin).toBe(403);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("content-type")).toContain("application/json");
      expect(await response.json()).toEqual({ error: { code: "FORBIDDEN", message: "This request came from another website and was refused." } });
    }
  });

  it("the app's own origin, no Origin, and requests that are not server actions pass through", () => {
    process.env.APP_URL = APP;
    resetEnvCache();
    expect(proxy(post(APP)).status).toBe(200);
    expect(proxy(post(null)).status).toBe(200);
    const plainForm = new NextRequest(`${APP}/staff/users`, { method: "POST", headers: { origin: "https://evil.example" }, body: "a=1" });
    expect(proxy(plainForm).headers.get("content-type")).toBeNull();
  });
});

describe("HSTS only over HTTPS", () => {
  const env = process.env as Record<string, string | undefined>;
  const saved = { NODE_ENV: env.NODE_ENV, TRUSTED_PROXIES: env.TRUSTED_PROXIES };
  afterEach(() => {
    env.NODE_ENV = saved.NODE_ENV;
    if (saved.TRUSTED_PROXIES === undefined) delete env.TRUSTED_PROXIES;
    else env.TRUSTED_PROXIES = saved.TRUSTED_PROXIES;
    resetEnvCache();
  });

  const page = (url: string, headers: Record<string, string> = {}) => proxy(new NextRequest(url, { headers }));

  it("production over plain HTTP sends none, whatever X-Forwarded-Proto a client claims; over HTTPS it does", () => {
    env.NODE_ENV = "production";
    delete env.TRUSTED_PROXIES;
    resetEnvCache();
    expect(page("http://clinic.example/").headers.get("strict-transport-security")).toBeNull();
    expect(page("http://clinic.example/", { "x-forwarded-proto": "https" }).headers.get("strict-transport-security")).toBeNull();
    expect(page("https://clinic.example/").headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
  });

  it("behind a trusted proxy, its X-Forwarded-Proto decides", () => {
    env.NODE_ENV = "production";
    env.TRUSTED_PROXIES = "1";
    resetEnvCache();
    expect(page("http://clinic.example/", { "x-forwarded-proto": "https" }).headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(page("http://clinic.example/", { "x-forwarded-proto": "http" }).headers.get("strict-transport-security")).toBeNull();
    expect(isSecureTransport(new Request("http://x/", { headers: { "x-forwarded-proto": "http, https" } }), { kind: "hops", hops: 1 })).toBe(true);
    expect(isSecureTransport(new Request("http://x/", { headers: { "x-forwarded-proto": "https" } }), { kind: "none" })).toBe(false);
  });

  it("the server's stamp of the connection outranks the URL's scheme, which Next.js takes from a client's X-Forwarded-Proto", () => {
    const none = { kind: "none" } as const;
    expect(isSecureTransport(new Request("https://x/", { headers: { [TRANSPORT_HEADER]: "http" } }), none)).toBe(false);
    expect(isSecureTransport(new Request("http://x/", { headers: { [TRANSPORT_HEADER]: "https" } }), none)).toBe(true);
    expect(isSecureTransport(new Request("https://x/"), none)).toBe(true);
  });
});
