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

/** Sends to the configured staff address(es). Throws on any SMTP failure (the outbox retries). */
export async function sendStaffEmail(config: EmailChannelConfig, email: StaffEmail, messageId: string): Promise<void> {
  await sendEmail(config, { to: [...config.to], ...email }, messageId);
}

export interface OutgoingEmail extends StaffEmail {
  to: readonly string[];
  /** Where a reply goes (the patient's confirmation: the clinic's own address). */
  replyTo?: string;
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
    headers: { "X-SMP-Delivery": messageId },
  });
}

/** Closes the pooled transports (worker stop, tests). */
export function closeEmailTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}
