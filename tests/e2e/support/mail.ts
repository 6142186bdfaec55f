import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { expect } from "@playwright/test";

import { onlyPart, parseMime } from "@/tests/support/mime";

/**
 * The e-mails the app under test sent: scripts/test/e2e-server.mjs runs a real SMTP server on the
 * loopback (the outbox worker delivers to it every second) and writes each message it receives to
 * artifacts/e2e/mail/<n>.json. Only specs that are about e-mail read them.
 */
export const E2E_MAIL_DIR = path.resolve("artifacts/e2e/mail");

export interface SentMail {
  from: string;
  to: string[];
  subject: string;
  /** The decoded text/plain part. */
  text: string;
}

interface StoredMail {
  from: string;
  to: string[];
  raw: string;
}

/** Every message received so far to this address (exact, case-insensitive), oldest first. */
export function mailsTo(address: string): SentMail[] {
  if (!existsSync(E2E_MAIL_DIR)) throw new Error(`no mail directory ${E2E_MAIL_DIR}: is the e2e server (scripts/test/e2e-server.mjs) running?`);
  const wanted = address.toLowerCase();
  return readdirSync(E2E_MAIL_DIR)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(E2E_MAIL_DIR, name), "utf8")) as StoredMail)
    .filter((mail) => mail.to.some((to) => to.toLowerCase() === wanted))
    .map((mail) => {
      const message = parseMime(mail.raw);
      return { from: mail.from, to: mail.to, subject: message.headers.subject ?? "", text: onlyPart(message, "text/plain").body };
    });
}

/**
 * Waits until at least `count` messages to this address have arrived and returns them (oldest first).
 * The outbox worker polls every second; 20 s leaves room for a retry on a busy machine.
 */
export async function waitForMails(address: string, count = 1, timeout = 20_000): Promise<SentMail[]> {
  await expect.poll(() => mailsTo(address).length, { timeout, message: `e-mails to the test address (want ${count})` }).toBeGreaterThanOrEqual(count);
  return mailsTo(address);
}

/** The /my/<token> links in a message's text. */
export function patientLinksIn(mail: SentMail): string[] {
  return [...mail.text.matchAll(/https?:\/\/[^\s/]+\/my\/[0-9a-f]{40}/g)].map((m) => m[0]);
}
