/**
 * Next.js calls register() once when a server instance starts (Node.js runtime only here):
 * - guards on the HTTP server (lib/http/node-server.ts): every request's TCP peer address in a
 *   header only the server writes (the base of lib/http/client-ip.ts), slow uploads cut off;
 * - EMBED_ALLOWED_ORIGINS checked (proxy.ts reads it on every embed request);
 * - the retention job (lib/leads/retention-worker.ts), unless RETENTION_WORKER=off;
 * - the notification (outbox) worker, unless (decided in lib/notifications/start.ts) OUTBOX_WORKER=off
 *   or no channel (SMTP_URL / LEAD_WEBHOOK_URL) is configured.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ installHttpGuards }, { envVar }] = await Promise.all([import("@/lib/http/node-server"), import("@/lib/env")]);
  installHttpGuards({ bodyTimeoutMs: envVar("REQUEST_BODY_TIMEOUT_MS") });
  // Checked now rather than on the first framed request: a bad entry stops the start, named.
  envVar("EMBED_ALLOWED_ORIGINS");
  if (envVar("RETENTION_WORKER") !== "off") {
    // Erases inquiries past the clinic's retention setting (off unless an admin sets it).
    const [{ startRetentionWorker }, { getDb }] = await Promise.all([import("@/lib/leads/retention-worker"), import("@/lib/db/client")]);
    startRetentionWorker(getDb());
  }
  const { startOutboxWorkerFromEnv } = await import("@/lib/notifications/start");
  startOutboxWorkerFromEnv();
}
