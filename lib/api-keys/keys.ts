import "server-only";

import { createHash, randomBytes } from "node:crypto";

import { z } from "zod";

import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";

import { API_KEY_PREFIX, API_KEY_SCOPES, type ApiKeyCreate, type ApiKeyScope, apiKeyScopeSchema } from "./scopes";

/**
 * API keys (docs/decisions/024-api-keys-and-webhooks.md): `smp_` + 32 random bytes (base64url), shown
 * once; the database keeps its SHA-256 (a key has 256 bits of entropy, so a plain hash cannot be
 * searched back) and its first characters for the list. Revoked, never deleted: audit rows name a key
 * by id (LeadEvent.apiKeyId). The route wrapper (lib/http/route.ts) authenticates `Authorization:
 * Bearer smp_...` with `authenticateApiKey`.
 */

/** Characters of the key kept for display ("smp_" + 8). */
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;
/** lastUsedAt is written at most this often per key (not one write per request). */
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

function newApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
}

const storedScopesSchema = z.array(z.unknown()).catch([]).transform((values) =>
  values.flatMap((value) => {
    const parsed = apiKeyScopeSchema.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  }),
);

export const apiKeyItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().meta({ description: "The key's first characters, to recognise it." }),
  scopes: z.array(z.enum(API_KEY_SCOPES)),
  createdAt: z.iso.datetime(),
  createdBy: z.object({ id: z.string(), name: z.string() }),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type ApiKeyItem = z.output<typeof apiKeyItemSchema>;

export const apiKeyCreatedSchema = z.object({
  id: z.string(),
  key: z.string().meta({ description: "The key itself (smp_...): shown this once, never again." }),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(API_KEY_SCOPES)),
});
export type ApiKeyCreated = z.output<typeof apiKeyCreatedSchema>;

export async function createApiKey(db: Db, actorId: string, input: ApiKeyCreate): Promise<ApiKeyCreated> {
  const key = newApiKey();
  const prefix = key.slice(0, DISPLAY_PREFIX_LENGTH);
  return db.$transaction(async (tx) => {
    const row = await tx.apiKey.create({ data: { name: input.name, scopes: input.scopes, keyHash: hashApiKey(key), prefix, createdById: actorId } });
    await recordAudit(tx, { actorId, type: "api_key_created", data: { apiKeyId: row.id, scopes: input.scopes } });
    return { id: row.id, key, name: row.name, prefix, scopes: input.scopes };
  });
}

export async function listApiKeys(db: Db): Promise<ApiKeyItem[]> {
  const rows = await db.apiKey.findMany({
    orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }, { id: "asc" }],
    select: { id: true, name: true, prefix: true, scopes: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { id: true, name: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: storedScopesSchema.parse(row.scopes),
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  }));
}

/** Revokes a key (idempotent: revoking a revoked key changes nothing). */
export async function revokeApiKey(db: Db, actorId: string, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.apiKey.findUnique({ where: { id }, select: { revokedAt: true } });
    if (!row) throw new NotFoundError("This API key does not exist.");
    if (row.revokedAt) return;
    await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { actorId, type: "api_key_revoked", data: { apiKeyId: id } });
  });
}

export interface AuthenticatedApiKey {
  id: string;
  name: string;
  scopes: readonly ApiKeyScope[];
  /** The admin who issued it: the staff id domain functions record with the key's id beside it. */
  createdById: string;
}

/** The live key this secret is, or null (unknown, revoked, or not a key at all). Marks it used. */
export async function authenticateApiKey(db: Db, key: string, now: Date = new Date()): Promise<AuthenticatedApiKey | null> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
  const row = await db.apiKey.findUnique({ where: { keyHash: hashApiKey(key) }, select: { id: true, name: true, scopes: true, createdById: true, revokedAt: true } });
  if (!row || row.revokedAt) return null;
  await db.apiKey.updateMany({
    where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
    data: { lastUsedAt: now },
  });
  return { id: row.id, name: row.name, scopes: storedScopesSchema.parse(row.scopes), createdById: row.createdById };
}
