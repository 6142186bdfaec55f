import { allowedParentOrigin, parseOrigin, parseOriginList } from "@/lib/embed/origins";
import { EnvError, parseEnv } from "@/lib/env";

describe("EMBED_ALLOWED_ORIGINS parsing", () => {
  it("keeps scheme, host and port in canonical form", () => {
    expect(parseOrigin("https://clinic.example")).toEqual({ ok: true, origin: "https://clinic.example" });
    expect(parseOrigin(" HTTPS://Clinic.Example:443/ ")).toEqual({ ok: true, origin: "https://clinic.example" });
    expect(parseOrigin("http://localhost:8080")).toEqual({ ok: true, origin: "http://localhost:8080" });
    expect(parseOrigin("https://www.clinic.example:8443")).toEqual({ ok: true, origin: "https://www.clinic.example:8443" });
  });

  it.each([
    ["https://clinic.example/smp", /has a path/],
    ["https://clinic.example//", /has a path/],
    ["https://*.clinic.example", /wildcard/],
    ["*", /wildcard/],
    ["https://clinic.example/?utm=1", /has a query/],
    ["https://clinic.example?", /has a query/],
    ["https://clinic.example/#top", /has a fragment/],
    ["https://user:pw@clinic.example", /user name or password/],
    ["ftp://clinic.example", /not http or https/],
    ["javascript:alert(1)", /not http or https/],
    ["clinic.example", /not a URL/],
    ["'self'", /not a URL/],
    ["null", /not a URL/],
  ])("refuses %s", (entry, why) => {
    const parsed = parseOrigin(entry);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problem).toMatch(why);
      expect(parsed.problem).toContain("https://clinic.example");
    }
  });

  it("parses a comma-separated list: blanks skipped, duplicates dropped, every bad entry named", () => {
    expect(parseOriginList(undefined)).toEqual({ ok: true, origins: [] });
    expect(parseOriginList(" , ")).toEqual({ ok: true, origins: [] });
    expect(parseOriginList("https://a.example, https://b.example:8443,https://A.example/")).toEqual({
      ok: true,
      origins: ["https://a.example", "https://b.example:8443"],
    });
    const bad = parseOriginList("https://a.example/x,https://ok.example,*.b.example");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems).toHaveLength(2);
  });

  it("is validated with the rest of the environment, naming the variable and the entry", () => {
    expect(parseEnv({}).EMBED_ALLOWED_ORIGINS).toEqual([]);
    expect(parseEnv({ EMBED_ALLOWED_ORIGINS: "https://clinic.example,https://www.clinic.example" }).EMBED_ALLOWED_ORIGINS).toEqual([
      "https://clinic.example",
      "https://www.clinic.example",
    ]);
    expect(() => parseEnv({ EMBED_ALLOWED_ORIGINS: "https://clinic.example/smp-page" })).toThrow(EnvError);
    expect(() => parseEnv({ EMBED_ALLOWED_ORIGINS: "https://clinic.example/smp-page" })).toThrow(
      /EMBED_ALLOWED_ORIGINS "https:\/\/clinic.example\/smp-page" has a path/,
    );
  });

  it("accepts a parent origin only when it is allowed or the app itself", () => {
    const allowed = ["https://clinic.example"];
    const app = "https://smp.app.example";
    expect(allowedParentOrigin("https://clinic.example", allowed, app)).toBe("https://clinic.example");
    expect(allowedParentOrigin("https://CLINIC.example:443", allowed, app)).toBe("https://clinic.example");
    expect(allowedParentOrigin(app, allowed, app)).toBe(app);
    expect(allowedParentOrigin("https://evil.example", allowed, app)).toBeNull();
    expect(allowedParentOrigin("http://clinic.example", allowed, app)).toBeNull();
    expect(allowedParentOrigin("https://clinic.example/page", allowed, app)).toBeNull();
    expect(allowedParentOrigin("*", allowed, app)).toBeNull();
    expect(allowedParentOrigin(undefined, allowed, app)).toBeNull();
    expect(allowedParentOrigin("https://clinic.example", [], app)).toBeNull();
  });
});
