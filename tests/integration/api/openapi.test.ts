/**
 * GET /api/v1/openapi.json: an OpenAPI 3.1 document built from the route wrapper's configs. Checked
 * for its structure (3.1 shape, every $ref resolves, path parameters declared), for coverage (every
 * route file under app/api/v1 and each of its methods is in it: it cannot drift), and against real
 * responses on both databases (the documented response schemas parse what the routes answer).
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

import { GET as getLead } from "@/app/api/v1/leads/[id]/route";
import { GET as listLeads, POST as postLead } from "@/app/api/v1/leads/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

import { apiErrorBodySchema } from "@/lib/http/errors";
import { HTTP_METHODS, type RouteHandler } from "@/lib/http/route";
import { createLeadResponseSchema, leadDetailResponseSchema, leadPageResponseSchema } from "@/lib/leads/lead-responses";
import { buildLeadBody } from "@/tests/support/lead-builders";
import { staffFixture } from "@/tests/support/staff-fixture";
import { BASE_URL, ctx, staffRequest } from "@/tests/support/staff-leads";
import { forEachProvider } from "@/tests/support/test-db";

type Json = Record<string, unknown>;
const API_DIR = path.resolve("app/api/v1");

function routeFiles(dir = API_DIR): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...routeFiles(full));
    else if (name === "route.ts") out.push(full);
  }
  return out.sort();
}

async function fetchDocument(): Promise<Json> {
  const response = await getOpenApi(new Request(`${BASE_URL}/api/v1/openapi.json`));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("application/json");
  return (await response.json()) as Json;
}

/** Resolves a local JSON pointer ("#/components/schemas/Error") in the document. */
function resolvePointer(doc: Json, ref: string): unknown {
  expect(ref.startsWith("#/"), ref).toBe(true);
  let node: unknown = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => collectRefs(item, out));
  else if (typeof node === "object" && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") out.push(value);
      else collectRefs(value, out);
    }
  }
  return out;
}

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document: info, paths, operations, responses, parameters, security", async () => {
    const doc = await fetchDocument();
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(isObject(doc.info) && typeof doc.info.title === "string" && typeof doc.info.version === "string").toBe(true);
    const schemes = ((doc.components as Json).securitySchemes ?? {}) as Json;
    expect(schemes.staffSession).toMatchObject({ type: "apiKey", in: "cookie" });

    const paths = doc.paths as Json;
    expect(Object.keys(paths).length).toBeGreaterThanOrEqual(5);
    const operationIds = new Set<string>();
    for (const [route, item] of Object.entries(paths)) {
      expect(route.startsWith("/api/v1/"), route).toBe(true);
      expect(isObject(item)).toBe(true);
      const templated = [...route.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item as Json)) {
        const where = `${method.toUpperCase()} ${route}`;
        expect(["get", "post", "put", "patch", "delete"], where).toContain(method);
        expect(isObject(op), where).toBe(true);
        const operation = op as Json;
        expect(typeof operation.operationId, where).toBe("string");
        expect(operationIds.has(operation.operationId as string), `duplicate operationId ${String(operation.operationId)}`).toBe(false);
        operationIds.add(operation.operationId as string);

        const responses = operation.responses as Json;
        expect(Object.keys(responses).some((status) => /^2\d\d$/.test(status)), where).toBe(true);
        for (const [status, response] of Object.entries(responses)) {
          expect(status, where).toMatch(/^[1-5]\d\d$/);
          expect(typeof (response as Json).description, `${where} ${status}`).toBe("string");
          const content = (response as Json).content as Json | undefined;
          if (content) for (const media of Object.values(content)) expect(isObject((media as Json).schema), `${where} ${status}`).toBe(true);
          if (/^[45]/.test(status)) expect(content?.["application/json"], `${where} ${status}`).toEqual({ schema: { $ref: "#/components/schemas/Error" } });
        }

        const parameters = (operation.parameters ?? []) as Json[];
        for (const parameter of parameters) {
          expect(typeof parameter.name, where).toBe("string");
          expect(["query", "path", "header", "cookie"], where).toContain(parameter.in);
          expect(isObject(parameter.schema), where).toBe(true);
        }
        const pathParams = parameters.filter((p) => p.in === "path").map((p) => p.name);
        expect(pathParams.sort(), where).toEqual([...templated].sort());
        for (const parameter of parameters.filter((p) => p.in === "path")) expect(parameter.required, where).toBe(true);

        if (operation.requestBody) {
          const content = (operation.requestBody as Json).content as Json;
          // A JSON body, or a file body (decision 018): every accepted type a binary string, nothing else.
          const binary = Object.values(content).every((media) => isObject(media) && isObject(media.schema) && (media.schema as Json).format === "binary");
          expect(isObject(content["application/json"]) || (binary && Object.keys(content).length > 0), where).toBe(true);
        }
        for (const requirement of (operation.security ?? []) as Json[]) {
          for (const name of Object.keys(requirement)) expect(Object.hasOwn(schemes, name), where).toBe(true);
        }
      }
    }
  });

  it("every $ref resolves", async () => {
    const doc = await fetchDocument();
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(resolvePointer(doc, ref), ref).toBeDefined();
  });

  it("documents every route file under app/api/v1 and each of its methods (cannot drift)", async () => {
    const doc = await fetchDocument();
    const paths = doc.paths as Record<string, Json>;
    const documented = new Set(Object.entries(paths).flatMap(([route, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${route}`)));
    const served = new Set<string>();
    for (const file of routeFiles()) {
      const mod = (await import(file)) as Record<string, Partial<RouteHandler>>;
      const handlers = HTTP_METHODS.filter((method) => mod[method]?.config !== undefined);
      expect(handlers.length, file).toBeGreaterThan(0);
      if (file.includes("[[...path]]")) continue; // the JSON 404 for unknown paths
      for (const method of handlers) {
        const handler = mod[method] as RouteHandler;
        expect(handler.path, file).toMatch(/^\/api\/v1\//);
        served.add(`${method} ${handler.path ?? ""}`);
      }
    }
    expect([...served].filter((entry) => !documented.has(entry))).toEqual([]);
    expect([...documented].filter((entry) => !served.has(entry))).toEqual([]);
  });

  it("takes the request schemas from the wrapper: the quote body, the inbox filters, the error body", async () => {
    const doc = await fetchDocument();
    const quote = ((doc.paths as Json)["/api/v1/quote"] as Json).post as Json;
    const body = (((quote.requestBody as Json).content as Json)["application/json"] as Json).schema as Json;
    expect(body).toMatchObject({ type: "object", additionalProperties: false });
    expect((body.properties as Json).age).toMatchObject({ type: "integer", minimum: 18, maximum: 100 });
    const list = ((doc.paths as Json)["/api/v1/leads"] as Json).get as Json;
    expect((list.parameters as Json[]).map((p) => p.name)).toEqual(expect.arrayContaining(["status", "q", "from", "to", "cursor", "limit"]));
    expect(list.security).toEqual([{ staffSession: [] }, { apiKey: ["leads:read"] }]);
    expect(quote.security).toEqual([]);
    const error = ((doc.components as Json).schemas as Json).Error as Json;
    expect(error).toMatchObject({ type: "object", required: ["error"] });
    expect(apiErrorBodySchema.safeParse({ error: { code: "NOT_FOUND", message: "x" } }).success).toBe(true);
  });
});

describe("examples", () => {
  it("every operation shows an example of its JSON request body and of each JSON success answer, valid against its schema (Ajv)", async () => {
    const doc = await fetchDocument();
    const id = "https://smp.invalid/examples.json";
    const ajv = new Ajv2020({ strict: true, strictTypes: false, allErrors: true });
    addFormats(ajv);
    ajv.addVocabulary(["openapi", "info", "jsonSchemaDialect", "servers", "tags", "paths", "components", "webhooks", "security", "externalDocs"]);
    ajv.addSchema(doc, id);
    const pointer = (...segments: string[]) => segments.map((s) => encodeURIComponent(s.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");
    const missing: string[] = [];
    const invalid: string[] = [];
    let checked = 0;
    for (const [route, operations] of Object.entries(doc.paths as Record<string, Json>)) {
      for (const [method, operation] of Object.entries(operations as Record<string, Json>)) {
        const media: { where: string; at: string[]; example: unknown }[] = [];
        const request = ((operation.requestBody as Json | undefined)?.content as Json | undefined)?.["application/json"] as Json | undefined;
        if (request) media.push({ where: "request", at: ["paths", route, method, "requestBody", "content", "application/json", "schema"], example: request.example });
        for (const [status, response] of Object.entries(operation.responses as Record<string, Json>)) {
          const json = (response.content as Json | undefined)?.["application/json"] as Json | undefined;
          if (Number(status) < 300 && json) media.push({ where: status, at: ["paths", route, method, "responses", status, "content", "application/json", "schema"], example: json.example });
        }
        for (const { where, at, example } of media) {
          const name = `${method.toUpperCase()} ${route} ${where}`;
          if (example === undefined) {
            missing.push(name);
            continue;
          }
          const validate = ajv.compile({ $ref: `${id}#/${pointer(...at)}` });
          checked++;
          if (!validate(example)) invalid.push(`${name}: ${ajv.errorsText(validate.errors)}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(invalid).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  });
});

forEachProvider("documented response schemas match real responses", (t) => {
  const fixture = staffFixture(t);

  it("inquiry created, listed and read parse with the documented schemas", async () => {
    const created = await postLead(
      new Request(`${BASE_URL}/api/v1/leads`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.200" }, body: JSON.stringify(buildLeadBody()) }),
    );
    expect(created.status).toBe(201);
    const { id } = createLeadResponseSchema.parse(await created.json());
    const list = await listLeads(staffRequest("/api/v1/leads?limit=5", fixture.admin.headers));
    expect(leadPageResponseSchema.parse(await list.json()).items.length).toBeGreaterThan(0);
    const detail = await getLead(staffRequest(`/api/v1/leads/${id}`, fixture.admin.headers), ctx(id));
    expect(leadDetailResponseSchema.parse(await detail.json()).id).toBe(id);
    const missing = await getLead(staffRequest("/api/v1/leads/nope", fixture.admin.headers), ctx("nope"));
    expect(missing.status).toBe(404);
    expect(apiErrorBodySchema.parse(await missing.json()).error.code).toBe("NOT_FOUND");
  });
});
