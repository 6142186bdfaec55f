/**
 * `reply(status, data)` of the route wrapper (lib/http/route.ts): the JSON answer is typed by the
 * schema the route declares for that status, so a handler that drifts from its OpenAPI declaration
 * does not compile (the `@ts-expect-error` lines fail `tsc` the day they stop being errors).
 */
import { z } from "zod";

import { endpoint, route } from "@/lib/http/route";

const itemSchema = z.object({ id: z.string(), count: z.number().int() });

const typed = endpoint("/api/v1/test-reply", {
  GET: route(
    { name: "test.reply", responses: { 200: { description: "An item.", schema: itemSchema }, 204: { description: "Nothing." } } },
    async ({ request, reply }) => {
      const mode = new URL(request.url).searchParams.get("mode");
      if (mode === "wrong-field") {
        // @ts-expect-error -- `count` must be a number: the declared schema says so.
        return reply(200, { id: "a", count: "one" });
      }
      if (mode === "extra-field") {
        // @ts-expect-error -- a field the declaration does not have.
        return reply(200, { id: "a", count: 1, secret: true });
      }
      if (mode === "undeclared-status") {
        // @ts-expect-error -- 201 is not a declared status.
        return reply(201, { id: "a", count: 1 });
      }
      if (mode === "no-schema") {
        // @ts-expect-error -- 204 declares no JSON body.
        return reply(204, { id: "a", count: 1 });
      }
      return reply(200, { id: "a", count: 1 }, { headers: { "X-Test": "1" } });
    },
  ),
});

describe("route reply", () => {
  it("answers the typed JSON with the status and headers given", async () => {
    const response = await typed.GET(new Request("http://localhost:3000/api/v1/test-reply"));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-test")).toBe("1");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(itemSchema.parse(await response.json())).toEqual({ id: "a", count: 1 });
  });
});
