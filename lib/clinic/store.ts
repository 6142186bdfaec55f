import "server-only";

import { DEFAULT_CLINIC_SETTINGS, PLACEHOLDER_CLINIC_PROFILE } from "@/lib/clinic/defaults";
import {
  type ClinicProfileInput,
  clinicProfileSchema,
  type ClinicSettingsInput,
  clinicSettingsSchema,
  closedDatesSchema,
  openingHoursSchema,
} from "@/lib/clinic/schemas";
import type { Db, DbTransaction } from "@/lib/db/client";
import { ConflictError, INVALID_INPUT_MESSAGE, parseInput } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";

/**
 * The clinic profile and the clinic settings in the database: one row each (id "clinic"), created
 * with the placeholder profile / default settings when absent (seed, or the first read). Reads on
 * hot paths (every patient page shows the clinic's name and phone; the inbox computes waiting time)
 * go through a short per-process cache that an update in THIS process invalidates at once; another
 * process sees a change within CLINIC_CACHE_MAX_AGE_MS. Updates use optimistic concurrency
 * (expectedVersion) and write one audit row. See docs/decisions/011-clinic-profile-and-settings.md.
 */

export const CLINIC_ROW_ID = "clinic";

/** The ConflictError message (reason "stale_version") when the row changed since the caller read it. */
export const CLINIC_STALE_VERSION_MESSAGE =
  "Someone else saved these details while you were editing. Reload the page to see their version, then make your change again.";

const staleVersion = () => new ConflictError(CLINIC_STALE_VERSION_MESSAGE, "stale_version");

/** How long a process may keep using the clinic profile / settings it read. */
export const CLINIC_CACHE_MAX_AGE_MS = 5000;

interface RowMeta {
  /** Starts at 1; +1 on every update. Send it back as expectedVersion. */
  version: number;
  updatedAt: Date;
  /** The staff user who saved last (null: the seed, a script, or a deleted user). */
  updatedById: string | null;
}

/** The clinic profile as stored: the validated shape plus its metadata. */
export interface ClinicProfile extends ClinicProfileInput, RowMeta {
  /** Always read from the row ("" and "" when the clinic wrote none). */
  whoTreatsYou: { en: string; es: string };
  /** True until an admin saves the profile for the first time. */
  isPlaceholder: boolean;
}

/** The clinic settings as stored. */
export interface ClinicSettings extends ClinicSettingsInput, RowMeta {}

// --- row mapping ----------------------------------------------------------------------------------

interface ProfileRow {
  name: string;
  phone: string;
  email: string;
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  timeZone: string;
  openingHours: unknown;
  closedDates: unknown;
  replyPromiseEn: string;
  replyPromiseEs: string;
  whoTreatsYouEn: string;
  whoTreatsYouEs: string;
  isPlaceholder: boolean;
  version: number;
  updatedAt: Date;
  updatedById: string | null;
}

function toProfile(row: ProfileRow): ClinicProfile {
  const hours = openingHoursSchema.safeParse(row.openingHours);
  const closed = closedDatesSchema.safeParse(row.closedDates);
  if (!hours.success || !closed.success) {
    throw new Error("The clinic profile in the database has invalid opening hours or closed dates.");
  }
  return {
    name: row.name,
    phone: row.phone,
    email: row.email,
    address: {
      line1: row.addressLine1,
      line2: row.addressLine2,
      city: row.city,
      region: row.region,
      postalCode: row.postalCode,
      country: row.country,
    },
    timeZone: row.timeZone,
    openingHours: hours.data,
    closedDates: closed.data,
    replyPromise: { en: row.replyPromiseEn, es: row.replyPromiseEs },
    whoTreatsYou: { en: row.whoTreatsYouEn, es: row.whoTreatsYouEs },
    isPlaceholder: row.isPlaceholder,
    version: row.version,
    updatedAt: row.updatedAt,
    updatedById: row.updatedById,
  };
}

function profileColumns(p: ClinicProfileInput) {
  return {
    name: p.name,
    phone: p.phone,
    email: p.email,
    addressLine1: p.address.line1,
    addressLine2: p.address.line2,
    city: p.address.city,
    region: p.address.region,
    postalCode: p.address.postalCode,
    country: p.address.country,
    timeZone: p.timeZone,
    openingHours: p.openingHours,
    closedDates: p.closedDates,
    replyPromiseEn: p.replyPromise.en,
    replyPromiseEs: p.replyPromise.es,
    // Omitted (a save that does not know the field): the stored text stays.
    ...(p.whoTreatsYou ? { whoTreatsYouEn: p.whoTreatsYou.en, whoTreatsYouEs: p.whoTreatsYou.es } : {}),
  };
}

interface SettingsRow {
  replyTargetMinutes: number;
  autoAssign: string;
  retentionMonths: number | null;
  requireTwoFactorForAdmins: boolean;
  callCadence: string;
  version: number;
  updatedAt: Date;
  updatedById: string | null;
}

function toSettings(row: SettingsRow): ClinicSettings {
  const parsed = clinicSettingsSchema.safeParse({
    replyTargetMinutes: row.replyTargetMinutes,
    autoAssign: row.autoAssign,
    retentionMonths: row.retentionMonths,
    requireTwoFactorForAdmins: row.requireTwoFactorForAdmins,
    callCadence: row.callCadence,
  });
  if (!parsed.success) throw new Error("The clinic settings in the database are invalid.");
  return { ...parsed.data, version: row.version, updatedAt: row.updatedAt, updatedById: row.updatedById };
}

// --- creating the rows ----------------------------------------------------------------------------

function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== "object" || e === null) return false;
  const code = (e as { code?: unknown }).code;
  return code === "P2002" || code === "P2034";
}

/** Runs `create`; when a concurrent caller created the row first, reads it instead. */
async function createOrRead<T>(create: () => Promise<T>, read: () => Promise<T | null>): Promise<T> {
  try {
    return await create();
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const row = await read();
    if (row === null) throw e;
    return row;
  }
}

async function readOrCreateProfileRow(db: Db): Promise<ProfileRow> {
  const read = () => db.clinicProfile.findUnique({ where: { id: CLINIC_ROW_ID } });
  const existing = await read();
  if (existing) return existing;
  return createOrRead(
    () =>
      db.clinicProfile.create({
        data: { id: CLINIC_ROW_ID, ...profileColumns(PLACEHOLDER_CLINIC_PROFILE), isPlaceholder: true },
      }),
    read,
  );
}

async function readOrCreateSettingsRow(db: Db): Promise<SettingsRow> {
  const read = () => db.clinicSettings.findUnique({ where: { id: CLINIC_ROW_ID } });
  const existing = await read();
  if (existing) return existing;
  return createOrRead(() => db.clinicSettings.create({ data: { id: CLINIC_ROW_ID, ...DEFAULT_CLINIC_SETTINGS } }), read);
}

/**
 * Creates the placeholder profile and the default settings when absent; never changes existing
 * rows. Idempotent and safe to call concurrently (the seed calls it).
 */
export async function ensureClinicRows(db: Db): Promise<{ profile: ClinicProfile; settings: ClinicSettings }> {
  const [profile, settings] = await Promise.all([readOrCreateProfileRow(db), readOrCreateSettingsRow(db)]);
  return { profile: toProfile(profile), settings: toSettings(settings) };
}

// --- cache ----------------------------------------------------------------------------------------

interface CachedEntry<T> {
  generation: number;
  readAt: number;
  value: Promise<T>;
}

interface ClinicCache {
  generation: number;
  profile: WeakMap<Db, CachedEntry<ClinicProfile>>;
  settings: WeakMap<Db, CachedEntry<ClinicSettings>>;
}

interface ClinicCacheGlobal {
  /** Kept on globalThis: every server bundle that includes this module shares one cache. */
  __smpClinicCache?: ClinicCache;
}

function clinicCache(): ClinicCache {
  const g = globalThis as typeof globalThis & ClinicCacheGlobal;
  g.__smpClinicCache ??= { generation: 0, profile: new WeakMap(), settings: new WeakMap() };
  return g.__smpClinicCache;
}

/** Forgets every cached clinic profile and settings in this process (called by the updates). */
export function invalidateClinicCache(): void {
  const cache = clinicCache();
  cache.generation++;
  cache.profile = new WeakMap();
  cache.settings = new WeakMap();
}

function cached<T>(
  pick: (cache: ClinicCache) => WeakMap<Db, CachedEntry<T>>,
  db: Db,
  maxAgeMs: number,
  load: () => Promise<T>,
): Promise<T> {
  const cache = clinicCache();
  const map = pick(cache);
  const now = performance.now();
  const hit = map.get(db);
  if (hit && hit.generation === cache.generation && now - hit.readAt < maxAgeMs) return hit.value;
  const entry: CachedEntry<T> = { generation: cache.generation, readAt: now, value: load() };
  map.set(db, entry);
  entry.value.catch(() => {
    const current = pick(clinicCache());
    if (current.get(db) === entry) current.delete(db);
  });
  return entry.value;
}

// --- reads ----------------------------------------------------------------------------------------

/**
 * The clinic profile (the placeholder until an admin saves it), at most `maxAgeMs` old
 * (default CLINIC_CACHE_MAX_AGE_MS; pass 0 for a fresh read, e.g. an edit form that needs the
 * current version). Concurrent callers share one read; a failed read is not cached.
 */
export function getClinicProfile(db: Db, maxAgeMs: number = CLINIC_CACHE_MAX_AGE_MS): Promise<ClinicProfile> {
  return cached((c) => c.profile, db, maxAgeMs, async () => toProfile(await readOrCreateProfileRow(db)));
}

/** The clinic settings (defaults until an admin saves them); caching as getClinicProfile. */
export function getClinicSettings(db: Db, maxAgeMs: number = CLINIC_CACHE_MAX_AGE_MS): Promise<ClinicSettings> {
  return cached((c) => c.settings, db, maxAgeMs, async () => toSettings(await readOrCreateSettingsRow(db)));
}

// --- updates --------------------------------------------------------------------------------------

function changedKeys<T extends object>(before: T, after: T): (keyof T & string)[] {
  return (Object.keys(after) as (keyof T & string)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

/**
 * Saves the whole profile (validated with clinicProfileSchema; the phone may be typed in any
 * readable format and is stored as E.164) if the stored version is still `expectedVersion`; the new
 * version is expectedVersion + 1 and isPlaceholder becomes false. Writes one audit row
 * ("clinic_profile_updated", with the names of the changed fields) in the same transaction.
 * Throws InvalidError (lib/errors.ts; field path -> message) or ConflictError (reason "stale_version").
 */
export async function updateClinicProfile(
  db: Db,
  input: unknown,
  actorId: string | null,
  expectedVersion: number,
): Promise<ClinicProfile> {
  const profile = parseInput(clinicProfileSchema, input, INVALID_INPUT_MESSAGE);
  await readOrCreateProfileRow(db);
  const saved = await db.$transaction(async (tx: DbTransaction) => {
    const before = await tx.clinicProfile.findUnique({ where: { id: CLINIC_ROW_ID } });
    if (!before || before.version !== expectedVersion) throw staleVersion();
    const { count } = await tx.clinicProfile.updateMany({
      where: { id: CLINIC_ROW_ID, version: expectedVersion },
      data: { ...profileColumns(profile), isPlaceholder: false, updatedById: actorId, version: { increment: 1 } },
    });
    if (count !== 1) throw staleVersion();
    const after = await tx.clinicProfile.findUniqueOrThrow({ where: { id: CLINIC_ROW_ID } });
    const { version: _v, updatedAt: _u, updatedById: _b, isPlaceholder: _p, ...beforeFields } = toProfile(before);
    await recordAudit(tx, {
      actorId,
      type: "clinic_profile_updated",
      data: {
        version: after.version,
        changed: changedKeys<ClinicProfileInput>(beforeFields, profile),
        wasPlaceholder: before.isPlaceholder,
      },
    });
    return toProfile(after);
  });
  invalidateClinicCache();
  return saved;
}

/**
 * Saves settings if the stored version is still `expectedVersion`. `input` may name only some
 * settings (e.g. { retentionMonths: 24 }); the others keep their stored values, and the result is
 * validated as a whole with clinicSettingsSchema. One audit row ("clinic_settings_updated", with
 * the changed settings and their new values). Throws InvalidError or ConflictError (lib/errors.ts).
 */
export async function updateClinicSettings(
  db: Db,
  input: Partial<ClinicSettingsInput> | Record<string, unknown>,
  actorId: string | null,
  expectedVersion: number,
): Promise<ClinicSettings> {
  const patch = parseInput(clinicSettingsSchema.partial(), input, INVALID_INPUT_MESSAGE);
  const current = toSettings(await readOrCreateSettingsRow(db));
  const { version: _v, updatedAt: _u, updatedById: _b, ...currentValues } = current;
  const next = parseInput(clinicSettingsSchema, { ...currentValues, ...patch }, INVALID_INPUT_MESSAGE);
  const saved = await db.$transaction(async (tx: DbTransaction) => {
    const { count } = await tx.clinicSettings.updateMany({
      where: { id: CLINIC_ROW_ID, version: expectedVersion },
      data: { ...next, updatedById: actorId, version: { increment: 1 } },
    });
    if (count !== 1) throw staleVersion();
    const after = toSettings(await tx.clinicSettings.findUniqueOrThrow({ where: { id: CLINIC_ROW_ID } }));
    const changed = changedKeys<ClinicSettingsInput>(currentValues, next);
    await recordAudit(tx, {
      actorId,
      type: "clinic_settings_updated",
      data: { version: after.version, changed, values: Object.fromEntries(changed.map((k) => [k, next[k]])) },
    });
    return after;
  });
  invalidateClinicCache();
  return saved;
}
