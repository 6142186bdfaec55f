#!/usr/bin/env node
// `npm run db:new-migration <name>`: creates the two folders of a new hand-written migration with ONE
// UTC timestamp, so the providers can never disagree on its name or order:
//   prisma/migrations/sqlite/<yyyymmddhhmmss>_<name>/migration.sql
//   prisma/migrations/postgresql/<yyyymmddhhmmss>_<name>/migration.sql
// each with a header comment to replace by what the migration does and why, then its SQL
// (docs/decisions/004-hand-written-migrations.md). Refuses a name that is not lower_snake_case, a name
// an existing migration already has, and a timestamp not later than every existing migration's.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const MIGRATION_PROVIDERS = ["sqlite", "postgresql"];
export const NAME_PATTERN = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
export const MAX_NAME_LENGTH = 60;

/** "yyyymmddhhmmss" of `date` in UTC (Prisma's migration folder prefix). */
export function migrationTimestamp(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, "").replace(/[-T:]/g, "");
}

function header(provider, folder) {
  const other = MIGRATION_PROVIDERS.find((p) => p !== provider);
  return (
    `-- ${folder} (${provider}): replace this comment with what the migration changes and why.\n` +
    `-- Its twin prisma/migrations/${other}/${folder}/migration.sql must leave the same schema (the drift\n` +
    `-- test compares both with prisma/schema.prisma and with each other). Never edit it once applied.\n`
  );
}

/**
 * Creates both folders and files; returns their paths. Throws (creating nothing) on a bad name, a
 * name already used, or a timestamp not after the newest existing migration.
 */
export function createMigration(name, { root = process.cwd(), now = new Date() } = {}) {
  if (typeof name !== "string" || !NAME_PATTERN.test(name) || name.length > MAX_NAME_LENGTH) {
    throw new Error(
      `Migration name must be lower_snake_case (letters, digits, single underscores, starting with a letter), ` +
        `at most ${MAX_NAME_LENGTH} characters; got ${JSON.stringify(name)}`,
    );
  }
  const folder = `${migrationTimestamp(now)}_${name}`;
  const dirs = MIGRATION_PROVIDERS.map((provider) => path.join(root, "prisma", "migrations", provider));
  for (const dir of dirs) {
    if (!existsSync(dir)) throw new Error(`Migrations folder not found: ${dir}`);
    const existing = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    const sameName = existing.find((d) => d === folder || d.replace(/^\d+_/, "") === name);
    if (sameName) throw new Error(`A migration named "${name}" already exists: ${path.join(dir, sameName)}`);
    const newest = existing.filter((d) => /^\d{14}_/.test(d)).sort().at(-1);
    if (newest && newest.slice(0, 14) >= folder.slice(0, 14)) {
      throw new Error(`${folder} would not come after the newest migration ${newest} in ${dir}: check the clock`);
    }
  }
  const files = [];
  try {
    for (const [i, provider] of MIGRATION_PROVIDERS.entries()) {
      const dir = path.join(dirs[i], folder);
      mkdirSync(dir); // not recursive: fails if it appeared meanwhile
      const file = path.join(dir, "migration.sql");
      files.push(file);
      writeFileSync(file, header(provider, folder), { flag: "wx" });
    }
  } catch (e) {
    for (const file of files) rmSync(path.dirname(file), { recursive: true, force: true });
    throw e;
  }
  return { folder, files };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.length !== 1) {
    console.error("Usage: npm run db:new-migration <name>   (lower_snake_case, e.g. lead_consent_column)");
    process.exit(2);
  }
  try {
    const { files } = createMigration(args[0]);
    for (const file of files) console.log(`created ${path.relative(process.cwd(), file)}`);
    console.log("Write the SQL for both providers, then `npm run db:generate` if the schema changed.");
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
