import { getEnv } from "@/lib/env";
import { InvalidError, MalformedInputError, SlowInputError, TooLargeError, UnsupportedTypeError } from "@/lib/errors";

import { declaredMediaType, sniffType, UPLOAD_TYPE_NAMES, type UploadType } from "./sniff";

/** The contract's body limit: 32 KiB. */
export const MAX_BODY_BYTES = 32 * 1024;

const tooSlow = (timeoutMs: number) => new SlowInputError("The request body took too long to arrive. Please try again.", timeoutMs);

/** "32 KiB", "10 MiB", "1.5 MiB": a limit as people read it. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}

const tooLarge = (maxBytes: number) => new TooLargeError(`The request body is over ${formatBytes(maxBytes)}.`, maxBytes);

/**
 * Reads a request body with a hard size cap, as bytes. The declared length is checked first (413
 * before anything is read), then the stream is counted as it arrives so a missing or lying header
 * cannot bypass the cap: the read stops (and the stream is cancelled) at the first chunk past it.
 * The whole body must arrive within REQUEST_BODY_TIMEOUT_MS (default 10 s) of the first read, else
 * 408: a trickling upload cannot hold the request (lib/http/node-server.ts then closes the connection).
 * An absent body is an empty buffer.
 */
export async function readBodyBytes(
  request: Request,
  maxBytes: number,
  timeoutMs = getEnv().REQUEST_BODY_TIMEOUT_MS,
): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return Buffer.alloc(0);

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), deadline]);
      if (next === "timeout") {
        await reader.cancel().catch(() => undefined);
        throw tooSlow(timeoutMs);
      }
      const { done, value } = next;
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Reads a JSON request body with a hard size cap (readBodyBytes). The content-type is not enforced:
 * website widgets post JSON as text/plain to avoid a CORS preflight, and the body is parsed as JSON
 * whatever the header says.
 */
export async function readJsonBody(
  request: Request,
  maxBytes = MAX_BODY_BYTES,
  timeoutMs = getEnv().REQUEST_BODY_TIMEOUT_MS,
): Promise<unknown> {
  const bytes = await readBodyBytes(request, maxBytes, timeoutMs);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (text.trim() === "") throw new MalformedInputError("The request body is empty.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new MalformedInputError("The request body is not valid JSON.");
  }
}

/** A binary body as the handler receives it: the bytes and their type, decided by the bytes. */
export interface BinaryBody<T extends UploadType = UploadType> {
  bytes: Buffer;
  type: T;
}

/** "JPEG, PNG or WebP". */
function typeList(types: readonly UploadType[]): string {
  const names = types.map((t) => UPLOAD_TYPE_NAMES[t]);
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : (names[0] ?? "");
}

const unsupported = (types: readonly UploadType[]) =>
  new UnsupportedTypeError(`This type of file is not accepted here. Please send a ${typeList(types)} file.`, types);

/**
 * Reads a file sent as the raw request body (not multipart): `Content-Type` must name one of `types`
 * (415 before the body is read), the body must be at most `maxBytes` (413 as soon as it is declared
 * or read past that), and the bytes themselves must be one of `types` with no marker of another type
 * (lib/http/sniff.ts; 415 otherwise). The type returned is the sniffed one.
 */
export async function readBinaryBody<T extends UploadType>(
  request: Request,
  spec: { maxBytes: number; types: readonly T[] },
  timeoutMs = getEnv().REQUEST_BODY_TIMEOUT_MS,
): Promise<BinaryBody<T>> {
  const accepted: readonly UploadType[] = spec.types;
  const declared = declaredMediaType(request.headers.get("content-type"));
  if (declared === null || !accepted.includes(declared as UploadType)) throw unsupported(accepted);
  const bytes = await readBodyBytes(request, spec.maxBytes, timeoutMs);
  if (bytes.length === 0) throw new InvalidError("The request body is empty.");
  const sniffed = sniffType(bytes);
  if (sniffed.type === null || !accepted.includes(sniffed.type as UploadType) || sniffed.alsoLooksLike.length > 0) throw unsupported(accepted);
  return { bytes, type: sniffed.type as T };
}
