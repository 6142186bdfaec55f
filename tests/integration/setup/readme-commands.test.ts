/**
 * The README's set-up promises, run the way the README says: `npm run db:migrate`,
 * `npm run db:seed -- --demo` (what `npm run dev` runs first: it prints the demo staff logins) and
 * `npm run user:create -- ...`, as child processes on a fresh SQLite file.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { DEMO_STAFF } from "@/prisma/seed/demo-staff";
import { signIn } from "@/tests/support/staff-auth";

let dir: string;
let databaseUrl: string;
let db: Db;

function npmRun(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync("npm", ["run", "--silent", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "silent", ...env },
    timeout: 120_000,
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "smp-readme-"));
  databaseUrl = `file:${path.join(dir, "readme.db")}`;
  const migrated = npmRun(["db:migrate"]);
  expect(migrated.status, migrated.out).toBe(0);
  db = createDb(databaseUrl);
}, 180_000);

afterAll(async () => {
  await db?.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

describe("README set-up commands", () => {
  it("db:seed --demo loads the price table, the demo staff and demo inquiries, and prints both logins", async () => {
    const seeded = npmRun(["db:seed", "--", "--demo"]);
    expect(seeded.status, seeded.out).toBe(0);
    for (const account of DEMO_STAFF) expect(seeded.out).toContain(`${account.email} / ${account.password} (${account.role})`);
    expect(await db.priceTableVersion.count({ where: { active: true } })).toBe(1);
    expect(await db.clinicProfile.findUnique({ where: { id: "clinic" } })).toMatchObject({ isPlaceholder: true });
    expect(seeded.out).toContain("clinic profile: placeholder");
    expect(await db.lead.count()).toBeGreaterThanOrEqual(200);
    for (const account of DEMO_STAFF) {
      const user = await db.user.findUnique({ where: { email: account.email } });
      expect(user?.role).toBe(account.role);
      expect(await signIn(db, account.email, account.password)).toMatch(/session_token=/);
    }
  }, 180_000);

  it("db:seed is idempotent and never creates demo accounts in production", async () => {
    const users = await db.user.count();
    const again = npmRun(["db:seed", "--", "--demo"], { NODE_ENV: "production", BETTER_AUTH_SECRET: "x".repeat(40) });
    expect(again.status, again.out).toBe(0);
    expect(again.out).toContain("never in production");
    expect(await db.user.count()).toBe(users);
    expect(await db.priceTableVersion.count()).toBe(1);
    expect(await db.clinicProfile.count()).toBe(1);
    expect(await db.clinicSettings.count()).toBe(1);
  }, 180_000);

  it("user:create makes a staff account that can sign in, and refuses bad input with a clear message", async () => {
    const created = npmRun(["user:create", "--", "--email", "Maria.Lopez@Clinic.test", "--password", "a long staff password", "--role", "front_desk"]);
    expect(created.status, created.out).toBe(0);
    const user = await db.user.findUnique({ where: { email: "maria.lopez@clinic.test" } });
    expect(user?.role).toBe("front_desk");
    expect(await signIn(db, "maria.lopez@clinic.test", "a long staff password")).toMatch(/session_token=/);

    const duplicate = npmRun(["user:create", "--", "--email", "maria.lopez@clinic.test", "--password", "another long password", "--role", "admin"]);
    expect(duplicate.status).toBe(3);
    expect(duplicate.out).toMatch(/already/i);

    const badRole = npmRun(["user:create", "--", "--email", "x@clinic.test", "--password", "a long staff password", "--role", "owner"]);
    expect(badRole.status).toBe(2);
    expect(badRole.out).toMatch(/role/i);

    const weak = npmRun(["user:create", "--", "--email", "y@clinic.test", "--password", "short", "--role", "admin"]);
    expect(weak.status).not.toBe(0);
    expect(weak.out).toMatch(/password/i);
    expect(await db.user.count({ where: { email: { in: ["x@clinic.test", "y@clinic.test"] } } })).toBe(0);
  }, 180_000);
});
