-- Counters of the app's own rate limits (lead submissions), shared by every app instance on this
-- database. The layout is rate-limiter-flexible's RateLimiterPostgres table (key, points, expire in
-- epoch milliseconds); the store is told the table exists and never creates it (lib/leads/rate-limit.ts).
CREATE TABLE "app_rate_limit" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,
    CONSTRAINT "app_rate_limit_pkey" PRIMARY KEY ("key")
);
