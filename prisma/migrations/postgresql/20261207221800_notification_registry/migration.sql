-- Notification kinds as a registry (docs/decisions/016-notification-registry.md): a message may be
-- due at a time (dueAt), carries an optional dedupe key (unique per channel: the database refuses a
-- second identical message), may be withdrawn (withdrawnAt), and need not be about an inquiry
-- (leadId nullable).
ALTER TABLE "OutboxMessage" ALTER COLUMN "leadId" DROP NOT NULL;
ALTER TABLE "OutboxMessage" ADD COLUMN "dueAt" TIMESTAMP(3);
ALTER TABLE "OutboxMessage" ADD COLUMN "dedupeKey" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "withdrawnAt" TIMESTAMP(3);

CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_channel_key" ON "OutboxMessage"("dedupeKey", "channel");
-- The worker's claim (lib/notifications/queue.ts): pending rows only, in the order it takes them.
-- Partial indexes are not expressible in prisma/schema.prisma: this one lives here only (decision 004).
DROP INDEX "OutboxMessage_deliveredAt_nextAttemptAt_idx";
CREATE INDEX "OutboxMessage_pending_idx" ON "OutboxMessage"("nextAttemptAt", "id") WHERE "deliveredAt" IS NULL AND "withdrawnAt" IS NULL;
