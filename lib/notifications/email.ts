import "server-only";

import nodemailer, { type Transporter } from "nodemailer";

import type { EmailChannelConfig } from "@/lib/notifications/config";

/** One pooled transport per SMTP URL, reused across polls. */
const transports = new Map<string, Transporter>();

function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    transports.set(smtpUrl, transport);
  }
  return transport;
}

export interface StaffEmail {
  subject: string;
  text: string;
  html: string;
}

/** A file sent with an e-mail, e.g. `{ filename: "consultation.ics", contentType: "text/calendar; method=REQUEST", content }`. */
export interface EmailAttachment {
  filename: string;
  /** The MIME type, with parameters (`text/calendar; method=REQUEST; charset=utf-8`). */
  contentType: string;
  content: string | Buffer;
}

export interface OutgoingEmail extends StaffEmail {
  to: readonly string[];
  /** Where a reply goes (the patient's confirmation: the clinic's own address). */
  replyTo?: string;
  attachments?: readonly EmailAttachment[];
}

/** Sends one e-mail from the configured sender. Throws on any SMTP failure (the outbox retries). */
export async function sendEmail(config: EmailChannelConfig, email: OutgoingEmail, messageId: string): Promise<void> {
  await transportFor(config.smtpUrl).sendMail({
    from: config.from,
    to: [...email.to],
    ...(email.replyTo ? { replyTo: email.replyTo } : {}),
    subject: email.subject,
    text: email.text,
    html: email.html,
    ...(email.attachments && email.attachments.length > 0
      ? { attachments: email.attachments.map(({ filename, contentType, content }) => ({ filename, contentType, content })) }
      : {}),
    headers: { "X-SMP-Delivery": messageId },
  });
}

/** Closes the pooled transports (worker stop, tests). */
export function closeEmailTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}
