import "server-only";

import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { configuredChannels, notificationConfigFromEnv } from "@/lib/notifications/config";
import { type OutboxWorker, startOutboxWorker } from "@/lib/notifications/queue";

/**
 * Starts the outbox worker for this server process (called from instrumentation.ts), unless
 * OUTBOX_WORKER=off or no channel is configured. Returns null when not started.
 */
export function startOutboxWorkerFromEnv(): OutboxWorker | null {
  const env = getEnv();
  const config = notificationConfigFromEnv(env);
  const channels = configuredChannels(config);
  if (env.OUTBOX_WORKER === "off") {
    logger.info({ op: "outbox" }, "notification worker disabled (OUTBOX_WORKER=off)");
    return null;
  }
  if (channels.length === 0) {
    logger.info({ op: "outbox" }, "notification worker not started: no channel configured (SMTP_URL or LEAD_WEBHOOK_URL)");
    return null;
  }
  logger.info({ op: "outbox", channels, pollSeconds: env.OUTBOX_POLL_SECONDS }, "notification worker started");
  return startOutboxWorker(getDb(), config);
}
