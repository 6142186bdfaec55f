// Types of scripts/db/new-migration.mjs (see that file).
export const MIGRATION_PROVIDERS: readonly ["sqlite", "postgresql"];
export const NAME_PATTERN: RegExp;
export const MAX_NAME_LENGTH: number;
export function migrationTimestamp(date: Date): string;
export function createMigration(name: string, options?: { root?: string; now?: Date }): { folder: string; files: string[] };
