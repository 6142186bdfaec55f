import { MalformedInputError, TooLargeError } from "@/lib/errors";

/** The contract's body limit: 32 KiB. */
export const MAX_BODY_BYTES = 32 * 1024;

const tooLarge = (maxBytes: number) => new TooLargeError(`The request body is over ${maxBytes / 1024} KiB.`, maxBytes);

/**
 * Reads a JSON request body with a hard size cap. The declared length is checked first,
 * then the stream is counted as it arrives so a missing or lying header cannot bypass the cap.
 * The content-type is not enforced: website widgets post JSON as text/plain to avoid a CORS
 * preflight, and the body is parsed as JSON whatever the header says.
 */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) throw new MalformedInputError("The request body is empty.");

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  if (text.trim() === "") throw new MalformedInputError("The request body is empty.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new MalformedInputError("The request body is not valid JSON.");
  }
}
