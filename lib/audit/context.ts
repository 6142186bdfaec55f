import "server-only";

import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Who is acting beyond the staff member, for the audit rows written while a request runs: the API key
 * a request came with (lib/http/route.ts runs a key's handler inside `withAuditContext`). recordAudit
 * (lib/audit/record.ts) writes its id on every row, so each call a key makes is attributable to the
 * key, whatever domain function wrote the row.
 */
export interface AuditContext {
  apiKeyId: string;
}

const storage = new AsyncLocalStorage<AuditContext>();

export function withAuditContext<T>(context: AuditContext, fn: () => Promise<T>): Promise<T> {
  return storage.run(context, fn);
}

export function currentAuditContext(): AuditContext | undefined {
  return storage.getStore();
}
