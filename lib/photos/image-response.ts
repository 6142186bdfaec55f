import "server-only";

/**
 * How a stored image or document leaves the server: never cached anywhere (`private, no-store`),
 * never sniffed into another type, and under a CSP that lets nothing run or load even when opened
 * directly (the wrapper adds nosniff and `default-src 'none'` to every API response; set here too so
 * the rule is visible where the bytes go out). A PDF is only ever a download.
 */
export const IMAGE_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  "Cache-Control": "private, no-store",
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; sandbox",
  "Cross-Origin-Resource-Policy": "same-origin",
};

export function imageResponse(bytes: Buffer, contentType: string, disposition: string): Response {
  return new Response(new Uint8Array(bytes), {
    status: 200,
    headers: { ...IMAGE_RESPONSE_HEADERS, "Content-Type": contentType, "Content-Length": String(bytes.length), "Content-Disposition": disposition },
  });
}
