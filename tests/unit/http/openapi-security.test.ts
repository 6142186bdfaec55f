/** The OpenAPI document names the session cookie the way Better Auth sets it (lib/staff/auth.ts). */
import { buildOpenApiDocument } from "@/lib/http/openapi";

type Doc = { components: { securitySchemes: { staffSession: { name: string }; apiKey: { type: string; scheme: string } } }; servers: { url: string }[] };

describe("OpenAPI security schemes and servers", () => {
  it("names the production cookie with the __Secure- prefix, development's without, and the bearer key", () => {
    const production = buildOpenApiDocument([], { version: "t", serverUrl: "https://clinic.example", production: true }) as Doc;
    expect(production.components.securitySchemes.staffSession.name).toBe("__Secure-smp-staff.session_token");
    expect(production.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(production.servers).toEqual([{ url: "https://clinic.example", description: expect.any(String) }]);
    const development = buildOpenApiDocument([], { version: "t", serverUrl: "http://localhost:3000", production: false }) as Doc;
    expect(development.components.securitySchemes.staffSession.name).toBe("smp-staff.session_token");
  });
});
