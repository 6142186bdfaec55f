import "server-only";

import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { configuredChannels, notificationConfigFromEnv } from "@/lib/notifications/config";
import { type OutboxWorker, startOutboxWorker } from "@/lib/notifications/queue";

/**
 * Starts the outbox worker for this server process (called from instrumentation.ts), unless
 * OUTBOX_WORKER=off. Returns null when not started. It runs without SMTP_URL or LEAD_WEBHOOK_URL too:
 * the admin's webhook endpoints are data (lib/webhooks/); messages are only queued for channels that exist.
 */
export function startOutboxWorkerFromEnv(): OutboxWorker | null {
  const env = getEnv();
  const config = notificationConfigFromEnv(env);
  const channels = configuredChannels(config);
  if (env.OUTBOX_WORKER === "off") {
    logger.info({ op: "outbox" }, "notification worker disabled (OUTBOX_WORKER=off)");
    return null;
  }
  logger.info({ op: "outbox", channels, pollSeconds: env.OUTBOX_POLL_SECONDS }, "notification worker started");
  return startOutboxWorker(getDb(), config);
}
