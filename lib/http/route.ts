import "server-only";

import { NextResponse } from "next/server";
import { z } from "zod";

import { authenticateApiKey } from "@/lib/api-keys/keys";
import type { ApiKeyScope } from "@/lib/api-keys/scopes";
import { withAuditContext } from "@/lib/audit/context";
import { recordAudit } from "@/lib/audit/record";
import { getDb, isDatabaseUnavailableError } from "@/lib/db/client";
import { appOrigin, envVar, getEnv } from "@/lib/env";
import { ForbiddenError, parseInput, UnauthenticatedError, UnavailableError } from "@/lib/errors";
import { localizeApiMessages } from "@/lib/i18n/api-messages";
import { consumeRateLimit } from "@/lib/leads/rate-limit";
import { type AppLocale, DEFAULT_LOCALE, isAppLocale, LOCALES, localeFromAcceptLanguage } from "@/lib/i18n/locales";
import { logger } from "@/lib/log/logger";
import { requireStaffApi, type StaffUser } from "@/lib/staff/require-staff";
import type { StaffRole } from "@/lib/staff/roles";
import { searchParamsRecord } from "@/lib/validation/search-params";

import { isForeignOriginOf, isSecureTransport } from "./edge-contract";
import { FOREIGN_ORIGIN_MESSAGE } from "./foreign-origin";
import { fitErrorBody, httpErrorOf, internalHttpError, type HttpError } from "./errors";
import { type BinaryBody, MAX_BODY_BYTES, readBinaryBody, readJsonBody } from "./json-body";
import { securityHeadersFor } from "./security-headers";
import type { UploadType } from "./sniff";

/**
 * THE way into the server over HTTP: every /api/v1 route file is
 *
 *   export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/leads/{id}", {
 *     PATCH: route({ name: "leads.patch", auth: "front_desk", params: leadIdParams, body: leadPatchSchema },
 *       async ({ user, params, body }) => json(await updateLead(getDb(), user.id, params.id, body))),
 *   });
 *
 * `route` checks the session and role (`auth`, 401/403 before anything else), runs `before` (e.g. a
 * rate limit, before the body is read), parses params, query and the JSON body (32 KiB cap) with the
 * given zod schemas (400 naming each field), or reads a binary body (an upload: `body: { kind:
 * "binary", maxBytes, types }`, 413 past the bound, 415 unless the declared AND the sniffed type are
 * accepted), calls the handler with typed values, and maps every
 * thrown domain error (lib/errors.ts) to the contract's error body. Anything else is logged by name
 * and code only (never the request: patient data) and answered 500 with the same body shape.
 * Error messages follow `?locale=` / Accept-Language (lib/i18n/api-messages.ts).
 * `endpoint` answers every method the file does not implement with 405 and an `Allow` header.
 * Hygiene (api-v1.md, "Error hygiene") lives here too: state-changing requests to `auth` routes
 * from a foreign Origin are 403, every string of params, query and body is checked for control
 * characters (400 naming the field), error bodies keep at most 20 fields and 8 KiB, and every
 * response without its own Cache-Control is `no-store`.
 * Handlers never call safeParse, readJsonBody or requireStaffApi themselves.
 * See docs/decisions/010-errors-and-actions.md.
 */

export const NO_STORE = "no-store";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** What Next.js passes as the second argument (params of dynamic segments, as a promise). */
export interface RouteContext {
  params?: Promise<Record<string, string | string[] | undefined>>;
}

/** A JSON body with its own size cap (`body: schema` is this with the contract's 32 KiB). */
export interface JsonBodySpec<S extends z.ZodType = z.ZodType> {
  kind: "json";
  schema: S;
  /** Default MAX_BODY_BYTES (32 KiB). */
  maxBytes?: number;
}

/**
 * A file sent as the raw request body (not multipart): the handler gets `{ bytes, type }`, `type`
 * being what the bytes are (lib/http/sniff.ts), one of `types`.
 */
export interface BinaryBodySpec<T extends UploadType = UploadType> {
  kind: "binary";
  /** 413 as soon as Content-Length declares more or the stream passes it (before the rest is read). */
  maxBytes: number;
  /** The accepted types: the declared Content-Type and the sniffed type must both be one of them (else 415). */
  types: readonly T[];
}

/** What a route reads as its body: a zod schema (JSON, 32 KiB), a JSON spec, or a binary spec. */
export type BodyConfig = z.ZodType | JsonBodySpec | BinaryBodySpec;

export interface RouteConfig<
  A extends StaffRole | undefined = StaffRole | undefined,
  B extends BodyConfig | undefined = BodyConfig | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  P extends z.ZodType | undefined = z.ZodType | undefined,
  R extends RouteResponses | undefined = RouteResponses | undefined,
> {
  /** Operation name: logs and the OpenAPI operationId ("leads.list"). */
  name: string;
  /** One line for the API description. */
  summary?: string;
  /** The least staff role allowed (admin includes front desk); omitted: public. */
  auth?: A;
  /**
   * The API key scope that opens this staff route to `Authorization: Bearer smp_...` (instead of a
   * session with the role). Omitted: no key may call it (403). Only with `auth`.
   */
  scope?: A extends StaffRole ? ApiKeyScope : never;
  /** Runs after the auth check and before the body is read (a rate limit costs no parsing). */
  before?: (request: Request) => Promise<void> | void;
  /**
   * The body: a zod schema of the JSON body (32 KiB), `{ kind: "json", schema, maxBytes }`, or
   * `{ kind: "binary", maxBytes, types }` for an upload; omitted: the body is not read.
   */
  body?: B;
  /** Schema of the query string (a record of the first value of each key). */
  query?: Q;
  /** Schema of the dynamic path segments. */
  params?: P;
  /**
   * The success responses, for the OpenAPI document (GET /api/v1/openapi.json): status ->
   * description and the zod schema of the JSON body (or another content type). The error responses
   * follow from the rest of the config and are documented automatically.
   */
  responses?: R;
  /**
   * The error statuses the handler's domain answers beyond those the config implies (a schema ->
   * 400, auth -> 401/403, params -> 404, a body -> 408/413/415, `before` or a scope -> 429, 431,
   * 500, 503): status -> when. The integration tests fail on any status a route answers undeclared.
   */
  errors?: Readonly<Partial<Record<400 | 404 | 409 | 422, string>>>;
  /** `false` for a route that never reads the database (no 503 in its document). */
  database?: false;
  /** Longer text for the document (default: the summary). */
  description?: string;
  /** The document's tag (default: the first part of `name`). */
  tag?: string;
  /** An example of the JSON request body (the document; Redocly checks it against the schema). */
  requestExample?: unknown;
}

export interface RouteResponse {
  description: string;
  /** The body's zod schema (JSON); omitted: no body, or a non-JSON body described by `contentType`. */
  schema?: z.ZodType;
  /** Default "application/json" when `schema` is given; several when the body is one of them (a document: JPEG or PDF). */
  contentType?: string | readonly string[];
  /** An example body (the document; Redocly checks it against the schema). */
  example?: unknown;
  /** Response headers as OpenAPI header objects (e.g. Content-Disposition of a download). */
  headers?: Readonly<Record<string, unknown>>;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type ParsedBody<B> = B extends z.ZodType
  ? z.output<B>
  : B extends JsonBodySpec<infer S>
    ? z.output<S>
    : B extends BinaryBodySpec<infer T>
      ? BinaryBody<T>
      : undefined;

export type RouteResponses = Readonly<Record<number, RouteResponse>>;

/** The statuses a route declares with a JSON schema, and the body each takes (its schema's input type). */
type JsonStatus<R> = { [K in keyof R]: R[K] extends { schema: z.ZodType } ? K : never }[keyof R] & number;
type JsonBodyOf<R, St> = St extends keyof R ? (R[St] extends { schema: infer S extends z.ZodType } ? z.input<S> : never) : never;

/**
 * `reply(status, data)`: a JSON answer typed by the schema the route declares for that status, so a
 * handler cannot answer a shape (or a status) its OpenAPI declaration does not have: it fails to compile.
 */
export type Reply<R> = <St extends JsonStatus<R>>(status: St, data: JsonBodyOf<R, St>, init?: Omit<ResponseInit, "status">) => NextResponse;

export interface RouteInput<A, B, Q, P, R = RouteResponses> {
  /** A JSON answer typed by the declared response schema of its status (prefer it to `json`). */
  reply: Reply<R>;
  request: Request;
  /** The signed-in staff member when `auth` is set. */
  user: A extends StaffRole ? StaffUser : undefined;
  body: ParsedBody<B>;
  query: Parsed<Q>;
  params: Parsed<P>;
}

export type RouteHandler = ((request: Request, context?: RouteContext) => Promise<Response>) & {
  /** The configuration this handler was built from (the OpenAPI document reads it). */
  readonly config: RouteConfig;
  /** The documented path ("/api/v1/leads/{id}"), set by `endpoint`. */
  path?: string;
};

/**
 * The route wrapper: every /api/v1 handler is one of these (the module comment has the full contract).
 *
 *   GET: route(
 *     { name: "leads.list", summary: "List inquiries (staff)", auth: "front_desk", query: leadListQuerySchema,
 *       responses: { 200: { description: "One page.", schema: leadPageResponseSchema } } },
 *     async ({ query }) => json(await listLeads(getDb(), query)),
 *   ),
 *
 * `auth` (least role), `before` (runs before the body is read), `params` / `query` / `body` (zod
 * schemas; the handler gets typed values) and `responses` (the OpenAPI document) are all optional.
 * Throw lib/errors.ts errors for failures; return `reply(status, data)` for success (typed by the
 * schema `responses` declares for that status), `json(data, { status })` where no schema applies.
 */
export function route<
  A extends StaffRole | undefined = undefined,
  const B extends BodyConfig | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  const R extends RouteResponses | undefined = undefined,
>(config: RouteConfig<A, B, Q, P, R>, handler: (input: RouteInput<A, B, Q, P, R>) => Promise<Response>): RouteHandler {
  const run = async (request: Request, context?: RouteContext): Promise<Response> => {
    let key: { id: string; user: StaffUser } | undefined;
    try {
      const bearer = config.auth ? bearerToken(request) : undefined;
      // A key is not ambient (a browser never sends it by itself), so the Origin check is for sessions.
      if (config.auth && bearer === undefined && STATE_CHANGING.has(request.method) && isForeignOrigin(request)) throw new ForbiddenError(FOREIGN_ORIGIN_MESSAGE, "foreign_origin");
      key = bearer !== undefined ? await requireApiKey(bearer, config.scope) : undefined;
      const user = key ? key.user : config.auth ? await requireStaffApi(request, config.auth) : undefined;
      if (config.before) await config.before(request);
      const params = config.params ? parseInput(config.params, (await context?.params) ?? {}) : undefined;
      const query = config.query ? parseInput(config.query, queryRecord(request, queryTakesLocale)) : undefined;
      const body = config.body ? await readBody(config.body, request) : undefined;
      const reply = (status: number, data: unknown, init: Omit<ResponseInit, "status"> = {}) => NextResponse.json(data, { ...init, status });
      const input = { request, user, body, query, params, reply } as unknown as RouteInput<A, B, Q, P, R>;
      // Every audit row the handler writes names the key (lib/audit/context.ts).
      const response = key ? await withAuditContext({ apiKeyId: key.id }, () => handler(input)) : await handler(input);
      if (!response.headers.has("cache-control")) response.headers.set("Cache-Control", NO_STORE);
      if (key) await auditApiCall(key.id, key.user.id, config.name, request.method, response.status);
      return withApiSecurityHeaders(response, request);
    } catch (error) {
      const response = errorResponse(mapError(config.name, error), requestLocale(request));
      if (key) await auditApiCall(key.id, key.user.id, config.name, request.method, response.status).catch(() => undefined);
      return withApiSecurityHeaders(response, request);
    }
  };
  const queryTakesLocale = config.query ? declaresQueryParameter(config.query, "locale") : false;
  const spec = config.body ? bodySpecOf(config.body) : undefined;
  if (spec?.kind === "binary" && !(spec.maxBytes > 0 && spec.maxBytes < PROXY_BODY_CLONE_LIMIT)) {
    throw new Error(`${config.name}: a binary body's maxBytes must be above 0 and under ${PROXY_BODY_CLONE_LIMIT} bytes (proxy.ts)`);
  }
  return Object.assign(run, { config: config as RouteConfig });
}

/**
 * Next.js cuts a request body it clones for the proxy at 10 MB (`proxyClientMaxBodySize`) without an
 * error. Uploads skip the proxy (proxy.ts), but one whose Content-Type the matcher does not recognise
 * (upper case, say) still goes through it, so a binary body's bound stays under that size: such a
 * request is then a 413, never a file cut short.
 */
export const PROXY_BODY_CLONE_LIMIT = 10 * 1024 * 1024;

/**
 * The API's security headers (lib/http/security-headers.ts) on every response of the wrapper, where
 * the response lacks them. proxy.ts sets the same ones, but uploads skip the proxy (its body clone
 * would read the whole upload before the route runs), so the wrapper does not rely on it.
 */
function withApiSecurityHeaders<R extends Response>(response: R, request?: Request): R {
  const secureTransport = request ? isSecureTransport(request, envVar("TRUSTED_PROXIES")) : true;
  const { headers } = securityHeadersFor("/api", { production: envVar("NODE_ENV") === "production", development: false, secureTransport });
  for (const [name, value] of Object.entries(headers)) if (!response.headers.has(name)) response.headers.set(name, value);
  return response;
}

/** The body as the config says: JSON parsed with its schema, or a checked binary body. */
async function readBody(body: BodyConfig, request: Request): Promise<unknown> {
  const spec = bodySpecOf(body);
  if (spec.kind === "binary") return readBinaryBody(request, spec);
  return parseInput(spec.schema, await readJsonBody(request, spec.maxBytes ?? MAX_BODY_BYTES));
}

/** A body config as its spec (`body: schema` is JSON with the contract's cap). */
export function bodySpecOf(body: BodyConfig): JsonBodySpec | BinaryBodySpec {
  return isBodySpec(body) ? body : { kind: "json", schema: body };
}

function isBodySpec(body: BodyConfig): body is JsonBodySpec | BinaryBodySpec {
  return !("_zod" in body) && "kind" in body && (body.kind === "json" || body.kind === "binary");
}

/** The token of `Authorization: Bearer <token>`, or undefined when the request has no bearer credentials. */
function bearerToken(request: Request): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(request.headers.get("authorization") ?? "");
  if (match) return match[1];
  return /^Bearer\b/i.test(request.headers.get("authorization") ?? "") ? "" : undefined;
}

export const API_KEY_INVALID_MESSAGE = "This API key is not valid or was revoked.";

/**
 * An API key's request (docs/decisions/024-api-keys-and-webhooks.md): 401 for a wrong or revoked key,
 * 403 when the route has no scope or the key lacks it, then the key's own rate limit (429). The
 * handler's `user` is the admin who issued the key, with the front desk's role (a key never holds
 * admin rights: the scope decides), and the audit rows carry the key's id.
 */
async function requireApiKey(token: string, scope: ApiKeyScope | undefined): Promise<{ id: string; user: StaffUser }> {
  const key = token === "" ? null : await authenticateApiKey(getDb(), token);
  if (!key) throw new UnauthenticatedError(API_KEY_INVALID_MESSAGE);
  if (!scope) throw new ForbiddenError("API keys cannot use this endpoint; sign in as staff.", "api_key_not_allowed");
  if (!key.scopes.includes(scope)) throw new ForbiddenError(`This API key lacks the scope ${scope}.`, "missing_scope");
  await consumeRateLimit("api_key", key.id);
  return { id: key.id, user: { id: key.createdById, name: `API key "${key.name}"`, email: "", role: "front_desk" } };
}

/** One audit row per call a key makes (what it called and the answer's status), besides the rows the domain writes. */
async function auditApiCall(apiKeyId: string, actorId: string, operation: string, method: string, status: number): Promise<void> {
  await withAuditContext({ apiKeyId }, () => recordAudit(getDb(), { actorId, type: "api_call", data: { operation, method, status } }));
}

const STATE_CHANGING: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export { FOREIGN_ORIGIN_MESSAGE } from "./foreign-origin";

/**
 * A browser's state-changing staff request from another site (CSRF): its `Origin` is neither the
 * app's public origin (APP_URL / BETTER_AUTH_URL) nor the origin the request was addressed to.
 * No Origin header (curl, server-to-server tools) is not foreign; "null" is.
 */
export function isForeignOrigin(request: Request): boolean {
  return isForeignOriginOf(request, appOrigin(getEnv()));
}

/** The ONE mapper from a thrown value to the contract's error (logging the unexpected ones). */
function mapError(name: string, error: unknown): HttpError {
  const known = httpErrorOf(error);
  if (known) return known;
  const err = { name: (error as Error | undefined)?.name, code: (error as { code?: unknown } | undefined)?.code };
  if (isDatabaseUnavailableError(error)) {
    logger.warn({ route: name, err }, "store unavailable");
    return httpErrorOf(new UnavailableError()) as HttpError;
  }
  // Name and code only: a Prisma error's message can quote the query's arguments (patient data).
  logger.error({ route: name, err }, "unexpected error");
  return internalHttpError();
}

/** A thrown value as the contract's error response, through the one mapper: for handlers that are not a `route`. */
export function thrownErrorResponse(name: string, error: unknown, locale: AppLocale = DEFAULT_LOCALE): NextResponse {
  return errorResponse(mapError(name, error), locale);
}

/** The contract's error body as a response, its messages in `locale` (English by default): never cached. */
export function errorResponse(error: HttpError, locale: AppLocale = DEFAULT_LOCALE): NextResponse {
  const localized = localizeApiMessages(error.body.error.message, error.body.error.fields, locale);
  const body = fitErrorBody({ error: { ...error.body.error, message: localized.message, ...(localized.fields ? { fields: localized.fields } : {}) } });
  return NextResponse.json(body, { status: error.status, headers: { ...error.headers, "Cache-Control": NO_STORE } });
}

/** A JSON response (never cached unless `init.headers` says otherwise). */
export function json(data: unknown, init: ResponseInit = {}): NextResponse {
  return NextResponse.json(data, init);
}

export type EndpointHandlers = Partial<Record<HttpMethod, RouteHandler>>;
export type Endpoint = Record<HttpMethod | "OPTIONS", (request: Request, context?: RouteContext) => Promise<Response>> & {
  /** The path as documented ("/api/v1/leads/{id}") and the handlers it implements. */
  readonly path: string;
  readonly handlers: EndpointHandlers;
};

/**
 * One route file's methods: the implemented ones as given, every other method 405 with the error
 * body and `Allow`, OPTIONS 204 with `Allow`. Destructure it into the route file's exports.
 */
export function endpoint(path: string, handlers: EndpointHandlers): Endpoint {
  const implemented = HTTP_METHODS.filter((method) => handlers[method] !== undefined);
  const allow = [...implemented, ...(implemented.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const notAllowed = async (request: Request): Promise<Response> =>
    withApiSecurityHeaders(errorResponse(
      {
        status: 405,
        body: { error: { code: "METHOD_NOT_ALLOWED", message: `${request.method} is not allowed here. Allowed: ${allow}.` } },
        headers: { Allow: allow },
      },
      requestLocale(request),
    ), request);
  const out = {} as Record<HttpMethod | "OPTIONS", (request: Request, context?: RouteContext) => Promise<Response>>;
  for (const method of HTTP_METHODS) {
    const handler = handlers[method];
    if (handler) handler.path = path;
    out[method] = handler ?? notAllowed;
  }
  out.OPTIONS = async (request: Request) => withApiSecurityHeaders(new Response(null, { status: 204, headers: { Allow: allow, "Cache-Control": NO_STORE } }), request);
  return Object.assign(out, { path, handlers });
}

/**
 * The query string as a record for the route's schema. `locale` is every route's parameter (the
 * language of its messages, read by requestLocale), so a strict query schema that does not name it
 * does not see it: `?locale=es` is never a 400 for an unknown key. A value that is not a supported
 * locale is refused like any other bad parameter (the OpenAPI document declares it as an enum).
 */
function queryRecord(request: Request, schemaTakesLocale: boolean): Record<string, string> {
  const record = searchParamsRecord(new URL(request.url).searchParams);
  if (schemaTakesLocale || !("locale" in record)) return record;
  const { locale, ...rest } = record;
  parseInput(localeQuerySchema, { locale });
  return rest;
}

const localeQuerySchema = z.object({ locale: z.enum(LOCALES) });

/** Whether an object query schema has a property of this name (computed once per route, from its JSON Schema). */
function declaresQueryParameter(schema: z.ZodType, name: string): boolean {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, unknown> };
  return json.properties !== undefined && name in json.properties;
}

/** `?locale=es` wins; otherwise the best supported language of Accept-Language (q-values count); English by default. */
export function requestLocale(request: Request): AppLocale {
  const param = new URL(request.url).searchParams.get("locale");
  if (isAppLocale(param)) return param;
  return localeFromAcceptLanguage(request.headers.get("accept-language")) ?? DEFAULT_LOCALE;
}
