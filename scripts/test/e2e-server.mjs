// Serves the production build for the browser tests on a fresh, migrated, seeded SQLite file.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import smtpServer from "smtp-server";

const port = process.argv[2] ?? "3210";
// The site tests/e2e/embed.spec.ts frames the questionnaire from (playwright.config.ts).
const embedAllowedOrigins = process.argv[3] ?? "";
const dir = path.resolve("artifacts/e2e");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
// Screenshots of this run only (the specs write artifacts/screenshots/<flow>-<nn>-<step>.png).
rmSync(path.resolve("artifacts/screenshots"), { recursive: true, force: true });

// A real local SMTP server for the app's e-mails (the same package as tests/support/mail-sinks.ts):
// every message it receives is written to artifacts/e2e/mail/<n>.json as { from, to, raw }, which the
// specs read (tests/e2e/support/mail.ts). Plain SMTP on the loopback, any sender accepted.
const mailDir = path.join(dir, "mail");
mkdirSync(mailDir, { recursive: true });
let received = 0;
const smtp = new smtpServer.SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on("data", (c) => chunks.push(c));
    stream.on("end", () => {
      received += 1;
      const mail = {
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        to: session.envelope.rcptTo.map((r) => r.address),
        receivedAt: new Date().toISOString(),
        raw: Buffer.concat(chunks).toString("utf8"),
      };
      // Written whole under a temporary name, then renamed: a reader never sees half a message.
      const file = path.join(mailDir, `${String(received).padStart(6, "0")}.json`);
      writeFileSync(`${file}.tmp`, JSON.stringify(mail));
      renameSync(`${file}.tmp`, file);
      callback();
    });
  },
});
await new Promise((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const smtpPort = smtp.server.address().port;
const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: `file:${path.join(dir, "smp-e2e.db")}`,
  BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? "e2e-only-secret-not-for-production-0123456789",
  BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
  APP_URL: `http://127.0.0.1:${port}`,
  // The outbox worker delivers to the SMTP server above, polling every second. Specs that do not
  // read mail never wait for it: nothing on a page depends on a message having been sent.
  OUTBOX_WORKER: "on",
  OUTBOX_POLL_SECONDS: "1",
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  NOTIFY_EMAIL_FROM: "clinic@e2e.example.com",
  NOTIFY_EMAIL_TO: "front-desk@e2e.example.com",
  LEADS_RATE_LIMIT_PER_MINUTE: "1000",
  EMBED_ALLOWED_ORIGINS: embedAllowedOrigins,
  // The loopback peer (Playwright) may name a client in X-Forwarded-For: every signIn() of the specs
  // comes from an address of its own (tests/e2e/support/staff.ts), so no spec spends another's
  // sign-in rate limit budget (5 a minute per address).
  TRUSTED_PROXIES: "127.0.0.1",
};
// The staff accounts the browser tests sign in with (tests/e2e/support/credentials.ts reads the same file).
const staff = JSON.parse(readFileSync(path.resolve("tests/e2e/support/staff-accounts.json"), "utf8"));
const userCreate = (a) => ["npm", "run", "--silent", "user:create", "--", "--email", a.email, "--password", a.password, "--role", a.role, "--name", a.name];
for (const step of [
  ["npm", "run", "--silent", "db:migrate"],
  ["npm", "run", "--silent", "db:seed"],
  userCreate(staff.admin),
  userCreate(staff.frontDesk),
]) {
  const r = spawnSync(step[0], step.slice(1), { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], { stdio: "inherit", env });
const stop = () => {
  server.kill("SIGTERM");
  smtp.close();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => process.exit(code ?? 0));
