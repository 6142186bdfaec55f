/**
 * SQLite lock contention handled asynchronously (see docs/decisions/005-sqlite-default.md).
 *
 * better-sqlite3 is synchronous: with a busy_timeout, a statement that meets another process's lock
 * sleeps inside SQLite, and the whole Node.js event loop with it (every other request stalls for the
 * lock's length). So the app's connection has busy_timeout 0: a locked database answers SQLITE_BUSY
 * at once, and the caller waits here with timers (backoff with jitter) and tries again, up to a bound
 * (DATABASE_LOCK_TIMEOUT_MS); after that the busy error goes up and the route answers 503.
 */

/** The app connection's busy_timeout: no synchronous waiting at all. */
export const SQLITE_BUSY_TIMEOUT_MS = 0;

const FIRST_DELAY_MS = 5;
const MAX_DELAY_MS = 100;

/** better-sqlite3's error code, also when wrapped in Prisma's DriverAdapterError. */
export function sqliteCodeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === "string" && code.startsWith("SQLITE_")) return code;
  // Prisma's DriverAdapterError keeps better-sqlite3's code in cause.originalCode.
  if (typeof cause === "object" && cause !== null) {
    const original = (cause as { originalCode?: unknown }).originalCode;
    if (typeof original === "string") return original;
  }
  return undefined;
}

/**
 * SQLITE_BUSY and its extended codes, except BUSY_SNAPSHOT (a transaction that read an older
 * snapshot can never write; only its rollback helps, so it is not retried).
 */
export function isSqliteBusy(error: unknown): boolean {
  const code = sqliteCodeOf(error);
  return code !== undefined && code.startsWith("SQLITE_BUSY") && code !== "SQLITE_BUSY_SNAPSHOT";
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until it does not fail with SQLITE_BUSY, for up to `boundMs`; then rethrows. */
export async function retryWhileSqliteBusy<T>(attempt: () => T | Promise<T>, boundMs: number): Promise<T> {
  const deadline = Date.now() + boundMs;
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      const left = deadline - Date.now();
      if (!isSqliteBusy(error) || left <= 0) throw error;
      const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(tries, 10));
      await sleep(Math.min(left, delay * (0.5 + Math.random() / 2)));
    }
  }
}
