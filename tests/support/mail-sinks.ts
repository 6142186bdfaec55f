/**
 * Real local receivers for outbox tests: an SMTP server (the `smtp-server` package, plain SMTP on
 * 127.0.0.1, any sender accepted) and an HTTP server for webhooks. Each keeps what it received.
 *
 *   const sinks = await startSinks();  ...  await sinks.close();
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Sinks {
  smtpUrl: string;
  webhookUrl: string;
  mails: ReceivedMail[];
  hooks: ReceivedHook[];
  /** Status codes the webhook receiver answers with, in order; 200 once empty. */
  hookPlan: number[];
  /** Forgets what was received (and the plan). */
  clear(): void;
  close(): Promise<void>;
}

export async function startSinks(): Promise<Sinks> {
  const mails: ReceivedMail[] = [];
  const hooks: ReceivedHook[] = [];
  const hookPlan: number[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      hooks.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.statusCode = hookPlan.shift() ?? 200;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const httpPort = (http.address() as AddressInfo).port;

  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    webhookUrl: `http://127.0.0.1:${httpPort}/hooks/smp`,
    mails,
    hooks,
    hookPlan,
    clear() {
      mails.length = 0;
      hooks.length = 0;
      hookPlan.length = 0;
    },
    async close() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
