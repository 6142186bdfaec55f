import "server-only";

import type { z } from "zod";

import type { Db } from "@/lib/db/client";
import type { NotificationChannel } from "@/lib/notifications/config";
import type { EmailAttachment } from "@/lib/notifications/email";
import type { WebhookEventType } from "@/lib/webhooks/events";

/**
 * What a notification kind is (docs/decisions/016-notification-registry.md). One file per kind in
 * lib/notifications/kinds/, listed once in lib/notifications/kinds/index.ts; the queue
 * (lib/notifications/queue.ts) knows none of them by name.
 *
 * Sending one message (one row, one channel) is: parse the stored payload with the kind's schema,
 * ask the kind's `check` whether what it announces is still true (the current state, read right
 * before sending: a reminder for a cancelled consultation answers "drop"), then render the channel's
 * content from the payload and what `check` read, then send. A dropped message is settled, never sent.
 */

/** A claimed outbox row, its payload parsed by the kind's schema. */
export interface QueuedMessage<P> {
  /** The row's id: the webhook's deliveryId and the e-mail's X-SMP-Delivery header. */
  id: string;
  channel: NotificationChannel;
  leadId: string | null;
  payload: P;
  /** When it was due (null: at once). */
  dueAt: Date | null;
}

/** The answer of a kind's check: send (with what it read, for the content) or drop (with why, kept in lastError). */
export type StillTrue<C> = { send: true; context: C } | { send: false; reason: string };

/** send(context): the check's answer when the message is still true. */
export function send<C>(context: C): StillTrue<C> {
  return { send: true, context };
}

/** drop(reason): the check's answer when the message is no longer true; `reason` is stored as "not sent: <reason>". */
export function drop(reason: string): StillTrue<never> {
  return { send: false, reason };
}

/** A kind's e-mail. Without `to` it goes to the clinic's staff address(es) (NOTIFY_EMAIL_TO). */
export interface KindEmail {
  to?: readonly string[];
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  /** Rendered at sending time (never stored in the outbox), e.g. a text/calendar invite. */
  attachments?: readonly EmailAttachment[];
}

/**
 * A kind's webhook event. The signed body is `{ event, deliveryId, sentAt, ...data }` (the queue adds
 * deliveryId and sentAt); `event` is also the X-SMP-Event header. Events are listed in
 * docs/api-v1.md ("Webhook events").
 */
export interface KindWebhook {
  event: string;
  data: Record<string, unknown>;
}

export interface RenderInput<P, C> {
  message: QueuedMessage<P>;
  /** What the check read (send(context)). */
  context: C;
  /** Public base URL of the app (links in the content). */
  appUrl: string;
  /** This attempt's time. */
  now: Date;
}

export interface NotificationKind<Id extends string = string, S extends z.ZodType = z.ZodType, C = unknown> {
  /** OutboxMessage.kind; never renamed once rows carry it. */
  id: Id;
  /**
   * The payload as stored in the outbox row: the minimum to render the content. Patient data is read
   * from the database at sending time, not copied here (an erased inquiry takes its messages with it).
   * Stored rows are read with it too, so a field added later needs a default (`.catch(...)`).
   */
  payload: S;
  /** The channels it may go by (the enqueue default: those of them that are configured). */
  channels: readonly NotificationChannel[];
  /**
   * Enqueuing a message whose dedupe key (and channel) is already queued: "keep" the first (the
   * second enqueue is a no-op), or "replace" it with the new payload and due time (a rescheduled
   * reminder). A message already sent is never replaced.
   */
  onDuplicate: "keep" | "replace";
  /** Right before each attempt: is it still true? Reads the current state the content needs. */
  check(db: Db, message: QueuedMessage<z.output<S>>, now: Date): Promise<StillTrue<C>>;
  email?(input: RenderInput<z.output<S>, C>): KindEmail;
  webhook?(input: RenderInput<z.output<S>, C>): KindWebhook;
  /**
   * Channel "endpoint": the Standard Webhooks event this message announces; the queue fans it out to
   * every subscribed endpoint (lib/webhooks/emit.ts emitEvent, with this message's id as the event id).
   */
  event?(input: RenderInput<z.output<S>, C>): { type: WebhookEventType; data: Record<string, string | number | boolean | null | Record<string, unknown>> };
  /**
   * A kind sent to each staff member for themselves (the morning list of follow-ups) may be turned off
   * per person: its words on /staff/account/notifications (lib/notifications/preferences.ts). The
   * kind's own code reads the choice (NotificationOptOut) when it queues and in its check.
   */
  staffOptOut?: { label: string; hint: string };
  /** Channel "endpoint": a message that sends itself to the target it read in `check` (one webhook delivery). Throws to retry. */
  deliver?(db: Db, input: DeliverInput<z.output<S>, C>): Promise<void>;
}

export interface DeliverInput<P, C> extends RenderInput<P, C> {
  /** This attempt (1-based) and the last one the queue makes. */
  attempt: number;
  maxAttempts: number;
  /** When the queue tries again if this attempt fails (null: this is the last). */
  nextRetryAt: Date | null;
}

/** A kind, its id kept as a literal type (the registry and the typed enqueue rely on it). */
export function defineNotificationKind<const Id extends string, S extends z.ZodType, C>(kind: NotificationKind<Id, S, C>): NotificationKind<Id, S, C> {
  return kind;
}

/** The leadId of a kind that is always about an inquiry (throws for a row without one: retried, then failed). */
export function requireLeadId(message: { leadId: string | null }): string {
  if (message.leadId === null) throw new Error("this kind of message needs an inquiry (leadId)");
  return message.leadId;
}

export function staffLeadUrl(appUrl: string, leadId: string): string {
  return `${appUrl.replace(/\/+$/, "")}/staff/leads/${encodeURIComponent(leadId)}`;
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
