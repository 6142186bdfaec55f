-- Notification kinds as a registry (docs/decisions/016-notification-registry.md): a message may be
-- due at a time (dueAt), carries an optional dedupe key (unique per channel: the database refuses a
-- second identical message), may be withdrawn (withdrawnAt), and need not be about an inquiry
-- (leadId nullable). SQLite cannot drop a NOT NULL constraint: the table is rebuilt with its rows.
CREATE TABLE "new_OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "leadId" TEXT,
    "channel" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "dueAt" DATETIME,
    "nextAttemptAt" DATETIME NOT NULL,
    "dedupeKey" TEXT,
    "deliveredAt" DATETIME,
    "withdrawnAt" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutboxMessage_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_OutboxMessage" ("id", "kind", "leadId", "channel", "payload", "attempts", "nextAttemptAt", "deliveredAt", "lastError", "createdAt")
    SELECT "id", "kind", "leadId", "channel", "payload", "attempts", "nextAttemptAt", "deliveredAt", "lastError", "createdAt" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";

CREATE INDEX "OutboxMessage_leadId_idx" ON "OutboxMessage"("leadId");
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_channel_key" ON "OutboxMessage"("dedupeKey", "channel");
-- The worker's claim (lib/notifications/queue.ts): pending rows only, in the order it takes them.
-- Replaces OutboxMessage_deliveredAt_nextAttemptAt_idx (dropped with the old table). Partial
-- indexes are not expressible in prisma/schema.prisma: this one lives here only (decision 004).
CREATE INDEX "OutboxMessage_pending_idx" ON "OutboxMessage"("nextAttemptAt", "id") WHERE "deliveredAt" IS NULL AND "withdrawnAt" IS NULL;
