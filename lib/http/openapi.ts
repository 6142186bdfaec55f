import "server-only";

import { z } from "zod";

import { LOCALES } from "@/lib/i18n/locales";
import { sessionCookieName } from "@/lib/staff/auth";

import { type ApiErrorCode, apiErrorBodySchema } from "./errors";
import { formatBytes, MAX_BODY_BYTES } from "./json-body";
import { type BinaryBodySpec, bodySpecOf, HTTP_METHODS, type JsonBodySpec, type RouteConfig, type RouteHandler, type RouteResponse } from "./route";
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

const ERROR_REF = { $ref: "#/components/schemas/Error" };

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  return rest;
}

/** An error response: the Error body, the code it carries (`x-error-code`; a domain's own codes are in the description), headers. */
function errorResponse(description: string, example: { code: ApiErrorCode; message: string }, headers?: Record<string, unknown>) {
  return { description, "x-error-code": example.code, content: { "application/json": { schema: ERROR_REF } }, ...(headers ? { headers } : {}) };
}

const RETRY_AFTER = { "Retry-After": { description: "Seconds to wait before trying again.", required: true, schema: { type: "integer", minimum: 1 } } };

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

/**
 * The language of the error messages (and of the quote's and the patient page's texts): `?locale=`
 * wins over Accept-Language (lib/http/route.ts, requestLocale). Every operation takes it: the route
 * wrapper hands a query schema that does not name `locale` the query without it (queryRecord).
 */
const LOCALE_QUERY = {
  name: "locale",
  in: "query",
  required: false,
  description: "The language of the messages (error messages included); wins over Accept-Language.",
  schema: { type: "string", enum: [...LOCALES] },
};
const ACCEPT_LANGUAGE = {
  name: "Accept-Language",
  in: "header",
  required: false,
  description: "The language of the messages when ?locale= is absent: the best supported one (q-values count), English by default.",
  schema: { type: "string" },
  example: "es-MX,es;q=0.9,en;q=0.5",
};

/** The request body: JSON with its schema, or a file (each accepted type, `format: binary`). */
function requestBodyOf(spec: JsonBodySpec | BinaryBodySpec, example: unknown): Record<string, unknown> {
  if (spec.kind === "json") {
    return { required: true, content: { "application/json": { schema: jsonSchema(spec.schema, "input"), ...(example !== undefined ? { example } : {}) } } };
  }
  return {
    required: true,
    description:
      `The file itself as the raw body (not multipart), at most ${formatBytes(spec.maxBytes)}: ` +
      `${spec.types.map((t) => UPLOAD_TYPE_NAMES[t]).join(", ")}. Content-Type must name its type, and the bytes must be that kind of file.`,
    content: Object.fromEntries(spec.types.map((type) => [type, { schema: { type: "string", format: "binary" } }])),
  };
}

/** A success response: its JSON schema (and example), another content type, or no body (204). */
function successResponse(response: RouteResponse): Record<string, unknown> {
  const declared = response.contentType ?? (response.schema ? "application/json" : undefined);
  if (!declared) return { description: response.description };
  const types: readonly string[] = typeof declared === "string" ? [declared] : declared;
  const mediaType = (type: string) => ({
    schema: response.schema ? jsonSchema(response.schema, "output") : type.includes("json") ? { type: "object" } : { type: "string", format: "binary" },
    ...(response.example !== undefined ? { example: response.example } : {}),
  });
  return {
    description: response.description,
    ...(response.headers ? { headers: response.headers } : {}),
    content: Object.fromEntries(types.map((type) => [type, mediaType(type)])),
  };
}

/**
 * Every status the operation can answer: its declared successes, the errors its handler declares
 * (`errors`: a domain's 404/409/422), and those that follow from the wrapper's config: a schema ->
 * 400, `auth` -> 401/403, path params -> 404, a body -> 408/413 (a file: 415), a rate limit or a
 * key's limit -> 429, the database -> 503; 431 (headers too large) and 500 always.
 */
function operation(method: string, config: RouteConfig): Record<string, unknown> {
  const body = config.body ? bodySpecOf(config.body) : undefined;
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(config.responses ?? { 200: { description: "OK" } })) responses[status] = successResponse(response);
  const declared = config.errors ?? {};
  const bad = declared[400];
  if (body?.kind === "json" || config.query || config.params || bad) {
    responses["400"] = errorResponse(
      `Malformed JSON or a schema violation${body?.kind === "binary" ? ", or an empty body" : ""}; \`fields\` names each offending field.${bad ? ` ${bad}` : ""}`,
      { code: "VALIDATION_FAILED", message: "Some fields are not valid." },
    );
  } else if (body?.kind === "binary") responses["400"] = errorResponse("The body is empty.", { code: "VALIDATION_FAILED", message: "The body is empty." });
  if (config.auth) {
    responses["401"] = errorResponse(config.scope ? "Not signed in (no valid session cookie), or a wrong or revoked API key." : "Not signed in (no valid session cookie).", {
      code: "UNAUTHENTICATED",
      message: "Please sign in.",
    });
    responses["403"] = errorResponse(
      `Signed in without the role (needs ${config.auth === "admin" ? "admin" : "front desk or admin"})${method === "GET" ? "" : ", or a request from another site's Origin"}` +
        (config.scope ? `, or an API key without the scope ${config.scope}.` : "; API keys cannot call it."),
      { code: "FORBIDDEN", message: "You do not have access to this." },
    );
  }
  if (config.params || declared[404]) responses["404"] = errorResponse(declared[404] ?? "No such resource.", { code: "NOT_FOUND", message: "Not found." });
  if (body) responses["408"] = errorResponse("The body took too long to arrive.", { code: "REQUEST_TIMEOUT", message: "The request took too long to arrive." });
  if (declared[409]) responses["409"] = errorResponse(declared[409], { code: "CONFLICT", message: "This was changed by someone else since you opened it." });
  if (body) responses["413"] = errorResponse(`The body is over ${formatBytes(body.maxBytes ?? MAX_BODY_BYTES)}.`, { code: "PAYLOAD_TOO_LARGE", message: "The request is too large." });
  if (body?.kind === "binary") {
    responses["415"] = errorResponse("Content-Type is not an accepted type, or the bytes are not (or not only) a file of an accepted type (UNSUPPORTED_MEDIA_TYPE).", {
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: "This kind of file is not accepted.",
    });
  }
  if (declared[422]) responses["422"] = errorResponse(declared[422], { code: "IMAGE_UNREADABLE", message: "This image could not be read." });
  if (config.before || config.scope) {
    responses["429"] = errorResponse(config.scope && !config.before ? "Rate limited (an API key's own limit)." : "Rate limited.", { code: "RATE_LIMITED", message: "Too many requests. Please wait a moment." }, RETRY_AFTER);
  }
  responses["431"] = errorResponse("The request's headers are too large (answered by the server before the route).", { code: "HEADERS_TOO_LARGE", message: "The request headers are too large." });
  responses["500"] = errorResponse("Unexpected failure (never for bad input).", { code: "INTERNAL", message: "Something went wrong on our side. Please try again." });
  if (config.database !== false) {
    responses["503"] = errorResponse("The database is down, locked or out of connections.", { code: "SERVICE_UNAVAILABLE", message: "The service is briefly unavailable." }, RETRY_AFTER);
  }

  const parameters = [
    ...(config.params ? parametersOf(config.params, "path") : []),
    ...(config.query ? parametersOf(config.query, "query") : []),
    ...(config.query && parametersOf(config.query, "query").some((p) => p.name === "locale") ? [] : [LOCALE_QUERY]),
    ACCEPT_LANGUAGE,
  ];
  return {
    operationId: config.name,
    summary: config.summary ?? config.name,
    description: config.description ?? config.summary ?? config.name,
    tags: [config.tag ?? tagOf(config.name)],
    // A staff operation: the session cookie with the role, or (when the route names a scope) an API key with that scope.
    security: config.auth ? [{ staffSession: [] }, ...(config.scope ? [{ apiKey: [config.scope] }] : [])] : [],
    ...(config.scope ? { "x-api-key-scope": config.scope } : {}),
    parameters,
    ...(body ? { requestBody: requestBodyOf(body, config.requestExample) } : {}),
    responses,
  };
}

/** "leads.assessment.confirm" -> "leads": the tag groups operations by their name's first part. */
function tagOf(name: string): string {
  return name.split(".")[0] ?? name;
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

export interface OpenApiOptions {
  version: string;
  /** The app's public origin (APP_URL): the `servers` entry. */
  serverUrl: string;
  /** Production names the session cookie with the `__Secure-` prefix (lib/staff/auth.ts). */
  production: boolean;
}

/** The document for these route modules (each `export const { GET, ... } = endpoint(...)`). */
export function buildOpenApiDocument(modules: readonly RouteModule[], versionOrOptions: OpenApiOptions | string): Record<string, unknown> {
  const options = typeof versionOrOptions === "string" ? { version: versionOrOptions, serverUrl: "http://localhost:3000", production: false } : versionOrOptions;
  const paths: Record<string, Record<string, unknown>> = {};
  const tags = new Set<string>();
  for (const { method, path, config } of routeHandlersOf(modules)) {
    paths[path] ??= {};
    const op = operation(method, config);
    for (const tag of op.tags as string[]) tags.add(tag);
    paths[path][method.toLowerCase()] = op;
  }
  const cookie = sessionCookieName(options.production);
  return {
    openapi: "3.1.0",
    info: {
      title: "SMP candidacy and quote estimator API",
      version: options.version,
      description:
        "The public JSON API (docs/api-v1.md). Unknown fields are rejected (400). Every error has the body " +
        "`{ error: { code, message, fields? } }`; an unknown /api/v1 path is 404 and a wrong method 405 (with Allow), " +
        "both with that body. Staff endpoints take the session cookie set by POST /api/auth/sign-in/email (Better Auth), " +
        "or an API key (`Authorization: Bearer smp_...`) where the operation names a scope. Every response of the " +
        "integration tests is validated against this document (tests/support/openapi-validator.ts).",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: options.serverUrl, description: "This installation (APP_URL)." }],
    tags: [...tags].sort().map((name) => ({ name, description: `The ${name} operations.` })),
    paths,
    components: {
      schemas: { Error: jsonSchema(apiErrorBodySchema, "output") },
      securitySchemes: {
        staffSession: {
          type: "apiKey",
          in: "cookie",
          name: cookie,
          description:
            "Better Auth's session cookie, set by POST /api/auth/sign-in/email { email, password }" +
            (options.production ? " (the __Secure- prefix: sent over HTTPS only)" : " (named __Secure-" + sessionCookieName(false) + " in production)") +
            ". HttpOnly, SameSite=Lax, 8 hours, sliding.",
        },
        apiKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "smp_...",
          description:
            "An API key an admin created (POST /api/v1/api-keys), as `Authorization: Bearer smp_...`. Each operation " +
            "lists the scope it needs in its security requirement (leads:read, leads:write, consultations:read, reports:read); 401 for a wrong or " +
            "revoked key, 403 for a missing scope, 429 past the key's own rate limit. Every call is audited as the key.",
        },
      },
    },
  };
}
