import "server-only";

import { appBaseUrl, type Env } from "@/lib/env";

/**
 * email and webhook (LEAD_WEBHOOK_URL) are configured by the operator; endpoint is the admin's webhook
 * endpoints (data: lib/webhooks/, docs/decisions/024-api-keys-and-webhooks.md), always available.
 */
export const NOTIFICATION_CHANNELS = ["email", "webhook", "endpoint"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
const OPERATOR_CHANNELS = ["email", "webhook"] as const;

export interface EmailChannelConfig {
  /** smtp(s)://user:pass@host:port */
  smtpUrl: string;
  from: string;
  to: readonly string[];
}

export interface WebhookChannelConfig {
  url: string;
  /** HMAC-SHA256 key of the X-SMP-Signature header. */
  secret: string;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
}

export interface NotificationConfig {
  /** Public base URL of the app: the staff link in each notification. */
  appUrl: string;
  email?: EmailChannelConfig;
  webhook?: WebhookChannelConfig;
  /** Attempts per message before it is kept as failed (default 8). */
  maxAttempts: number;
  /** Delay before the 2nd attempt; doubles each time (default 30 s). */
  baseDelayMs: number;
  /** Upper bound of the delay between attempts (default 1 h). */
  maxDelayMs: number;
  /** Messages per poll (default 20). */
  batchSize: number;
  /** Poll interval of the worker (default 15 s). */
  pollIntervalMs: number;
  /** How often a poll also looks for inquiries to escalate (lib/notifications/escalation.ts; default 60 s). */
  escalationIntervalMs?: number;
}

export const NOTIFICATION_DEFAULTS = {
  maxAttempts: 8,
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  batchSize: 20,
  pollIntervalMs: 15_000,
  escalationIntervalMs: 60_000,
} as const;

export function notificationConfigFromEnv(env: Env): NotificationConfig {
  return {
    ...NOTIFICATION_DEFAULTS,
    appUrl: appBaseUrl(env),
    maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
    pollIntervalMs: env.OUTBOX_POLL_SECONDS * 1000,
    ...(env.SMTP_URL && env.NOTIFY_EMAIL_FROM && env.NOTIFY_EMAIL_TO
      ? { email: { smtpUrl: env.SMTP_URL, from: env.NOTIFY_EMAIL_FROM, to: env.NOTIFY_EMAIL_TO } }
      : {}),
    ...(env.LEAD_WEBHOOK_URL && env.LEAD_WEBHOOK_SECRET
      ? { webhook: { url: env.LEAD_WEBHOOK_URL, secret: env.LEAD_WEBHOOK_SECRET } }
      : {}),
  };
}

/** The channels that get one outbox row per new lead. */
export function configuredChannels(config: Pick<NotificationConfig, "email" | "webhook">): NotificationChannel[] {
  return OPERATOR_CHANNELS.filter((channel) => config[channel] !== undefined);
}
