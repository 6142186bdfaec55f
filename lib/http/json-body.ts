import { getEnv } from "@/lib/env";
import { MalformedInputError, SlowInputError, TooLargeError } from "@/lib/errors";

/** The contract's body limit: 32 KiB. */
export const MAX_BODY_BYTES = 32 * 1024;

const tooSlow = (timeoutMs: number) => new SlowInputError("The request body took too long to arrive. Please try again.", timeoutMs);

const tooLarge = (maxBytes: number) => new TooLargeError(`The request body is over ${maxBytes / 1024} KiB.`, maxBytes);

/**
 * Reads a JSON request body with a hard size cap. The declared length is checked first,
 * then the stream is counted as it arrives so a missing or lying header cannot bypass the cap.
 * The content-type is not enforced: website widgets post JSON as text/plain to avoid a CORS
 * preflight, and the body is parsed as JSON whatever the header says.
 * The whole body must arrive within REQUEST_BODY_TIMEOUT_MS (default 10 s) of the first read, else
 * 408: a trickling upload cannot hold the request (lib/http/node-server.ts then closes the connection).
 */
export async function readJsonBody(
  request: Request,
  maxBytes = MAX_BODY_BYTES,
  timeoutMs = getEnv().REQUEST_BODY_TIMEOUT_MS,
): Promise<unknown> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) throw new MalformedInputError("The request body is empty.");

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
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  if (text.trim() === "") throw new MalformedInputError("The request body is empty.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new MalformedInputError("The request body is not valid JSON.");
  }
}
