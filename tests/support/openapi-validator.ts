/**
 * Every response an integration test receives from an /api/v1 route is checked against the served
 * OpenAPI document (GET /api/v1/openapi.json) with Ajv (JSON Schema 2020-12, the dialect of OpenAPI
 * 3.1), a validator nobody here wrote. tests/support/openapi-validation-setup.ts puts this in front of
 * every handler the route wrapper builds (lib/http/route.ts: `route` and `endpoint`), so a test cannot
 * call a route around it. A response violates the document when its status is not declared for the
 * operation, its Content-Type is not one the status declares, a declared-empty answer has a body, a
 * required header is missing, or its JSON fails the declared schema. A violation throws at the call
 * (the test fails there) and is kept, so a test that swallowed the throw still fails (afterEach).
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

type Json = Record<string, unknown>;
type Handler = (request: Request, context?: never) => Promise<Response>;

const DOC_ID = "https://smp.invalid/api/v1/openapi.json";
const DOCUMENT_PATH = "/api/v1/openapi.json";

interface Loaded {
  doc: Json;
  ajv: Ajv2020;
}

let loaded: Promise<Loaded> | undefined;
const compiled = new Map<string, ValidateFunction>();
const violations: string[] = [];
let checkedCount = 0;

/** The document as served: the GET handler of app/api/v1/openapi.json (its own answer is not checked against itself). */
async function load(): Promise<Loaded> {
  const { GET } = await import("@/app/api/v1/openapi.json/route");
  const response = await GET(new Request(`http://localhost:3000${DOCUMENT_PATH}`));
  if (response.status !== 200) throw new Error(`openapi.json answered ${response.status}`);
  const doc = (await response.json()) as Json;
  // strict: an unknown keyword or format in a response schema is an error of the document, not ignored.
  const ajv = new Ajv2020({ strict: true, strictTypes: false, allErrors: true });
  addFormats(ajv);
  // The document's top level is not a schema; only fragments under paths are compiled.
  ajv.addVocabulary(["openapi", "info", "jsonSchemaDialect", "servers", "tags", "paths", "components", "webhooks", "security", "externalDocs"]);
  ajv.addSchema(doc, DOC_ID);
  return { doc, ajv };
}

const pointer = (...segments: string[]) => segments.map((s) => encodeURIComponent(s.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");

function validatorFor(ajv: Ajv2020, ref: string): ValidateFunction {
  let validate = compiled.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: `${DOC_ID}#/${ref}` });
    compiled.set(ref, validate);
  }
  return validate;
}

const mediaTypeOf = (header: string | null) => (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";

/** What is wrong with this response for `method path` (an empty list: it matches the document). */
export async function violationsOf(method: string, path: string, response: Response): Promise<string[]> {
  const { doc, ajv } = await (loaded ??= load());
  const where = `${method} ${path} -> ${response.status}`;
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const operation = paths[path]?.[method.toLowerCase()];
  const body = Buffer.from(await response.clone().arrayBuffer());
  const problems: string[] = [];

  if (!operation) {
    // A method the path does not implement (405, or OPTIONS 204), or a path no route serves (404): the info's rule.
    if (method === "OPTIONS" && response.status === 204) return body.length === 0 ? [] : [`${where}: OPTIONS has a body`];
    if (![404, 405].includes(response.status)) return [`${where}: an undocumented operation answered other than 404/405`];
    const validate = validatorFor(ajv, pointer("components", "schemas", "Error"));
    if (!validate(JSON.parse(body.toString("utf8")))) problems.push(`${where}: error body ${ajv.errorsText(validate.errors)}`);
    return problems;
  }
  const responses = operation.responses as Record<string, Json>;
  const declared = responses[String(response.status)];
  if (!declared) return [`${where}: status ${response.status} is not declared (declared: ${Object.keys(responses).join(", ")})`];

  for (const [name, header] of Object.entries((declared.headers ?? {}) as Record<string, Json>)) {
    if (header.required === true && !response.headers.has(name)) problems.push(`${where}: required header ${name} missing`);
  }
  const content = declared.content as Record<string, Json> | undefined;
  if (!content) {
    if (body.length > 0) problems.push(`${where}: declared without a body, answered ${body.length} bytes`);
    return problems;
  }
  const type = mediaTypeOf(response.headers.get("content-type"));
  if (!Object.hasOwn(content, type)) return [...problems, `${where}: Content-Type ${type || "(none)"} is not declared (declared: ${Object.keys(content).join(", ")})`];
  if (type === "application/json" || type.endsWith("+json")) {
    let data: unknown;
    try {
      data = JSON.parse(body.toString("utf8"));
    } catch {
      return [...problems, `${where}: the body is not JSON`];
    }
    const validate = validatorFor(ajv, pointer("paths", path, method.toLowerCase(), "responses", String(response.status), "content", type, "schema"));
    if (!validate(data)) problems.push(`${where}: ${ajv.errorsText(validate.errors, { separator: "; " })}`);
  }
  return problems;
}

/** Checks one response: throws (and keeps) the violations. */
export async function checkResponse(method: string, path: string, response: Response): Promise<void> {
  if (path === DOCUMENT_PATH) return;
  checkedCount += 1;
  const problems = await violationsOf(method, path, response);
  if (problems.length > 0) {
    violations.push(...problems);
    throw new Error(`The response violates the OpenAPI document (tests/support/openapi-validator.ts):\n${problems.join("\n")}`);
  }
}

/** The violations since the last call (the setup's afterEach fails on any), and how many responses were checked. */
export function takeViolations(): { violations: string[]; checked: number } {
  const out = { violations: violations.splice(0), checked: checkedCount };
  return out;
}

/** `route` of lib/http/route.ts, with every answer checked (the path is the one `endpoint` sets on the handler). */
export function checkedRoute<R extends (...args: never[]) => Handler & { config: unknown; path?: string }>(route: R): R {
  return ((...args: Parameters<R>) => {
    const inner = route(...args);
    const handler: Handler & { config: unknown; path?: string } = Object.assign(
      async (request: Request, context?: never): Promise<Response> => {
        const response = await inner(request, context);
        // `endpoint` sets the documented path on the handler it is given (this one).
        await checkResponse(request.method, handler.path ?? "/api/v1/{path}", response);
        return response;
      },
      { config: inner.config },
    );
    return handler;
  }) as R;
}

/** `endpoint` of lib/http/route.ts, with its own answers (405 for a method it lacks, OPTIONS) checked. */
export function checkedEndpoint<E extends (path: string, handlers: Record<string, unknown>) => Record<string, unknown>>(endpoint: E, methods: readonly string[]): E {
  return ((path: string, handlers: Record<string, unknown>) => {
    const out = endpoint(path, handlers);
    for (const method of [...methods, "OPTIONS"]) {
      if (handlers[method] !== undefined) continue;
      const inner = out[method] as Handler;
      out[method] = async (request: Request, context?: never) => {
        const response = await inner(request, context);
        await checkResponse(request.method, path, response);
        return response;
      };
    }
    return out;
  }) as E;
}
