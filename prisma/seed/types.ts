import type { Db } from "@/lib/db/client";

/**
 * One idempotent seed step: running it twice must leave the same data as running it once
 * (upsert by a natural key, or skip when present).
 */
export interface SeedStep {
  name: string;
  /** When false, the step runs only with `--demo` (demo staff accounts, demo leads). */
  always: boolean;
  /** Returns a short summary for the log. */
  run(db: Db): Promise<string>;
}
