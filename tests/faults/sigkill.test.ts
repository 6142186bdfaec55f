/**
 * A power cut under load, on SQLite and PostgreSQL: the production server is SIGKILLed while
 * concurrent clients submit inquiries, restarted on the same database, and every submission whose
 * answer never came is re-sent with its idempotency key. Then: every key that got 201 is stored
 * exactly once, every other key at most once (its re-send tells), and no lead lacks its event or its
 * outbox row. The two databases run side by side (separate servers and databases).
 */
import { runSeed } from "@/prisma/seed";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/tests/support/test-db";
import type { DbProvider } from "@/lib/db/provider";

import { type AppServer, startApp } from "./support/app-server";
import { type Answer, leadSubmission, postLead, sleep } from "./support/http";
import { storedLeads } from "./support/store";

const CHANNEL_ENV = { LEAD_WEBHOOK_URL: "http://127.0.0.1:9/unused", LEAD_WEBHOOK_SECRET: "fault-tests-webhook-secret-0000" };
const CLIENTS = 8;
const ROUNDS = 2;
/**
 * Each round kills the server once this many submissions of the round got 201 (and some time
 * passed, so more are in flight): quick on an idle machine, still meaningful on a busy one.
 */
const KILL_AFTER_201 = 6;
const MIN_LOAD_MS = 400;
const MAX_LOAD_MS = 10_000;

const setups = new Map<DbProvider, { t: TestDatabase; app: AppServer }>();

beforeAll(async () => {
  await Promise.all(
    PROVIDERS.map(async (provider) => {
      const t = await createTestDatabase(provider);
      await runSeed(t.db);
      await t.db.$disconnect();
      setups.set(provider, { t, app: await startApp({ databaseUrl: t.url, env: CHANNEL_ENV }) });
    }),
  );
});
afterAll(async () => {
  await Promise.all([...setups.values()].map(async ({ t, app }) => {
    await app.stop();
    await t.cleanup();
  }));
});

describe.concurrent("SIGKILL under concurrent submissions", () => {
  for (const provider of PROVIDERS) {
    it(`[${provider}] ${ROUNDS} kills mid-load: every 201 stored once, in-flight keys re-sent, nothing half-written`, async ({ expect }) => {
      const { t, app } = setups.get(provider)!;
      const all: { sub: ReturnType<typeof leadSubmission>; answer?: Answer }[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        let stop = false;
        let created = 0;
        const clients = Array.from({ length: CLIENTS }, async () => {
          while (!stop) {
            const entry: (typeof all)[number] = { sub: leadSubmission() };
            all.push(entry);
            entry.answer = await postLead(app.baseUrl, entry.sub.body);
            if (entry.answer.status === 201) created++;
            if (entry.answer.status === 0) return; // the server is gone
          }
        });
        const started = Date.now();
        await sleep(MIN_LOAD_MS + round * 150);
        while (created < KILL_AFTER_201 && Date.now() - started < MAX_LOAD_MS) await sleep(25);
        await app.stop("SIGKILL");
        stop = true;
        await Promise.all(clients);
        await app.restart();
      }

      const answered201 = all.filter((e) => e.answer?.status === 201);
      const unanswered = all.filter((e) => e.answer?.status !== 201);
      expect(answered201.length).toBeGreaterThanOrEqual(ROUNDS * KILL_AFTER_201);
      expect(unanswered.length).toBeGreaterThan(0);
      // Only 201 or no answer at all (the kill): no 500 while the server was alive.
      expect(all.map((e) => e.answer?.status).filter((s) => s !== 201 && s !== 0)).toEqual([]);

      // Re-send the in-flight keys: 200 = it had been stored before the kill, 201 = stored now.
      const resent = await Promise.all(unanswered.map((e) => postLead(app.baseUrl, e.sub.body)));
      expect(resent.map((a) => a.status).filter((s) => s !== 200 && s !== 201)).toEqual([]);
      // Re-sending keys that already got 201 answers 200 and stores nothing new.
      const again = await Promise.all(answered201.slice(0, 10).map((e) => postLead(app.baseUrl, e.sub.body)));
      expect(again.map((a) => a.status)).toEqual(again.map(() => 200));

      const stored = await storedLeads(t.url, 1);
      expect(stored.halfWritten).toBe(0);
      for (const e of all) expect(stored.byKey.get(e.sub.key), e.sub.key).toBe(1);
      expect(stored.total).toBe(all.length);
    });
  }
});
