import "server-only";

import { isIP } from "node:net";

import { z } from "zod";

import { DEFAULT_DATABASE_URL } from "@/lib/db/provider";
import { parseOriginList } from "@/lib/embed/origins";

/**
 * The application's environment: EVERY variable the app, its scripts and its seed read is declared,
 * defaulted and validated here, with a clear message per bad variable. Modules read configuration
 * through `getEnv()` (all of it, validated together once, on first use) or `envVar(name)` (one
 * variable by its own rule, read afresh: the database client and the logger, which must work before
 * the rest is read and follow a DATABASE_URL that tests and scripts change), never `process.env.X`.
 * Outside this file only Next.js's own NEXT_RUNTIME (instrumentation.ts) and the Prisma CLI's
 * prisma.config.ts (not part of the app) look at process.env.
 *
 * Empty strings count as "not set" (a blank line in .env should not switch a feature on).
 */

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalUrl = (protocols: RegExp, example: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .url({ protocol: protocols, error: `must be a URL like ${example}` })
      .optional(),
  );

const positiveInt = (fallback: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "must be a whole number" })
      .int({ error: "must be a whole number" })
      .min(1, { error: "must be at least 1" })
      .max(max, { error: `must be at most ${max}` })
      .default(fallback),
  );

/**
 * TRUSTED_PROXIES: who may tell us the client's address in X-Forwarded-For.
 * - unset / "none" / "0": nobody; the client is the TCP peer (the app faces the internet directly);
 * - a hop count ("1", "2"): that many reverse proxies in front of the app, each appending the address
 *   it saw; the client is the entry that many places from the right (counting the TCP peer);
 * - a comma-separated list of addresses and CIDR ranges ("10.0.0.0/8, 192.168.1.5, fd00::/8"): hops
 *   from these are skipped from the right; the first address not in the list is the client.
 */
export type TrustedProxies = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "cidrs"; ranges: string[] };

function isCidr(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

const trustedProxiesSchema = z.preprocess(
  blankToUndefined,
  z
    .string()
    .optional()
    .transform((value, ctx): TrustedProxies => {
      const text = value?.trim().toLowerCase();
      if (text === undefined || text === "none" || text === "0") return { kind: "none" };
      if (/^\d+$/.test(text)) {
        const hops = Number(text);
        if (hops > 10) ctx.addIssue({ code: "custom", message: "must be at most 10 hops" });
        return { kind: "hops", hops };
      }
      const ranges = text.split(",").map((s) => s.trim()).filter((s) => s !== "");
      const bad = ranges.filter((r) => !isCidr(r));
      if (ranges.length === 0 || bad.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: `must be "none", a hop count (e.g. 1) or a comma-separated list of IP addresses / CIDR ranges (e.g. 10.0.0.0/8, ::1); not understood: ${bad.length} entr${bad.length === 1 ? "y" : "ies"}`,
        });
        return { kind: "none" };
      }
      return { kind: "cidrs", ranges };
    }),
);

/** The database settings (lib/db/client.ts reads only these, so tooling does not need the whole environment). */
const databaseShape = {
  /** PostgreSQL connections per app process. */
  DATABASE_POOL_MAX: positiveInt(10, 1000),
  /** PostgreSQL: longest wait for a pooled connection (or a new connection) before answering 503. */
  DATABASE_POOL_TIMEOUT_MS: positiveInt(2000, 60_000),
  /** Longest wait for a lock held by someone else before answering 503 (SQLite busy retries, PostgreSQL lock_timeout). */
  DATABASE_LOCK_TIMEOUT_MS: positiveInt(2000, 60_000),
  /** PostgreSQL: longest statement (server statement_timeout; the client gives up 1 s later on a stalled network). */
  DATABASE_STATEMENT_TIMEOUT_MS: positiveInt(15_000, 600_000),
};

export const databaseSettingsSchema = z.object(databaseShape);
export type DatabaseSettings = z.infer<typeof databaseSettingsSchema>;

/** The database settings of `source` (default process.env); throws EnvError on a bad value. */
export function databaseSettings(source: Record<string, string | undefined> = process.env): DatabaseSettings {
  const parsed = databaseSettingsSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  throw new EnvError(parsed.error.issues.map((issue) => `${issue.path.map(String).join(".")} ${issue.message}`));
}

export const envSchema = z
  .object({
    ...databaseShape,
    NODE_ENV: z.preprocess(blankToUndefined, z.enum(["development", "production", "test"]).default("development")),
    DATABASE_URL: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^(file:|postgres(ql)?:\/\/)/i, {
          error: 'must start with "file:" (SQLite, e.g. file:./data/smp.db) or "postgresql://" (PostgreSQL)',
        })
        .default(DEFAULT_DATABASE_URL),
    ),
    BETTER_AUTH_SECRET: z.preprocess(
      blankToUndefined,
      z.string().min(32, { error: "must be at least 32 characters (e.g. `openssl rand -base64 32`)" }).optional(),
    ),
    BETTER_AUTH_URL: optionalUrl(/^https?$/, "https://clinic.example.com"),
    /** Public base URL of the app (links in staff notifications). Falls back to BETTER_AUTH_URL. */
    APP_URL: optionalUrl(/^https?$/, "https://clinic.example.com"),

    SMTP_URL: optionalUrl(/^smtps?$/, "smtp://user:pass@mail.example.com:587"),
    NOTIFY_EMAIL_FROM: z.preprocess(blankToUndefined, z.email({ error: "must be an email address" }).optional()),
    /** One or more addresses, comma-separated. */
    NOTIFY_EMAIL_TO: z.preprocess(
      blankToUndefined,
      z
        .string()
        .transform((value) => value.split(",").map((s) => s.trim()).filter((s) => s !== ""))
        .pipe(z.array(z.email({ error: "must be a comma-separated list of email addresses" })).min(1))
        .optional(),
    ),
    LEAD_WEBHOOK_URL: optionalUrl(/^https?$/, "https://hooks.example.com/smp-leads"),
    LEAD_WEBHOOK_SECRET: z.preprocess(
      blankToUndefined,
      z.string().min(16, { error: "must be at least 16 characters" }).optional(),
    ),

    /**
     * The clinic's own sites that may frame the questionnaire (/embed/assessment), comma-separated
     * origins like https://clinic.example. Empty: no other site may frame it (lib/embed/origins.ts).
     */
    EMBED_ALLOWED_ORIGINS: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const parsed = parseOriginList(value);
        if (parsed.ok) return parsed.origins;
        for (const problem of parsed.problems) ctx.addIssue({ code: "custom", message: problem });
        return z.NEVER;
      }),

    LEADS_RATE_LIMIT_PER_MINUTE: positiveInt(10, 1_000_000_000),
    /** Requests per minute each API key may make to /api/v1 (lib/api-keys/keys.ts). */
    API_KEY_RATE_LIMIT_PER_MINUTE: positiveInt(600, 1_000_000_000),
    /**
     * "on": webhook endpoints may be on private, loopback or link-local addresses (a receiver inside
     * the clinic's own network; tests). Default "off": refused when added and at every delivery
     * (lib/webhooks/address.ts).
     */
    WEBHOOK_ALLOW_PRIVATE: z.preprocess(blankToUndefined, z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("off")),
    TRUSTED_PROXIES: trustedProxiesSchema,
    /** redis://host:port: rate limits are kept in Redis instead of the database (shared by every instance). */
    REDIS_URL: optionalUrl(/^rediss?$/, "redis://127.0.0.1:6379"),
    /** Longest time a client may take to send a request body before the request is cut off with 408. */
    REQUEST_BODY_TIMEOUT_MS: positiveInt(10_000, 600_000),
    /** "off" disables the notification worker in this process (e.g. when a separate worker runs it). */
    OUTBOX_WORKER: z.preprocess(blankToUndefined, z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on")),
    OUTBOX_POLL_SECONDS: positiveInt(15, 3600),
    /** "off" disables the retention job in this process (the clinic setting retentionMonths drives it). */
    RETENTION_WORKER: z.preprocess(blankToUndefined, z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on")),
    OUTBOX_MAX_ATTEMPTS: positiveInt(8, 100),
    /** pino's level; unset: "info", or "silent" under NODE_ENV=test. */
    LOG_LEVEL: z.preprocess(
      blankToUndefined,
      z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
        error: "must be one of fatal, error, warn, info, debug, trace, silent",
      }).optional(),
    ),
  })
  .superRefine((env, ctx) => {
    const emailParts = [env.SMTP_URL, env.NOTIFY_EMAIL_FROM, env.NOTIFY_EMAIL_TO];
    if (emailParts.some((v) => v !== undefined) && emailParts.some((v) => v === undefined)) {
      for (const key of ["SMTP_URL", "NOTIFY_EMAIL_FROM", "NOTIFY_EMAIL_TO"] as const) {
        if (env[key] === undefined) {
          ctx.addIssue({ code: "custom", path: [key], message: "is required when any of SMTP_URL, NOTIFY_EMAIL_FROM, NOTIFY_EMAIL_TO is set (email notifications)" });
        }
      }
    }
    if (env.LEAD_WEBHOOK_URL !== undefined && env.LEAD_WEBHOOK_SECRET === undefined) {
      ctx.addIssue({ code: "custom", path: ["LEAD_WEBHOOK_SECRET"], message: "is required when LEAD_WEBHOOK_URL is set (webhooks are always signed)" });
    }
    if (env.NODE_ENV === "production" && env.BETTER_AUTH_SECRET === undefined) {
      ctx.addIssue({ code: "custom", path: ["BETTER_AUTH_SECRET"], message: "is required in production" });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Validates a set of variables (pure; for tests and scripts). Never echoes values: they can be secrets. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  throw new EnvError(parsed.error.issues.map((issue) => `${issue.path.map(String).join(".") || "env"} ${issue.message}`));
}

let cached: Env | undefined;

/** The validated process environment, read once. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Forgets the cached environment (tests that change process.env between cases). */
export function resetEnvCache(): void {
  cached = undefined;
  single.clear();
}

type EnvShape = typeof envSchema.shape;
const single = new Map<keyof EnvShape, { raw: string | undefined; value: unknown }>();

/**
 * One variable, validated by its own rule (the rules between variables run in getEnv()), read from
 * process.env on every call and re-validated only when its value changed. Throws EnvError.
 */
export function envVar<K extends keyof EnvShape>(name: K): z.output<EnvShape[K]> {
  const raw = process.env[name];
  const known = single.get(name);
  if (known && known.raw === raw) return known.value as z.output<EnvShape[K]>;
  const parsed = envSchema.shape[name].safeParse(raw);
  if (!parsed.success) throw new EnvError(parsed.error.issues.map((issue) => `${name} ${issue.message}`));
  single.set(name, { raw, value: parsed.data });
  return parsed.data as z.output<EnvShape[K]>;
}

/** pino's level: LOG_LEVEL, else "silent" under test and "info" otherwise. */
export function logLevel(): NonNullable<Env["LOG_LEVEL"]> {
  return envVar("LOG_LEVEL") ?? (envVar("NODE_ENV") === "test" ? "silent" : "info");
}

/** The app's own origin (scheme, host, port), e.g. for the embed snippet and its live preview. */
export function appOrigin(env: Env): string {
  return new URL(appBaseUrl(env)).origin;
}

/** Public base URL for links in notifications (no trailing slash). */
export function appBaseUrl(env: Env): string {
  return (env.APP_URL ?? env.BETTER_AUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}
