/**
 * Next.js calls register() once when a server instance starts. The notification (outbox) worker
 * runs inside the Node.js server process; it is skipped in the Edge runtime, when
 * OUTBOX_WORKER=off, and when no channel (SMTP_URL / LEAD_WEBHOOK_URL) is configured.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.OUTBOX_WORKER === "off") return;
  const { startOutboxWorkerFromEnv } = await import("@/lib/notifications/start");
  startOutboxWorkerFromEnv();
}
