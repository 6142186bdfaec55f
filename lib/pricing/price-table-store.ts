import "server-only";

import type { Db, DbTransaction } from "@/lib/db/client";
import { ConflictError, NotFoundError, parseInput } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { DEFAULT_PRICE_TABLE, type PriceTable, priceTableSchema } from "@/lib/pricing/price-table";

/**
 * Versioned price table in the database (model PriceTableVersion). Each publish creates version N+1
 * and makes it the ONLY active one, in one transaction; old versions stay for the record (a saved
 * inquiry keeps the version it was quoted from). The `rows` column holds PriceTable["rows"]; the
 * version is the column of the same name; currency is always USD.
 */

export interface PriceTableVersionInfo {
  id: string;
  version: number;
  active: boolean;
  createdAt: Date;
  createdById: string | null;
  /** The publishing admin's name (null: a script, or the account is gone). */
  createdByName: string | null;
  note: string | null;
  table: PriceTable;
}

interface PriceTableRow {
  id: string;
  version: number;
  rows: unknown;
  active: boolean;
  createdAt: Date;
  createdById: string | null;
  note: string | null;
  createdBy?: { name: string } | null;
}

function toInfo(row: PriceTableRow): PriceTableVersionInfo {
  const parsed = priceTableSchema.safeParse({ version: row.version, currency: "USD", rows: row.rows });
  if (!parsed.success) {
    throw new Error(`Price table version ${row.version} in the database is invalid: ${parsed.error.message}`);
  }
  return {
    id: row.id,
    version: row.version,
    active: row.active,
    createdAt: row.createdAt,
    createdById: row.createdById,
    createdByName: row.createdBy?.name ?? null,
    note: row.note,
    table: parsed.data,
  };
}

function errorCode(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/** Unique violation (two writers raced for the same version / active slot) or write conflict. */
function isRaceLost(e: unknown): boolean {
  const code = errorCode(e);
  return code === "P2002" || code === "P2034";
}

async function withRaceRetry<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts || !isRaceLost(e)) throw e;
    }
  }
}

/** Seeds DEFAULT_PRICE_TABLE as version 1 (active) when the table is empty. Safe to call concurrently. */
export async function seedPriceTable(db: Db): Promise<PriceTableVersionInfo> {
  return getActivePriceTableVersion(db);
}

/**
 * The active version with its metadata. An empty table gets DEFAULT_PRICE_TABLE as version 1;
 * if no version is active (manual edits), the highest version is re-activated.
 */
export async function getActivePriceTableVersion(db: Db): Promise<PriceTableVersionInfo> {
  const active = await db.priceTableVersion.findFirst({ where: { active: true }, orderBy: { version: "desc" } });
  if (active) return toInfo(active);

  return withRaceRetry(() =>
    db.$transaction(async (tx: DbTransaction) => {
      const again = await tx.priceTableVersion.findFirst({ where: { active: true } });
      if (again) return toInfo(again);
      const latest = await tx.priceTableVersion.findFirst({ orderBy: { version: "desc" } });
      if (latest) {
        return toInfo(await tx.priceTableVersion.update({ where: { id: latest.id }, data: { active: true } }));
      }
      const created = await tx.priceTableVersion.create({
        data: {
          version: DEFAULT_PRICE_TABLE.version,
          rows: DEFAULT_PRICE_TABLE.rows,
          active: true,
          note: "Seeded from the clinic page's price table",
        },
      });
      return toInfo(created);
    }),
  );
}

/** The active price table (what quotes use now). */
export async function getActivePriceTable(db: Db): Promise<PriceTable> {
  return (await getActivePriceTableVersion(db)).table;
}

// --- short-lived cache for the quote hot path ---------------------------------------------------

/**
 * How long a process may keep using the active price table it read, on the hot paths that price
 * every submission (POST /api/v1/leads). A publish in THIS process invalidates at once; a publish by
 * another process (a second app instance, a script) is seen within this window. Every stored lead
 * records the version it was actually priced with (Lead.priceTableVersion), so a quote made in the
 * window is consistent with its record. See docs/decisions/008-lead-write-path.md.
 */
export const ACTIVE_PRICE_TABLE_MAX_AGE_MS = 1000;

interface CachedActive {
  /** Generation of the process-wide invalidation counter when the read started. */
  generation: number;
  /** performance.now() when the read started (the age counts from before the read). */
  readAt: number;
  value: Promise<PriceTable>;
}

interface PriceTableCacheGlobal {
  /** Kept on globalThis: every server bundle that includes this module shares one cache. */
  __smpActivePriceTableCache?: { generation: number; byDb: WeakMap<Db, CachedActive> };
}

function priceTableCache(): { generation: number; byDb: WeakMap<Db, CachedActive> } {
  const g = globalThis as typeof globalThis & PriceTableCacheGlobal;
  g.__smpActivePriceTableCache ??= { generation: 0, byDb: new WeakMap() };
  return g.__smpActivePriceTableCache;
}

/** Forgets every cached active price table in this process (called by publishPriceTable). */
export function invalidateActivePriceTableCache(): void {
  const cache = priceTableCache();
  cache.generation++;
  cache.byDb = new WeakMap();
}

/**
 * The active price table, re-read at most every `maxAgeMs` (default ACTIVE_PRICE_TABLE_MAX_AGE_MS)
 * per client; concurrent callers share one read; a failed read is not cached. Use where a table up
 * to `maxAgeMs` old is acceptable and the version used is recorded (the lead write path); admin
 * pages use getActivePriceTableVersion.
 */
export function getActivePriceTableCached(db: Db, maxAgeMs = ACTIVE_PRICE_TABLE_MAX_AGE_MS): Promise<PriceTable> {
  const cache = priceTableCache();
  const now = performance.now();
  const hit = cache.byDb.get(db);
  if (hit && hit.generation === cache.generation && now - hit.readAt < maxAgeMs) return hit.value;

  const generation = cache.generation;
  const entry: CachedActive = { generation, readAt: now, value: getActivePriceTable(db) };
  cache.byDb.set(db, entry);
  entry.value.catch(() => {
    const current = priceTableCache();
    if (current.byDb.get(db) === entry) current.byDb.delete(db);
  });
  return entry.value;
}

/** A specific version (e.g. the one a saved inquiry was quoted from), or null. */
export async function getPriceTableVersion(db: Db, version: number): Promise<PriceTableVersionInfo | null> {
  const row = await db.priceTableVersion.findUnique({ where: { version } });
  return row ? toInfo(row) : null;
}

/** All versions, newest first (admin history). */
export async function listPriceTableVersions(db: Db): Promise<PriceTableVersionInfo[]> {
  const rows = await db.priceTableVersion.findMany({ orderBy: { version: "desc" }, include: { createdBy: { select: { name: true } } } });
  return rows.map(toInfo);
}

export const PRICES_INVALID_MESSAGE = "Some prices need another look. Nothing was published.";

export const STALE_PRICE_TABLE_MESSAGE =
  "Someone published another price table since this page was opened. Nothing was published: reload the page to see the active table, then make your change again.";

export interface PublishOptions {
  /** Why, for the record (shown in the version history). */
  note?: string | null;
  /**
   * The active version the admin's preview and confirmation compared against. When another version
   * became active meanwhile, the confirmed changes are not the real ones: ConflictError, nothing written.
   */
  expectedActiveVersion?: number;
  /** Set by restorePriceTableVersion: audited as "price_table_restored". */
  restoredFrom?: number;
}

/**
 * Publishes new rows as version N+1 and makes it the only active version, in one transaction, with an
 * audit event (LeadEvent type "price_table_published", or "price_table_restored", no lead). Throws
 * InvalidError (paths like "scar_only.maxUsd") for invalid rows, ConflictError (reason
 * "stale_version") when `expectedActiveVersion` is no longer the active one.
 * `actorId` is the admin's user id (null for scripts). `options` may be the note alone (scripts, tests).
 */
export async function publishPriceTable(
  db: Db,
  rows: PriceTable["rows"],
  actorId: string | null,
  options: PublishOptions | string | null = {},
): Promise<PriceTableVersionInfo> {
  const { note = null, expectedActiveVersion, restoredFrom } = typeof options === "string" || options === null ? { note: options } : options;
  // Validate before touching the database (the version number is checked again inside).
  const validRows = parseInput(priceTableSchema.shape.rows, rows, PRICES_INVALID_MESSAGE);
  await getActivePriceTableVersion(db); // make sure version 1 exists before publishing version 2+

  const published = await withRaceRetry(() =>
    db.$transaction(async (tx: DbTransaction) => {
      const latest = await tx.priceTableVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true } });
      if (expectedActiveVersion !== undefined) {
        const active = await tx.priceTableVersion.findFirst({ where: { active: true }, select: { version: true } });
        if (active?.version !== expectedActiveVersion) throw new ConflictError(STALE_PRICE_TABLE_MESSAGE, "stale_version");
      }
      const version = (latest?.version ?? 0) + 1;
      const table = priceTableSchema.parse({ version, currency: "USD", rows: validRows });
      await tx.priceTableVersion.updateMany({ where: { active: true }, data: { active: false } });
      const created = await tx.priceTableVersion.create({
        data: { version, rows: table.rows, active: true, createdById: actorId, note: note ?? null },
        include: { createdBy: { select: { name: true } } },
      });
      await recordAudit(tx, {
        actorId,
        type: restoredFrom === undefined ? "price_table_published" : "price_table_restored",
        data: restoredFrom === undefined ? { version, note: note ?? null } : { version, restoredFrom, note: note ?? null },
      });
      return toInfo(created);
    }),
  );
  // Quotes in this process use the new version from now on (other processes within the cache window).
  invalidateActivePriceTableCache();
  return published;
}

/**
 * "Restore" an old version: its rows are published as a NEW version N+1 (history is never rewritten,
 * and inquiries quoted from any version keep theirs), audited as "price_table_restored".
 * NotFoundError for an unknown version; ConflictError when it is already the active one or when
 * `expectedActiveVersion` is stale.
 */
export async function restorePriceTableVersion(
  db: Db,
  version: number,
  actorId: string | null,
  options: { expectedActiveVersion?: number } = {},
): Promise<PriceTableVersionInfo> {
  const old = await getPriceTableVersion(db, version);
  if (!old) throw new NotFoundError(`There is no price table version ${version}.`);
  if (old.active) throw new ConflictError(`Version ${version} is already the active price table. Nothing was published.`, "already_active");
  return publishPriceTable(db, old.table.rows, actorId, {
    note: `Restored from version ${version}`,
    restoredFrom: version,
    ...(options.expectedActiveVersion === undefined ? {} : { expectedActiveVersion: options.expectedActiveVersion }),
  });
}
