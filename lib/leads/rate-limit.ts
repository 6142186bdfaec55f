import "server-only";

import type Database from "better-sqlite3";
import { Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  RateLimiterSQLite,
} from "rate-limiter-flexible";

import { type Db, driverHandle, getDb, sqliteWrite } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { clientIp as clientIpOf } from "@/lib/http/client-ip";
import { RateLimitedError, UnavailableError } from "@/lib/errors";

/**
 * Per-client limit on inquiry submissions: LEADS_RATE_LIMIT_PER_MINUTE (default 10) per minute,
 * counted where every app instance sees it (see docs/decisions/006-spam-protection.md):
 * - by default in the app's database, table app_rate_limit, through rate-limiter-flexible's own
 *   store for it (RateLimiterSQLite on the app's better-sqlite3 connection, RateLimiterPostgres on
 *   the app's pg pool): one upsert per submission;
 * - in Redis when REDIS_URL is set (RateLimiterRedis on ioredis).
 * A store that cannot answer makes the submission a 503 (Retry-After): never an unlimited pass.
 */

export const RATE_LIMIT_TABLE = "app_rate_limit";
const DURATION_SECONDS = 60;

/**
 * The counters this module keeps, each with its own key prefix and limit (points per window):
 * inquiries (LEADS_RATE_LIMIT_PER_MINUTE per client) and the anonymous questionnaire counts (a
 * patient's one pass sends about ten, so the limit is generous; a flood still stops); the patient's
 * own page (its views, downloads and erasure per client) and "Lost your link?" (per client, and per
 * address: the key is a keyed hash of the address, never the address); each API key's calls (by key id).
 */
export type RateLimitBucket = "leads" | "questionnaire_events" | "patient_page" | "patient_link" | "patient_link_address" | "api_key" | "patient_photos";
export const QUESTIONNAIRE_EVENTS_PER_MINUTE = 120;
export const PATIENT_PAGE_PER_MINUTE = 30;
export const PATIENT_LINK_PER_MINUTE = 5;
/** Photo uploads and removals per client and hour (5 photos, with retries and replacements, fit easily). */
export const PATIENT_PHOTOS_PER_HOUR = 40;
/** Link e-mails one address can be sent per hour, whoever asks. */
export const PATIENT_LINK_PER_ADDRESS_PER_HOUR = 3;

function bucketRule(bucket: RateLimitBucket): { points: number; duration: number } {
  switch (bucket) {
    case "leads":
      return { points: getEnv().LEADS_RATE_LIMIT_PER_MINUTE, duration: DURATION_SECONDS };
    case "questionnaire_events":
      return { points: QUESTIONNAIRE_EVENTS_PER_MINUTE, duration: DURATION_SECONDS };
    case "patient_page":
      return { points: PATIENT_PAGE_PER_MINUTE, duration: DURATION_SECONDS };
    case "patient_link":
      return { points: PATIENT_LINK_PER_MINUTE, duration: DURATION_SECONDS };
    case "patient_photos":
      return { points: PATIENT_PHOTOS_PER_HOUR, duration: 60 * 60 };
    case "patient_link_address":
      return { points: PATIENT_LINK_PER_ADDRESS_PER_HOUR, duration: 60 * 60 };
    case "api_key":
      // Per API key (its id), whatever address it calls from (lib/api-keys/keys.ts).
      return { points: getEnv().API_KEY_RATE_LIMIT_PER_MINUTE, duration: DURATION_SECONDS };
  }
}

interface Cached {
  /** What the limiter was built for; a change (tests switch databases) builds a new one. */
  identity: object | string;
  points: number;
  limiter: RateLimiterAbstract;
  sqlite?: boolean;
}

const current = new Map<RateLimitBucket, Cached>();
let redis: { url: string; client: Redis } | undefined;

function redisClient(url: string): Redis {
  if (redis?.url === url) return redis.client;
  redis?.client.disconnect();
  const client = new Redis(url, {
    // Fail fast when Redis is away: one retry per command, a bounded wait, then 503.
    maxRetriesPerRequest: 1,
    commandTimeout: 1000,
    connectTimeout: 2000,
    lazyConnect: false,
  });
  // Connection errors are reported per command (503); the client reconnects by itself.
  client.on("error", () => undefined);
  redis = { url, client };
  return client;
}

async function driverOf(db: Db): Promise<NonNullable<ReturnType<typeof driverHandle>>> {
  let handle = driverHandle(db);
  if (!handle) {
    // The driver connection exists once the client has connected.
    await db.$queryRaw`SELECT 1`;
    handle = driverHandle(db);
  }
  if (!handle) throw new Error("the database driver is not available for the rate limiter");
  return handle;
}

async function limiter(db: Db, bucket: RateLimitBucket): Promise<Cached> {
  const env = getEnv();
  const { points, duration } = bucketRule(bucket);
  const common = { keyPrefix: bucket, points, duration };
  const cached = current.get(bucket);
  if (env.REDIS_URL) {
    const identity = `redis:${env.REDIS_URL}`;
    if (cached?.identity === identity && cached.points === points) return cached;
    const built = { identity, points, limiter: new RateLimiterRedis({ ...common, storeClient: redisClient(env.REDIS_URL), keyPrefix: `smp:${bucket}` }) };
    current.set(bucket, built);
    return built;
  }
  const handle = await driverOf(db);
  const identity = handle.provider === "sqlite" ? handle.connection : handle.pool;
  if (cached?.identity === identity && cached.points === points) return cached;
  // The table comes from the migrations (tableCreated: the store never creates it itself).
  const store = { ...common, tableName: RATE_LIMIT_TABLE, tableCreated: true, clearExpiredByTimeout: true };
  const built: Cached =
    handle.provider === "sqlite"
      ? { identity, points, sqlite: true, limiter: new RateLimiterSQLite({ ...store, storeClient: sqliteStoreClient(handle.connection), storeType: "better-sqlite3" }) }
      : { identity, points, limiter: new RateLimiterPostgres({ ...store, storeClient: handle.pool, storeType: "pool" }) };
  current.set(bucket, built);
  return built;
}

/**
 * The app's better-sqlite3 connection as the store sees it: the adapter turned on safe integers
 * (BigInt results) for the whole connection, the store computes with numbers, so its statements
 * read plain numbers; each SQL text is prepared once.
 */
function sqliteStoreClient(connection: Database.Database): Pick<Database.Database, "prepare" | "transaction"> {
  const statements = new Map<string, Database.Statement>();
  return {
    prepare: ((sql: string) => {
      let statement = statements.get(sql);
      if (!statement) {
        statement = connection.prepare(sql).safeIntegers(false);
        statements.set(sql, statement);
      }
      return statement;
    }) as Database.Database["prepare"],
    transaction: ((fn: Parameters<Database.Database["transaction"]>[0]) => connection.transaction(fn)) as Database.Database["transaction"],
  };
}

/** Redis and database errors that mean "the counter store cannot answer right now". */
function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|Connection is closed|Command timed out|MaxRetriesPerRequest|Stream isn't writeable|enableOfflineQueue/i.test(
    `${(error as { code?: unknown }).code ?? ""} ${error.name} ${error.message}`,
  );
}

/** Counts one submission for `ip`; throws RateLimitedError (with the seconds to wait) when over the limit. */
export function consumeLeadSubmission(ip: string): Promise<void> {
  return consumeRateLimit("leads", ip);
}

/** THE one way to count a request against a bucket's per-client limit (RateLimitedError when over it). */
export async function consumeRateLimit(bucket: RateLimitBucket, ip: string): Promise<void> {
  const db = getDb();
  const { limiter: rl, sqlite } = await limiter(db, bucket);
  try {
    // SQLite: the store writes synchronously on the app's connection; a lock held by another
    // process is waited for asynchronously (lib/db/sqlite-busy.ts), like every other write.
    if (sqlite) await sqliteWrite(db, () => rl.consume(ip));
    else await rl.consume(ip);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw new RateLimitedError(rejection.msBeforeNext / 1000);
    if (isStoreUnavailable(rejection)) throw new UnavailableError();
    throw rejection;
  }
}

/** The client's address (TRUSTED_PROXIES decides how far X-Forwarded-For is believed: lib/http/client-ip.ts). */
export function clientIp(request: Request): string {
  return clientIpOf(request, getEnv().TRUSTED_PROXIES);
}

/** Closes the Redis connection (tests, scripts). */
export async function closeRateLimitStore(): Promise<void> {
  const client = redis?.client;
  redis = undefined;
  current.clear();
  if (client) await client.quit().catch(() => client.disconnect());
}
