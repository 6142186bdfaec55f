-- Staff notification preferences (issue 22 item 4, docs/decisions/025-follow-ups-with-a-time.md): a row
-- (userId, kind) means that staff member turned that notification kind off (the morning list of
-- follow-ups first). Twin: prisma/migrations/postgresql/20261208013802_notification_opt_outs.
CREATE TABLE "NotificationOptOut" (
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "kind"),
    CONSTRAINT "NotificationOptOut_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
