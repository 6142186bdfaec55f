/**
 * Which database a DATABASE_URL points at. Kept free of "server-only" and of any driver import so
 * that tooling (migrations, tests, scripts) can use it too.
 */
export type DbProvider = "sqlite" | "postgresql";

export const DEFAULT_DATABASE_URL = "file:./data/smp.db";

export function providerOf(databaseUrl: string): DbProvider {
  if (databaseUrl.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//i.test(databaseUrl)) return "postgresql";
  throw new Error(
    `DATABASE_URL must start with "file:" (SQLite) or "postgres://" / "postgresql://" (PostgreSQL); got "${redactUrl(databaseUrl)}"`,
  );
}

/**
 * Absolute path of the SQLite file of a `file:` URL (relative paths are taken from the current
 * working directory, as Prisma does), or ":memory:".
 */
export function sqliteFilePath(databaseUrl: string, cwd: string = process.cwd()): string {
  const raw = decodeURIComponent(databaseUrl.replace(/^file:/, "").replace(/\?.*$/, ""));
  if (raw === "" || raw === ":memory:") return ":memory:";
  if (raw.startsWith("/")) return raw;
  return `${cwd.replace(/\/+$/, "")}/${raw.replace(/^\.\//, "")}`;
}

/** The URL without its password, for messages and logs. */
export function redactUrl(databaseUrl: string): string {
  return databaseUrl.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
}
