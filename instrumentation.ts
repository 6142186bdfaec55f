/**
 * Next.js calls register() once when a server instance starts. The notification (outbox) worker
 * runs inside the Node.js server process; it is skipped in the Edge runtime, and (decided in
 * lib/notifications/start.ts, from lib/env.ts) when OUTBOX_WORKER=off or no channel
 * (SMTP_URL / LEAD_WEBHOOK_URL) is configured. The retention job (lib/leads/retention-worker.ts)
 * runs there too unless RETENTION_WORKER=off.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { envVar } = await import("@/lib/env");
  if (envVar("RETENTION_WORKER") !== "off") {
    // Erases inquiries past the clinic's retention setting (off unless an admin sets it).
    const [{ startRetentionWorker }, { getDb }] = await Promise.all([import("@/lib/leads/retention-worker"), import("@/lib/db/client")]);
    startRetentionWorker(getDb());
  }
  const { startOutboxWorkerFromEnv } = await import("@/lib/notifications/start");
  startOutboxWorkerFromEnv();
}
