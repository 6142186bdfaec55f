import "server-only";

import { z } from "zod";

import { apiErrorBodySchema } from "./errors";
import { formatBytes, MAX_BODY_BYTES } from "./json-body";
import { type BinaryBodySpec, bodySpecOf, HTTP_METHODS, type JsonBodySpec, type RouteConfig, type RouteHandler } from "./route";
import { UPLOAD_TYPE_NAMES } from "./sniff";

/**
 * The OpenAPI 3.1 document of /api/v1, built from the route wrapper's own configs: the zod schemas
 * that validate each request (zod 4's `z.toJSONSchema`, JSON Schema 2020-12, which OpenAPI 3.1
 * uses as is), the success responses each route declares, and the error responses that follow from
 * the config (auth -> 401/403, a schema -> 400, a body -> 413, ...). Nothing is written twice, so
 * the document cannot drift from what the server accepts. Served at GET /api/v1/openapi.json.
 */

type JsonSchema = Record<string, unknown>;
type RouteModule = Readonly<Record<string, unknown>>;

export const SESSION_COOKIE = "smp-staff.session_token";
const ERROR_REF = { $ref: "#/components/schemas/Error" };

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  return rest;
}

function errorResponse(description: string, headers?: Record<string, unknown>) {
  return { description, content: { "application/json": { schema: ERROR_REF } }, ...(headers ? { headers } : {}) };
}

const RETRY_AFTER = { "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer", minimum: 1 } } };

/** Object schema -> OpenAPI parameters (one per property). */
function parametersOf(schema: z.ZodType, where: "query" | "path"): Record<string, unknown>[] {
  const json = jsonSchema(schema, "input");
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.keys(properties).map((name) => {
    const { description, ...propertySchema } = properties[name] ?? {};
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      schema: propertySchema,
      ...(typeof description === "string" ? { description } : {}),
    };
  });
}

/** The request body: JSON with its schema, or a file (each accepted type, `format: binary`). */
function requestBodyOf(spec: JsonBodySpec | BinaryBodySpec): Record<string, unknown> {
  if (spec.kind === "json") return { required: true, content: { "application/json": { schema: jsonSchema(spec.schema, "input") } } };
  return {
    required: true,
    description:
      `The file itself as the raw body (not multipart), at most ${formatBytes(spec.maxBytes)}: ` +
      `${spec.types.map((t) => UPLOAD_TYPE_NAMES[t]).join(", ")}. Content-Type must name its type, and the bytes must be that kind of file.`,
    content: Object.fromEntries(spec.types.map((type) => [type, { schema: { type: "string", format: "binary" } }])),
  };
}

function operation(method: string, path: string, config: RouteConfig): Record<string, unknown> {
  const body = config.body ? bodySpecOf(config.body) : undefined;
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(config.responses ?? { 200: { description: "OK" } })) {
    const contentType = response.contentType ?? (response.schema ? "application/json" : undefined);
    responses[status] = {
      description: response.description,
      ...(contentType ? { content: { [contentType]: { schema: response.schema ? jsonSchema(response.schema, "output") : { type: contentType.includes("json") ? "object" : "string" } } } } : {}),
    };
  }
  if (body?.kind === "json" || config.query || config.params) {
    responses["400"] = errorResponse(`Malformed JSON or a schema violation${body?.kind === "binary" ? ", or an empty body" : ""}; \`fields\` names each offending field.`);
  }
  else if (body?.kind === "binary") responses["400"] = errorResponse("The body is empty.");
  if (config.auth) {
    responses["401"] = errorResponse(config.scope ? "Not signed in (no valid session cookie), or a wrong or revoked API key." : "Not signed in (no valid session cookie).");
    responses["403"] = errorResponse(
      `Signed in without the role (needs ${config.auth === "admin" ? "admin" : "front desk or admin"})${method === "GET" ? "" : ", or a request from another site's Origin"}` +
        (config.scope ? `, or an API key without the scope ${config.scope}.` : "; API keys cannot call it."),
    );
  }
  if (config.params) responses["404"] = errorResponse("No such resource.");
  if (method === "PATCH" || method === "PUT") responses["409"] = errorResponse("Conflict: changed by someone else since it was read (stale version).");
  if (body) {
    responses["408"] = errorResponse("The body took too long to arrive.");
    responses["413"] = errorResponse(`The body is over ${formatBytes(body.maxBytes ?? MAX_BODY_BYTES)}.`);
  }
  if (body?.kind === "binary") {
    responses["415"] = errorResponse("Content-Type is not an accepted type, or the bytes are not (or not only) a file of an accepted type (UNSUPPORTED_MEDIA_TYPE).");
  }
  if (config.before || config.scope) responses["429"] = errorResponse(config.scope && !config.before ? "Rate limited (the API key's own limit)." : "Rate limited.", RETRY_AFTER);
  responses["500"] = errorResponse("Unexpected failure (never for bad input).");
  responses["503"] = errorResponse("The database is down, locked or out of connections.", RETRY_AFTER);

  return {
    operationId: config.name,
    summary: config.summary ?? config.name,
    ...(config.auth ? { security: [{ staffSession: [] }] } : { security: [] }),
    // The API key scope that opens the operation to `Authorization: Bearer smp_...` (components.securitySchemes.apiKey).
    ...(config.scope ? { "x-api-key-scope": config.scope } : {}),
    ...(config.params || config.query
      ? { parameters: [...(config.params ? parametersOf(config.params, "path") : []), ...(config.query ? parametersOf(config.query, "query") : [])] }
      : {}),
    ...(body ? { requestBody: requestBodyOf(body) } : {}),
    responses,
  };
}

/** Every route handler (with its config and path) exported by these route modules. */
export function routeHandlersOf(modules: readonly RouteModule[]): { method: string; path: string; config: RouteConfig }[] {
  const out: { method: string; path: string; config: RouteConfig }[] = [];
  for (const mod of modules) {
    for (const method of HTTP_METHODS) {
      const handler = mod[method] as Partial<RouteHandler> | undefined;
      if (handler?.config && handler.path && !handler.path.includes("{path}")) out.push({ method, path: handler.path, config: handler.config });
    }
  }
  return out;
}

/** The document for these route modules (each `export const { GET, ... } = endpoint(...)`). */
export function buildOpenApiDocument(modules: readonly RouteModule[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { method, path, config } of routeHandlersOf(modules)) {
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = operation(method, path, config);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "SMP candidacy and quote estimator API",
      version,
      description:
        "The public JSON API (docs/api-v1.md). Unknown fields are rejected (400). Every error has the body " +
        "`{ error: { code, message, fields? } }`; an unknown /api/v1 path is 404 and a wrong method 405 (with Allow), " +
        "both with that body. Staff endpoints need the session cookie set by POST /api/auth/sign-in/email (Better Auth).",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    paths,
    components: {
      schemas: { Error: jsonSchema(apiErrorBodySchema, "output") },
      securitySchemes: {
        staffSession: {
          type: "apiKey",
          in: "cookie",
          name: SESSION_COOKIE,
          description:
            "Better Auth's session cookie, set by POST /api/auth/sign-in/email { email, password }. " +
            `In production it is named __Secure-${SESSION_COOKIE}. HttpOnly, SameSite=Lax, 8 hours, sliding.`,
        },
        apiKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "smp_...",
          description:
            "An API key an admin created (POST /api/v1/api-keys), as `Authorization: Bearer smp_...`. Each operation " +
            "lists the scope it needs (leads:read, leads:write, consultations:read, reports:read); 401 for a wrong or " +
            "revoked key, 403 for a missing scope, 429 past the key's own rate limit. Every call is audited as the key.",
        },
      },
    },
  };
}
