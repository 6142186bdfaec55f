/**
 * Integration tests (vitest.config.ts, project "integration"): every /api/v1 route handler is built
 * by the checked `route` / `endpoint` of tests/support/openapi-validator.ts, so every response a
 * test receives is validated against the served OpenAPI document. A violation fails the test.
 */
import { afterEach, vi } from "vitest";

vi.mock("@/lib/http/route", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/http/route")>();
  const { checkedEndpoint, checkedRoute } = await import("./openapi-validator");
  return { ...actual, route: checkedRoute(actual.route), endpoint: checkedEndpoint(actual.endpoint, actual.HTTP_METHODS) };
});

afterEach(async () => {
  const { takeViolations } = await import("./openapi-validator");
  const { violations } = takeViolations();
  if (violations.length > 0) throw new Error(`Responses violated the OpenAPI document:\n${violations.join("\n")}`);
});
