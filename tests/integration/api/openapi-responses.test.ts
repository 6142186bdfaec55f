/**
 * The proof's own proof: every route handler the integration tests call is checked against the
 * served OpenAPI document (tests/support/openapi-validation-setup.ts), so a response that breaks the
 * document fails the test that received it. Here a handler built like every route answers what the
 * document forbids (a wrong body, an undeclared status, a missing required header, a Content-Type not declared) and the call
 * throws; a real route's answer is checked and passes.
 */
import { GET as health } from "@/app/api/v1/health/route";
import { endpoint, json, route } from "@/lib/http/route";
import { takeViolations } from "@/tests/support/openapi-validator";

const BASE = "http://localhost:3000";

describe("every /api/v1 response of the integration tests is validated against the OpenAPI document", () => {
  afterEach(() => {
    takeViolations();
  });

  it("passes a real route's answer and counts it", async () => {
    const before = takeViolations().checked;
    const response = await health(new Request(`${BASE}/api/v1/health`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } }));
    expect(response.status).toBe(200);
    expect(takeViolations().checked).toBe(before + 1);
  });

  it("fails a body the document forbids, an undeclared status and a missing required header, a Content-Type not declared", async () => {
    const wrongBody = endpoint("/api/v1/health", { POST: route({ name: "health.echo" }, async () => json({ status: "fine", extra: 1 })) });
    await expect(wrongBody.POST(new Request(`${BASE}/api/v1/health`, { method: "POST" }))).rejects.toThrow(/violates the OpenAPI document[\s\S]*must be equal to constant/);
    const undeclared = endpoint("/api/v1/health", { POST: route({ name: "health.echo" }, async () => json({ status: "ok" }, { status: 418 })) });
    await expect(undeclared.POST(new Request(`${BASE}/api/v1/health`, { method: "POST" }))).rejects.toThrow(/status 418 is not declared/);
    const missingHeader = endpoint("/api/v1/quote", { POST: route({ name: "quote" }, async () => json({ error: { code: "RATE_LIMITED", message: "Wait." } }, { status: 503 })) });
    await expect(missingHeader.POST(new Request(`${BASE}/api/v1/quote`, { method: "POST" }))).rejects.toThrow(/required header Retry-After missing/);
    const wrongType = endpoint("/api/v1/health", { GET: route({ name: "health" }, async () => new Response("ok", { status: 200, headers: { "content-type": "text/plain" } })) });
    await expect(wrongType.GET(new Request(`${BASE}/api/v1/health`))).rejects.toThrow(/Content-Type text\/plain is not declared/);
    expect(takeViolations().violations).toHaveLength(4);
  });

  it("checks the wrapper's own answers too: a method the path lacks is 405 with the error body", async () => {
    const response = await health(new Request(`${BASE}/api/v1/health`));
    expect(response.status).toBe(200);
    const healthOnly = endpoint("/api/v1/health", { GET: route({ name: "health" }, async () => json({ status: "ok" })) });
    expect((await healthOnly.DELETE(new Request(`${BASE}/api/v1/health`, { method: "DELETE" }))).status).toBe(405);
    expect(takeViolations().violations).toEqual([]);
  });
});
