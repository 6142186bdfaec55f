import { z } from "zod";

import { singleLineText } from "@/lib/validation/text";

/**
 * API key scopes (client-safe: the admin page's form and the API share this schema). A route declares
 * the scope a key needs next to its staff role (`route({ auth: "front_desk", scope: "leads:read" })`,
 * lib/http/route.ts); a route without a scope refuses every key (403). Contract: docs/api-v1.md,
 * "API keys and webhooks (admin)"; docs/decisions/024-api-keys-and-webhooks.md.
 */
export const API_KEY_SCOPES = ["leads:read", "leads:write", "consultations:read", "reports:read"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const API_KEY_SCOPE_LABELS: Readonly<Record<ApiKeyScope, string>> = {
  "leads:read": "Read inquiries",
  "leads:write": "Change inquiries",
  "consultations:read": "Read consultations",
  "reports:read": "Read reports",
};

/** Every key starts with this (so secret scanners and people recognise one). */
export const API_KEY_PREFIX = "smp_";
export const API_KEY_NAME_MAX = 80;

export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES, { error: `A scope is one of ${API_KEY_SCOPES.join(", ")}.` });

/** POST /api/v1/api-keys and the admin page's form. */
export const apiKeyCreateSchema = z.strictObject({
  name: singleLineText({ error: "Give the key a name (what uses it)." })
    .trim()
    .min(1, { error: "Give the key a name (what uses it)." })
    .max(API_KEY_NAME_MAX, { error: `Keep the name to ${API_KEY_NAME_MAX} characters.` }),
  scopes: z
    .array(apiKeyScopeSchema, { error: "Choose at least one scope." })
    .min(1, { error: "Choose at least one scope." })
    .max(API_KEY_SCOPES.length)
    .transform((scopes) => [...new Set(scopes)]),
});
export type ApiKeyCreate = z.output<typeof apiKeyCreateSchema>;

export const apiKeyIdParamsSchema = z.strictObject({ id: z.string().min(1).max(64) });
