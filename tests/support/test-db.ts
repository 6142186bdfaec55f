/**
 * Real, fresh, migrated databases for integration tests (no mocks).
 *
 *   forEachProvider("lead persistence", (t) => {
 *     it("stores a lead", async () => { await t.db.lead.create(...) });
 *   });
 *
 * runs the same suite on SQLite (a file in a temp folder) and on PostgreSQL (a new database
 * `smp_test_<random>` on the server at TEST_POSTGRES_URL, dropped afterwards). Without
 * TEST_POSTGRES_URL the PostgreSQL suites FAIL with a clear message: they are never skipped.
 *
 * A database with the project's migrations is a COPY of the run's migrated template
 * (tests/support/test-db-template.ts: a file copy on SQLite, CREATE DATABASE ... TEMPLATE on
 * PostgreSQL) when the integration project's globalSetup built one for the migrations as they are
 * now; otherwise (another project, a migration added since the run started) it is migrated here.
 * `migrate: false` and `migrateOptions` always start from an empty database.
 */
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { inject } from "vitest";

import { createDb, type Db } from "@/lib/db/client";
import { migrate, type MigrateOptions } from "@/lib/db/migrate";
import type { DbProvider } from "@/lib/db/provider";
import { adminQuery, migrationsKey, withDatabase } from "@/tests/support/test-db-template";

export const PROVIDERS: readonly DbProvider[] = ["sqlite", "postgresql"];

export function testPostgresUrl(): string {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) {
    throw new Error(
      "TEST_POSTGRES_URL is not set: the PostgreSQL tests cannot run and are never skipped. Set it to a " +
        "server where the user may CREATE DATABASE, e.g. TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres",
    );
  }
  return url;
}

export interface TestDatabase {
  provider: DbProvider;
  /** DATABASE_URL of the fresh database. */
  url: string;
  /** A client on it (created lazily; disconnected by cleanup()). */
  readonly db: Db;
  /** Disconnects and deletes the database. Idempotent. */
  cleanup(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** Apply the project's migrations (default true). */
  migrate?: boolean;
  migrateOptions?: MigrateOptions;
}

/** The run's template for `provider`, if one was built and still matches the migrations on disk. */
function currentTemplate(provider: DbProvider): { file: string } | { database: string } | undefined {
  const template = inject("testDbTemplates")?.[provider];
  return template && template.key === migrationsKey(provider) ? template : undefined;
}

export async function createTestDatabase(
  provider: DbProvider,
  options: CreateTestDatabaseOptions = {},
): Promise<TestDatabase> {
  const migrateIt = options.migrate ?? true;
  const template = migrateIt && !options.migrateOptions ? currentTemplate(provider) : undefined;
  let url: string;
  let drop: () => Promise<void>;
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "smp-test-db-"));
    const file = path.join(dir, "test.db");
    url = `file:${file}`;
    drop = async () => rmSync(dir, { recursive: true, force: true });
    if (template && "file" in template) copyFileSync(template.file, file);
  } else {
    const server = testPostgresUrl();
    const name = `smp_test_${randomBytes(6).toString("hex")}`;
    const from = template && "database" in template ? ` TEMPLATE "${template.database}"` : "";
    await adminQuery(server, `CREATE DATABASE "${name}"${from}`);
    url = withDatabase(server, name);
    drop = async () => {
      await adminQuery(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
  }

  let client: Db | undefined;
  let cleaned = false;
  const t: TestDatabase = {
    provider,
    url,
    get db() {
      client ??= createDb(url, { poolMax: 4 });
      return client;
    },
    async cleanup() {
      if (cleaned) return;
      cleaned = true;
      if (client) await client.$disconnect();
      await drop();
    },
  };
  try {
    if (migrateIt && !template) await migrate(url, options.migrateOptions);
  } catch (e) {
    await t.cleanup();
    throw e;
  }
  return t;
}

export interface ProviderContext {
  provider: DbProvider;
  /** Valid inside tests and hooks (after the suite's beforeAll). */
  readonly db: Db;
  readonly url: string;
}

/**
 * Declares `describe("<name> [<provider>]")` once per provider with a fresh migrated database (a copy
 * of the run's template, see above) shared
 * by the tests of that block, deleted after it. Call at the top level of a test file.
 */
export function forEachProvider(
  name: string,
  fn: (t: ProviderContext) => void,
  options: CreateTestDatabaseOptions = {},
): void {
  for (const provider of PROVIDERS) {
    describe(`${name} [${provider}]`, () => {
      let current: TestDatabase | undefined;
      let setupError: unknown;
      beforeAll(async () => {
        try {
          current = await createTestDatabase(provider, options);
        } catch (e) {
          setupError = e; // reported by every test below (vitest would mark them "skipped" otherwise)
        }
      });
      beforeEach(() => {
        if (setupError !== undefined) throw setupError;
      });
      afterAll(async () => {
        await current?.cleanup();
      });
      const need = (): TestDatabase => {
        if (setupError !== undefined) throw setupError;
        if (!current) throw new Error(`No ${provider} test database (its setup failed; see the first error).`);
        return current;
      };
      fn({
        provider,
        get db() {
          return need().db;
        },
        get url() {
          return need().url;
        },
      });
    });
  }
}
