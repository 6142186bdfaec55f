/**
 * The response of a file download (the exports): the stream as an attachment under its file name,
 * never cached (the files hold patient data). The route files build it after the wrapper's checks;
 * the lib/ code behind them returns only the stream, the file name and its type.
 */
export function downloadResponse(body: ReadableStream<Uint8Array>, file: { contentType: string; fileName: string }): Response {
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
