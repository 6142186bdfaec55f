/**
 * The route wrapper's bodies (lib/http/route.ts): uploads as `{ kind: "binary", maxBytes, types }` and
 * JSON (the default), proven on test-only routes (the photo route comes later).
 */
import { z } from "zod";

import { NotFoundError } from "@/lib/errors";
import { buildOpenApiDocument } from "@/lib/http/openapi";
import { endpoint, json, PROXY_BODY_CLONE_LIMIT, route } from "@/lib/http/route";
import { apiSecurityHeaders, baseSecurityHeaders } from "@/lib/http/security-headers";
import { GIF, HEIC, HTML, JPEG, JPEG_PDF_POLYGLOT, PDF, PNG, PNG_HTML_POLYGLOT, SVG, WEBP } from "@/tests/support/upload-fixtures";

const URL_BASE = "http://localhost:3000/api/v1/test-upload";
const MAX = 4096;

/** What the handler saw (type and bytes), so a test can prove what reached it. */
let received: { type: string; bytes: Buffer } | null = null;

const upload = endpoint("/api/v1/test-upload", {
  POST: route(
    { name: "test.upload", summary: "A photo (test only)", body: { kind: "binary", maxBytes: MAX, types: ["image/jpeg", "image/png", "image/webp"] } },
    async ({ body }) => {
      const type: "image/jpeg" | "image/png" | "image/webp" = body.type; // typed by the route's `types`
      received = { type, bytes: body.bytes };
      if (body.bytes.length === 404) throw new NotFoundError("No such inquiry.");
      return json({ type, size: body.bytes.length }, { status: 201 });
    },
  ),
  PATCH: route({ name: "test.staffUpload", auth: "admin", body: { kind: "binary", maxBytes: MAX, types: ["image/jpeg"] } }, async ({ body }) => json({ type: body.type })),
  PUT: route({ name: "test.document", body: { kind: "binary", maxBytes: MAX, types: ["application/pdf"] } }, async ({ body }) => {
    // @ts-expect-error the handler's type is one of the route's own types: a PDF route never gets a JPEG
    const impossible: "image/jpeg" = body.type;
    expect(impossible).toBe("application/pdf");
    return json({ type: body.type });
  }),
});

const echo = endpoint("/api/v1/test-echo", {
  POST: route({ name: "test.echo", body: z.strictObject({ name: z.string() }) }, async ({ body }) => json({ hello: body.name })),
  PUT: route({ name: "test.echoSmall", body: { kind: "json", schema: z.strictObject({ name: z.string() }), maxBytes: 100 } }, async ({ body }) => json({ hello: body.name })),
});

interface Sent {
  type?: string | null;
  length?: string;
  method?: "POST" | "PUT";
  query?: string;
}

function request(body: BodyInit | null, { type = "image/jpeg", length, method = "POST", query = "" }: Sent = {}): Request {
  const headers = new Headers();
  if (type !== null) headers.set("content-type", type);
  if (length !== undefined) headers.set("content-length", length);
  return new Request(`${URL_BASE}${query}`, { method, body, headers, duplex: "half" } as RequestInit);
}

/** A body stream of `chunk`-sized pieces that never ends; counts what was pulled and whether it was cancelled. */
function endless(chunk: number) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulled += chunk;
      controller.enqueue(new Uint8Array(chunk).fill(0xff));
    },
    cancel() {
      state.cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { stream, state };
}

async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, code: body.error.code, message: body.error.message };
}

beforeEach(() => {
  received = null;
});

describe("binary bodies: route({ body: { kind: 'binary', maxBytes, types } })", () => {
  it.each([
    ["JPEG", JPEG, "image/jpeg", "image/jpeg"],
    ["PNG", PNG, "image/png", "image/png"],
    ["WebP", WEBP, "image/webp", "image/webp"],
    ["JPEG declared with the alias image/jpg", JPEG, "image/jpg", "image/jpeg"],
    ["PNG declared as JPEG (the type is the sniffed one)", PNG, "image/jpeg", "image/png"],
  ])("accepts %s: the handler gets the bytes and the sniffed type", async (_name, bytes, declared, sniffed) => {
    const response = await upload.POST(request(bytes, { type: declared }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ type: sniffed, size: bytes.length });
    expect(received?.type).toBe(sniffed);
    expect(received?.bytes.equals(bytes)).toBe(true);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("accepts a body of exactly maxBytes, refuses one byte more (413), with or without Content-Length", async () => {
    const exact = Buffer.concat([JPEG, Buffer.alloc(MAX - JPEG.length)]);
    expect((await upload.POST(request(exact))).status).toBe(201);
    received = null;
    const over = Buffer.concat([exact, Buffer.alloc(1)]);
    expect(await errorOf(await upload.POST(request(over)))).toEqual({ status: 413, code: "PAYLOAD_TOO_LARGE", message: "The request body is over 4 KiB." });
    const { stream } = endless(MAX + 1);
    expect((await upload.POST(request(stream))).status).toBe(413);
    expect(received).toBeNull();
  });

  it("413 on a declared Content-Length past the bound, before reading any of the body", async () => {
    const { stream, state } = endless(1024);
    const response = await upload.POST(request(stream, { length: String(MAX + 1) }));
    expect(await errorOf(response)).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
    expect(state.pulled).toBe(0);
  });

  it("413 as soon as a body that never ends passes the bound: the stream is cancelled, not read to its end", async () => {
    const { stream, state } = endless(1000);
    const started = performance.now();
    const response = await Promise.race([
      upload.POST(request(stream)),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("the wrapper kept reading")), 3000)),
    ]);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(await errorOf(response)).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThanOrEqual(MAX + 1000 * 2);
    expect(received).toBeNull();
  });

  it("415 when Content-Type is missing or not an accepted type, before the body is read", async () => {
    for (const type of [null, "text/plain", "application/octet-stream", "multipart/form-data; boundary=x", "image/gif"]) {
      const { stream, state } = endless(1024);
      const response = await upload.POST(request(stream, { type }));
      expect(await errorOf(response), String(type)).toEqual({
        status: 415,
        code: "UNSUPPORTED_MEDIA_TYPE",
        message: "This type of file is not accepted here. Please send a JPEG, PNG or WebP file.",
      });
      expect(state.pulled).toBe(0);
    }
  });

  it.each([
    ["GIF", GIF],
    ["HEIC", HEIC],
    ["SVG", SVG],
    ["HTML", HTML],
    ["PDF", PDF],
    ["plain text", Buffer.from("not an image at all")],
    ["a JPEG/PDF polyglot", JPEG_PDF_POLYGLOT],
    ["a PNG carrying HTML", PNG_HTML_POLYGLOT],
  ])("415 for %s declared as an accepted image (decided by the bytes)", async (_name, bytes) => {
    for (const type of ["image/jpeg", "image/png"]) {
      expect(await errorOf(await upload.POST(request(bytes, { type })))).toMatchObject({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE" });
    }
    expect(received).toBeNull();
  });

  it("a route's own types: a PDF route takes a PDF and refuses a JPEG declared as PDF", async () => {
    const pdf = await upload.PUT(request(PDF, { method: "PUT", type: "application/pdf" }));
    expect(pdf.status).toBe(200);
    expect(await pdf.json()).toEqual({ type: "application/pdf" });
    expect(await errorOf(await upload.PUT(request(JPEG, { method: "PUT", type: "application/pdf" })))).toEqual({
      status: 415,
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: "This type of file is not accepted here. Please send a PDF file.",
    });
  });

  it("the role is checked before the body is read (401 without a session)", async () => {
    const { stream, state } = endless(1024);
    const response = await upload.PATCH(new Request(URL_BASE, { method: "PATCH", body: stream, headers: { "content-type": "image/jpeg" }, duplex: "half" } as RequestInit));
    expect((await errorOf(response)).status).toBe(401);
    expect(state.pulled).toBe(0);
  });

  it("400 for an empty body", async () => {
    expect(await errorOf(await upload.POST(request(null)))).toMatchObject({ status: 400, code: "VALIDATION_FAILED", message: "The request body is empty." });
    expect(await errorOf(await upload.POST(request(new Uint8Array(0))))).toMatchObject({ status: 400 });
  });

  it("maps what the handler throws like every other route, and speaks Spanish when asked", async () => {
    const notFound = Buffer.concat([JPEG, Buffer.alloc(404 - JPEG.length)]);
    expect(await errorOf(await upload.POST(request(notFound)))).toEqual({ status: 404, code: "NOT_FOUND", message: "No such inquiry." });
    expect((await errorOf(await upload.POST(request(GIF, { query: "?locale=es" })))).message).toBe(
      "Este tipo de archivo no se acepta aquí. Por favor, envíe un archivo JPEG, PNG o WebP.",
    );
    const { stream } = endless(MAX + 1);
    expect((await errorOf(await upload.POST(request(stream, { query: "?locale=es" })))).message).toBe("El cuerpo de la solicitud supera los 4 KiB.");
  });
});

describe("the API's security headers come from the wrapper too (uploads skip proxy.ts)", () => {
  it("on a success, an error, a 405 and OPTIONS", async () => {
    const expected = { ...baseSecurityHeaders({ production: false }), ...apiSecurityHeaders() };
    const { stream } = endless(MAX + 1);
    const responses = [
      await upload.POST(request(JPEG)),
      await upload.POST(request(stream)),
      await upload.POST(request(GIF)),
      await upload.DELETE(request(null, { type: null })),
      await upload.OPTIONS(request(null, { type: null })),
    ];
    expect(responses.map((r) => r.status)).toEqual([201, 413, 415, 405, 204]);
    for (const response of responses) {
      for (const [name, value] of Object.entries(expected)) expect(response.headers.get(name), `${response.status} ${name}`).toBe(value);
    }
  });

  it("a binary body's bound must stay under the size Next.js cuts a proxied body at", () => {
    const define = (maxBytes: number) => route({ name: "test.big", body: { kind: "binary", maxBytes, types: ["image/jpeg"] } }, async () => json({}));
    expect(() => define(PROXY_BODY_CLONE_LIMIT)).toThrow(/under 10485760 bytes/);
    expect(() => define(0)).toThrow(/above 0/);
    expect(() => define(PROXY_BODY_CLONE_LIMIT - 1)).not.toThrow();
  });
});

describe("JSON bodies stay the default", () => {
  const jsonRequest = (text: string, method: "POST" | "PUT" = "POST") =>
    new Request("http://localhost:3000/api/v1/test-echo", { method, body: text, headers: { "content-type": "text/plain" } });

  it("body: schema parses JSON whatever the Content-Type, 32 KiB cap", async () => {
    const ok = await echo.POST(jsonRequest(`{"name":"Ana"}`));
    expect(await ok.json()).toEqual({ hello: "Ana" });
    expect((await errorOf(await echo.POST(jsonRequest("{")))).code).toBe("MALFORMED_JSON");
    const big = JSON.stringify({ name: "x".repeat(33 * 1024) });
    expect(await errorOf(await echo.POST(jsonRequest(big)))).toEqual({ status: 413, code: "PAYLOAD_TOO_LARGE", message: "The request body is over 32 KiB." });
  });

  it("{ kind: 'json', schema, maxBytes } has its own cap", async () => {
    expect((await echo.PUT(jsonRequest(`{"name":"Ana"}`, "PUT"))).status).toBe(200);
    const over = JSON.stringify({ name: "x".repeat(100) });
    expect(await errorOf(await echo.PUT(jsonRequest(over, "PUT")))).toEqual({ status: 413, code: "PAYLOAD_TOO_LARGE", message: "The request body is over 100 bytes." });
  });
});

describe("OpenAPI: a binary body", () => {
  it("is described as a file of each accepted type (format: binary), with 413 and 415", () => {
    const doc = buildOpenApiDocument([upload, echo], "test") as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const post = doc.paths["/api/v1/test-upload"]?.post as { requestBody: { required: boolean; content: Record<string, unknown>; description: string }; responses: Record<string, { description: string }> };
    expect(post.requestBody.required).toBe(true);
    expect(post.requestBody.content).toEqual({
      "image/jpeg": { schema: { type: "string", format: "binary" } },
      "image/png": { schema: { type: "string", format: "binary" } },
      "image/webp": { schema: { type: "string", format: "binary" } },
    });
    expect(post.requestBody.description).toContain("at most 4 KiB");
    expect(post.responses["413"]?.description).toBe("The body is over 4 KiB.");
    expect(post.responses["415"]?.description).toContain("UNSUPPORTED_MEDIA_TYPE");
    expect(post.responses["400"]?.description).toBe("The body is empty.");

    const echoPost = doc.paths["/api/v1/test-echo"]?.post as { requestBody: { content: Record<string, { schema: { type: string } }> }; responses: Record<string, unknown> };
    expect(Object.keys(echoPost.requestBody.content)).toEqual(["application/json"]);
    expect(echoPost.requestBody.content["application/json"]?.schema.type).toBe("object");
    expect(echoPost.responses["415"]).toBeUndefined();
    const echoPut = doc.paths["/api/v1/test-echo"]?.put as { responses: Record<string, { description: string }> };
    expect(echoPut.responses["413"]?.description).toBe("The body is over 100 bytes.");
  });
});
