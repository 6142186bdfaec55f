/**
 * Database outages against the production server (loopback only), on SQLite and PostgreSQL:
 * the answer is a 503 with Retry-After within a bounded time, never a 500 or a hang; the server
 * stays responsive meanwhile; after recovery the same submissions succeed, each stored exactly once
 * with its event and outbox row.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { once } from "node:events";

import Database from "better-sqlite3";

import { sqliteFilePath } from "@/lib/db/provider";
import { runSeed } from "@/prisma/seed";
import { createTestDatabase, type TestDatabase } from "@/tests/support/test-db";

import { type AppServer, startApp } from "./support/app-server";
import { type Answer, getHealth, isContract503, leadSubmission, postLead, postQuote, sleep } from "./support/http";
import { type StallableProxy, startStallableProxy } from "./support/tcp-proxy";
import { pgAdmin, storedLeads } from "./support/store";

/** A webhook channel makes every lead write its outbox row too; the worker stays off. */
const CHANNEL_ENV = { LEAD_WEBHOOK_URL: "http://127.0.0.1:9/unused", LEAD_WEBHOOK_SECRET: "fault-tests-webhook-secret-0000" };
const LOCK_BOUND_MS = 800;

async function seededDatabase(provider: "sqlite" | "postgresql"): Promise<TestDatabase> {
  const t = await createTestDatabase(provider);
  await runSeed(t.db);
  await t.db.$disconnect();
  return t;
}

/** Re-sends every submission until it is stored; returns the statuses of the re-sends. */
async function resendAll(baseUrl: string, subs: ReturnType<typeof leadSubmission>[]): Promise<number[]> {
  return Promise.all(subs.map(async (s) => (await postLead(baseUrl, s.body)).status));
}

async function expectStoredOnce(url: string, subs: ReturnType<typeof leadSubmission>[]): Promise<void> {
  const stored = await storedLeads(url, 1);
  expect(stored.halfWritten).toBe(0);
  for (const s of subs) expect(stored.byKey.get(s.key), s.key).toBe(1);
  expect(stored.total).toBe(subs.length);
}

function expectNever500(answers: Answer[]): void {
  const statuses = answers.map((a) => a.status);
  expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
  expect(statuses.filter((s) => s === 0)).toEqual([]);
  for (const a of answers.filter((x) => x.status === 503)) expect(isContract503(a), JSON.stringify(a)).toBe(true);
}

/**
 * Sets or clears the immutable attribute (chattr): writes then fail with EPERM even for root, which
 * file modes do not stop. Needs CAP_LINUX_IMMUTABLE and a filesystem with the attribute (ext4, xfs, tmpfs).
 */
function chattr(flag: "+i" | "-i", paths: string[]): void {
  execFileSync("chattr", [flag, ...paths], { stdio: "pipe" });
}

/** Another PROCESS holding SQLite's write lock until told to let go. */
async function holdSqliteLock(file: string): Promise<{ release: () => Promise<void>; child: ChildProcess }> {
  const script = `const D = require("better-sqlite3"); const db = new D(${JSON.stringify(file)});
    db.exec("BEGIN EXCLUSIVE"); process.stdout.write("locked\\n");
    process.stdin.once("data", () => { db.exec("COMMIT"); db.close(); process.exit(0); });`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["pipe", "pipe", "inherit"], cwd: process.cwd() });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("locked")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return {
    child,
    release: async () => {
      const exited = once(child, "exit");
      child.stdin!.write("go\n");
      await exited;
    },
  };
}

const PG_ENV = {
  ...CHANNEL_ENV,
  DATABASE_POOL_MAX: "4",
  DATABASE_POOL_TIMEOUT_MS: "800",
  DATABASE_LOCK_TIMEOUT_MS: String(LOCK_BOUND_MS),
  DATABASE_STATEMENT_TIMEOUT_MS: "1500",
};

let sqlite: { t: TestDatabase; app: AppServer };
let postgres: { t: TestDatabase; app: AppServer; proxy: StallableProxy; viaProxy: AppServer };

// Every server of this file starts at once: SQLite's, PostgreSQL's, and one more on PostgreSQL
// behind the stallable loopback proxy.
beforeAll(async () => {
  await Promise.all([
    (async () => {
      const t = await seededDatabase("sqlite");
      // LOG_LEVEL warn: the log names the driver's error code of each 503 (name and code only).
      sqlite = { t, app: await startApp({ databaseUrl: t.url, env: { ...CHANNEL_ENV, DATABASE_LOCK_TIMEOUT_MS: String(LOCK_BOUND_MS), LOG_LEVEL: "warn" } }) };
    })(),
    (async () => {
      const t = await seededDatabase("postgresql");
      const proxy = await startStallableProxy(new URL(t.url));
      const proxied = new URL(t.url);
      proxied.hostname = "127.0.0.1";
      proxied.port = String(proxy.port);
      const [app, viaProxy] = await Promise.all([startApp({ databaseUrl: t.url, env: PG_ENV }), startApp({ databaseUrl: proxied.toString(), env: PG_ENV })]);
      postgres = { t, app, proxy, viaProxy };
    })(),
  ]);
});
afterAll(async () => {
  await Promise.all([sqlite?.app.stop(), postgres?.app.stop(), postgres?.viaProxy.stop()]);
  await postgres?.proxy.close();
  await Promise.all([sqlite?.t.cleanup(), postgres?.t.cleanup()]);
});

describe("SQLite outages [production server]", () => {
  it("another process holds BEGIN EXCLUSIVE: quote and health answer within 200 ms meanwhile; submissions get 503 + Retry-After within the bound; after release each is stored once", async () => {
    const { t, app } = sqlite;
    // A server that has served before (its lead, quote and health paths loaded and compiled,
    // connections open): the first requests after a start cost far more than the lock does.
    const warm = Array.from({ length: 8 }, leadSubmission);
    expect((await Promise.all(warm.map((w) => postLead(app.baseUrl, w.body)))).map((a) => a.status)).toEqual(warm.map(() => 201));
    for (let i = 0; i < 10; i++) expect([(await postQuote(app.baseUrl)).status, (await getHealth(app.baseUrl)).status]).toEqual([200, 200]);

    const lock = await holdSqliteLock(sqliteFilePath(t.url));
    // The lock holder is a new Node.js process: let its start-up work settle before timing anything.
    await sleep(150);
    const subs = Array.from({ length: 16 }, leadSubmission);
    const leadAnswers: Promise<Answer>[] = [];
    const probes: Answer[] = [];
    try {
      // Submissions keep arriving (one every 40 ms) and each waits for the lock, up to the bound,
      // then 503: most of the time about a dozen wait at once while the probes run.
      const arrivals = (async () => {
        await sleep(150);
        for (const s of subs) {
          leadAnswers.push(postLead(app.baseUrl, s.body));
          await sleep(40);
        }
      })();
      const until = Date.now() + 150 + subs.length * 40 + LOCK_BOUND_MS;
      while (Date.now() < until) {
        probes.push(await postQuote(app.baseUrl), await getHealth(app.baseUrl));
        await sleep(20);
      }
      await arrivals;
      await Promise.all(leadAnswers);
    } finally {
      await lock.release();
    }
    const answers = await Promise.all(leadAnswers);
    expect(probes.length).toBeGreaterThanOrEqual(10);
    expect(probes.map((p) => p.status)).toEqual(probes.map(() => 200));
    // With better-sqlite3's synchronous busy wait every probe waited for the lock (seconds). Now
    // every probe answers within 200 ms while the submissions wait.
    const ms = probes.map((p) => Math.round(p.ms));
    expect(Math.max(...ms), `probe times (ms): ${ms.join(", ")}`).toBeLessThan(200);
    expect(answers.map((a) => a.status)).toEqual(subs.map(() => 503));
    expectNever500(answers);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(LOCK_BOUND_MS + 1500);
    expect((await storedLeads(t.url, 1)).total).toBe(warm.length);

    expect(await resendAll(app.baseUrl, subs)).toEqual(subs.map(() => 201));
    await expectStoredOnce(t.url, [...warm, ...subs]);
  });

  it("the database turns read-only under the running server (immutable files: writes fail with EPERM): writes 503 + Retry-After, quote and health answer; writable again, the same submissions succeed once, no restart", async () => {
    const { t, app } = sqlite;
    const file = sqliteFilePath(t.url);
    // Root writes through file modes, not through the immutable attribute. The -shm file stays
    // writable: it is memory-mapped, and SQLite's readers need it.
    const files = [file, `${file}-wal`];
    const before = (await storedLeads(t.url, 1)).total;
    const subs = Array.from({ length: 4 }, leadSubmission);
    chattr("+i", files);
    let answers: Answer[];
    try {
      answers = [...(await Promise.all(subs.map((s) => postLead(app.baseUrl, s.body)))), await postQuote(app.baseUrl), await getHealth(app.baseUrl)];
    } finally {
      chattr("-i", files);
    }
    expectNever500(answers);
    expect(answers.map((a) => a.status)).toEqual([503, 503, 503, 503, 200, 200]);
    expect(app.stderr()).toMatch(/"code":"SQLITE_IOERR/);
    expect((await storedLeads(t.url, 1)).total).toBe(before);
    expect(await resendAll(app.baseUrl, subs)).toEqual(subs.map(() => 201));
    const stored = await storedLeads(t.url, 1);
    expect(stored.total).toBe(before + subs.length);
    expect(stored.halfWritten).toBe(0);
    for (const s of subs) expect(stored.byKey.get(s.key)).toBe(1);
  });

  it("a database read-only when the server starts (SQLITE_READONLY): reads answer, writes 503 + Retry-After, never 500; writable again and restarted, the same submissions succeed once", async () => {
    const { t, app } = sqlite;
    const file = sqliteFilePath(t.url);
    const dir = path.dirname(file);
    // A clean file without -wal/-shm (a read-only WAL database needs a writable -shm), then the
    // file and its folder immutable: SQLite opens it read-only and every write is SQLITE_READONLY.
    await app.stop();
    const admin = new Database(file);
    admin.pragma("journal_mode = DELETE");
    admin.close();
    const before = (await storedLeads(t.url, 1)).total;
    const subs = Array.from({ length: 4 }, leadSubmission);
    chattr("+i", [file, dir]);
    try {
      await app.restart();
      const answers = [...(await Promise.all(subs.map((s) => postLead(app.baseUrl, s.body)))), await postQuote(app.baseUrl), await getHealth(app.baseUrl)];
      expectNever500(answers);
      expect(answers.map((a) => a.status)).toEqual([503, 503, 503, 503, 200, 200]);
      expect(app.stderr()).toContain('"code":"SQLITE_READONLY"');
    } finally {
      chattr("-i", [file, dir]);
    }
    // SQLite keeps a connection it opened read-only: once the disk is writable the operator
    // restarts the app; the same submissions then go through, once each.
    await app.stop();
    await app.restart();
    expect(await resendAll(app.baseUrl, subs)).toEqual(subs.map(() => 201));
    const stored = await storedLeads(t.url, 1);
    expect(stored.total).toBe(before + subs.length);
    expect(stored.halfWritten).toBe(0);
  });
});

describe("PostgreSQL outages [production server]", () => {
  it("a table lock exhausts the pool: bounded 503 + Retry-After (quote and health included), never 500; after release each is stored once", async () => {
    const { t, app } = postgres;
    const subs = Array.from({ length: 24 }, leadSubmission);
    const started = Date.now();
    const answers = await pgAdmin(t.url, async (admin) => {
      await admin.query("BEGIN");
      await admin.query(`LOCK TABLE "Lead" IN ACCESS EXCLUSIVE MODE`);
      try {
        const leads = Promise.all(subs.map((s) => postLead(app.baseUrl, s.body)));
        await sleep(100);
        const others = await Promise.all([postQuote(app.baseUrl), getHealth(app.baseUrl), postQuote(app.baseUrl), getHealth(app.baseUrl)]);
        return { leads: await leads, others };
      } finally {
        await admin.query("ROLLBACK");
      }
    });
    const elapsed = Date.now() - started;
    expectNever500([...answers.leads, ...answers.others]);
    expect(answers.leads.map((a) => a.status)).toEqual(subs.map(() => 503));
    // Pool wait + lock wait, each bounded: far below a client's patience.
    expect(Math.max(...answers.leads.map((a) => a.ms))).toBeLessThan(8000);
    expect(elapsed).toBeLessThan(15_000);
    // Some probes found the pool full (503), none failed otherwise.
    for (const a of answers.others) expect([200, 503]).toContain(a.status);
    expect((await storedLeads(t.url, 1)).total).toBe(0);

    expect(await resendAll(app.baseUrl, subs)).toEqual(subs.map(() => 201));
    await expectStoredOnce(t.url, subs);
  });

  it("connections terminated under load: only 201 or 503, never 500; re-sent keys stored exactly once", async () => {
    const { t, app } = postgres;
    await pgAdmin(t.url, (admin) => admin.query(`DELETE FROM "OutboxMessage"; DELETE FROM "LeadEvent"; DELETE FROM "Lead"`));
    const subs = Array.from({ length: 60 }, leadSubmission);
    const answers: Answer[] = [];
    const killer = (async () => {
      for (let i = 0; i < 4; i++) {
        await sleep(150);
        await pgAdmin(t.url.replace(/\/[^/?]+(\?|$)/, "/postgres$1"), (admin) =>
          admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [
            new URL(t.url).pathname.slice(1),
          ]),
        );
      }
    })();
    for (let i = 0; i < subs.length; i += 6) {
      answers.push(...(await Promise.all(subs.slice(i, i + 6).map((s) => postLead(app.baseUrl, s.body)))));
    }
    await killer;
    expectNever500(answers);
    expect(answers.some((a) => a.status === 503)).toBe(true);
    // Re-sent until answered (a pooled connection cut by the last kill may still give one more 503).
    // 200: stored before (same key), 201: stored now. A 201 before is stored (the re-send says 200);
    // a 503 whose commit reached the server before its connection was cut may say 200 as well.
    // Either way: nothing lost, nothing twice.
    let again: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      again = await resendAll(app.baseUrl, subs);
      if (!again.includes(503)) break;
      await sleep(200);
    }
    for (let i = 0; i < subs.length; i++) {
      if (answers[i]!.status === 201) expect(again[i]).toBe(200);
      else expect([200, 201]).toContain(again[i]);
    }
    await expectStoredOnce(t.url, subs);
  });

  it("a stalled network between app and database: 503 + Retry-After within the bounds, then success when it flows again", async () => {
    const { t, proxy, viaProxy: stalled } = postgres;
    try {
      const warm = leadSubmission();
      expect((await postLead(stalled.baseUrl, warm.body)).status).toBe(201);
      proxy.stall();
      const subs = Array.from({ length: 6 }, leadSubmission);
      const answers = [...(await Promise.all(subs.map((s) => postLead(stalled.baseUrl, s.body)))), await getHealth(stalled.baseUrl), await postQuote(stalled.baseUrl)];
      expectNever500(answers);
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 503));
      expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(8000);
      proxy.flow();
      // The pool drops the stalled connections; new ones work.
      let again: number[] = [];
      for (let i = 0; i < 20; i++) {
        again = await resendAll(stalled.baseUrl, subs);
        if (again.every((s) => s === 201 || s === 200)) break;
        await sleep(300);
      }
      expect(again.every((s) => s === 201 || s === 200)).toBe(true);
      const stored = await storedLeads(t.url, 1);
      for (const s of [warm, ...subs]) expect(stored.byKey.get(s.key)).toBe(1);
      expect(stored.halfWritten).toBe(0);
    } finally {
      proxy.flow();
    }
  });
});
