import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/quote/route";
import { candidacyResultSchema } from "@/lib/candidacy";
import { DEFAULT_PRICE_TABLE } from "@/lib/pricing/price-table";
import { publishPriceTable } from "@/lib/pricing/price-table-store";
import { buildAnswers, validAnswersArb } from "@/tests/support/candidacy-builders";
import { forEachProvider } from "@/tests/support/test-db";

function quote(body: unknown, init: { raw?: string; headers?: Record<string, string>; query?: string } = {}) {
  const request = new Request(`http://localhost/api/v1/quote${init.query ?? ""}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...init.headers },
    body: init.raw ?? JSON.stringify(body),
  });
  return POST(request, undefined);
}

forEachProvider("POST /api/v1/quote", (t) => {
  beforeAll(() => {
    process.env.DATABASE_URL = t.url;
  });

  it("answers a healthy Norwood 6 patient with the benchmark row and the contract's shape", async () => {
    const response = await quote(buildAnswers());
    expect(response.status).toBe(200);
    const body: unknown = await response.json();
    const result = candidacyResultSchema.parse(body);
    expect(result.status).toBe("eligible");
    expect(result.flags.map((f) => f.code)).toEqual(["SHAVED_LOOK_CLASSIC_CASE"]);
    expect(result.price).toMatchObject({ minUsd: 5500, maxUsd: 5500, basis: "standard_nw6", estimate: false, tableVersion: 1 });
    expect(result.sessions).toEqual({ min: 1, max: 4, period: "first_year" });
    expect(result.expectations.map((e) => e.code)).toEqual(expect.arrayContaining(["PIGMENT_FADES", "BLUE_TONE_POSSIBLE", "PIGMENT_IN_LYMPH_NODES", "MAINTENANCE_NEEDED", "RESULTS_VARY"]));
    // Changed from "2026-12-1": issue 19's rules (decision 021).
    expect(result.rulesVersion).toBe("2026-12-2");
  });

  it("quotes Norwood 2-3 hairline work from its table row", async () => {
    const body = (await (await quote(buildAnswers({ norwoodStage: "3", goal: "hairline_or_crown", age: 45 }))).json()) as { price: unknown };
    expect(body.price).toMatchObject({ minUsd: 2000, maxUsd: 3500, basis: "norwood_2_3", estimate: false });
  });

  it("requires a dermatologist's clearance for active psoriasis", async () => {
    const response = await quote(buildAnswers({ skinConditions: ["psoriasis"] }));
    const result = candidacyResultSchema.parse(await response.json());
    expect(result.status).toBe("clearance_required");
    expect(result.flags[0]).toMatchObject({ code: "DERM_CLEARANCE_REQUIRED", severity: "blocker" });
  });

  it("speaks Spanish when asked, with the same codes", async () => {
    const en = candidacyResultSchema.parse(await (await quote(buildAnswers({ scars: ["strip"] }))).json());
    const es = candidacyResultSchema.parse(await (await quote(buildAnswers({ scars: ["strip"] }), { query: "?locale=es" })).json());
    expect(es.flags.map((f) => f.code)).toEqual(en.flags.map((f) => f.code));
    expect(es.flags[0]?.patientMessage).not.toBe(en.flags[0]?.patientMessage);
    const viaHeader = candidacyResultSchema.parse(
      await (await quote(buildAnswers({ scars: ["strip"] }), { headers: { "accept-language": "es-MX,es;q=0.9,en;q=0.5" } })).json(),
    );
    expect(viaHeader.flags[0]?.patientMessage).toBe(es.flags[0]?.patientMessage);
    // q-values count: English listed first but preferred less is not English (one parser, lib/i18n/locales.ts).
    const byQuality = candidacyResultSchema.parse(
      await (await quote(buildAnswers({ scars: ["strip"] }), { headers: { "accept-language": "en;q=0.1, es;q=0.9" } })).json(),
    );
    expect(byQuality.flags[0]?.patientMessage).toBe(es.flags[0]?.patientMessage);
  });

  it("gives a Norwood 6 shaved look its Spanish price label with ?locale=es (the exact row too)", async () => {
    const es = candidacyResultSchema.parse(await (await quote(buildAnswers(), { query: "?locale=es" })).json());
    expect(es.price).toMatchObject({ basis: "standard_nw6", minUsd: 5500, maxUsd: 5500 });
    expect(es.price.label).toBe("Procedimiento estándar (precio de referencia Norwood 6)");
    const en = candidacyResultSchema.parse(await (await quote(buildAnswers())).json());
    expect(en.price.label).toBe(DEFAULT_PRICE_TABLE.rows.standard_nw6.label);
  });

  it("answers a 400 in Spanish with ?locale=es or Accept-Language: es, English otherwise", async () => {
    type ErrorBody = { error: { code: string; message: string; fields: Record<string, string> } };
    const bad = { ...buildAnswers({ age: 17 }), result: { status: "eligible" } };
    const es = (await (await quote(bad, { query: "?locale=es" })).json()) as ErrorBody;
    expect(es.error.code).toBe("VALIDATION_FAILED");
    expect(es.error.message).toBe("Algunas respuestas necesitan otra revisión.");
    expect(es.error.fields.age).toMatch(/^La evaluación en línea es para adultos \(18 años o más\)/);
    expect(es.error.fields.result).toBe("Este campo no forma parte del formulario.");
    const viaHeader = (await (await quote(bad, { headers: { "accept-language": "es-US,es;q=0.9" } })).json()) as ErrorBody;
    expect(viaHeader.error.fields).toEqual(es.error.fields);
    const en = (await (await quote(bad)).json()) as ErrorBody;
    expect(en.error.message).toBe("Some answers need another look.");
    expect(en.error.fields.age).toMatch(/^The online assessment is for adults/);
    const malformed = (await (await quote(undefined, { raw: "{", query: "?locale=es" })).json()) as ErrorBody;
    expect(malformed.error).toMatchObject({ code: "MALFORMED_JSON", message: "El cuerpo de la solicitud no es un JSON válido." });
  });

  it("rejects under-18s with a field error", async () => {
    const response = await quote(buildAnswers({ age: 17 }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.fields.age).toMatch(/18/);
  });

  it("rejects unknown fields by name, including a forged result", async () => {
    const response = await quote({ ...buildAnswers(), result: { status: "eligible" } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { fields: Record<string, string> } };
    expect(Object.keys(body.error.fields)).toContain("result");
  });

  it("rejects a Norwood stage on a non-Norwood pattern at that field", async () => {
    const response = await quote({ ...buildAnswers({ lossPattern: "alopecia_totalis" }), norwoodStage: "3" });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { fields: Record<string, string> } };
    expect(body.error.fields).toHaveProperty("norwoodStage");
  });

  it("answers 400 for malformed JSON and an empty body, 413 over 32 KiB", async () => {
    const malformed = await quote(null, { raw: '{"sex": "male",' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe("MALFORMED_JSON");
    expect((await quote(null, { raw: "" })).status).toBe(400);
    const huge = await quote({ ...buildAnswers(), padding: "x".repeat(33 * 1024) });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("uses the active price table and reports its version", async () => {
    const rows = structuredClone(DEFAULT_PRICE_TABLE.rows);
    rows.standard_nw6 = { ...rows.standard_nw6, minUsd: 5800, maxUsd: 5800 };
    await publishPriceTable(t.db, rows, null, "test: benchmark price change");
    const result = candidacyResultSchema.parse(await (await quote(buildAnswers())).json());
    expect(result.price).toMatchObject({ minUsd: 5800, maxUsd: 5800, tableVersion: 2 });
  });

  it("never answers 500: any JSON body is a 200 or a 400 with the contract's error body", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(validAnswersArb.map((a): unknown => a), fc.jsonValue(), fc.record({ age: fc.anything() }, { requiredKeys: [] })),
        async (body) => {
          const response = await quote(body);
          expect([200, 400]).toContain(response.status);
          const json = (await response.json()) as Record<string, unknown>;
          if (response.status === 400) expect(json).toHaveProperty("error.code", "VALIDATION_FAILED");
          else candidacyResultSchema.parse(json);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("quote route without a database", () => {
  it("answers 503 with Retry-After when the store cannot be reached", async () => {
    process.env.DATABASE_URL = "postgresql://nobody@127.0.0.1:1/none";
    const response = await quote(buildAnswers());
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBeTruthy();
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("SERVICE_UNAVAILABLE");
  });
});
