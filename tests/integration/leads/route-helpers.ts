/** Calls POST /api/v1/leads in-process with a real Request, against the database of DATABASE_URL. */
import { POST } from "@/app/api/v1/leads/route";
import { resetEnvCache } from "@/lib/env";
import { PEER_ADDRESS_HEADER } from "@/lib/http/client-ip";

let ipCounter = 0;

/**
 * A fresh client address per call, so tests don't share the per-IP rate limit unless they want to.
 * In-process calls have no socket: the address goes where the server puts the TCP peer's
 * (PEER_ADDRESS_HEADER, lib/http/node-server.ts).
 */
export function nextIp(): string {
  ipCounter++;
  return `10.${(process.pid >> 8) % 250}.${Math.floor(ipCounter / 250) % 250}.${ipCounter % 250}`;
}

export interface PostOptions {
  ip?: string;
  headers?: Record<string, string>;
  /** Send this string as the body instead of JSON.stringify(body). */
  raw?: string;
}

export async function postLead(body: unknown, options: PostOptions = {}): Promise<Response> {
  const request = new Request("http://localhost/api/v1/leads", {
    method: "POST",
    headers: { "content-type": "application/json", [PEER_ADDRESS_HEADER]: options.ip ?? nextIp(), ...options.headers },
    body: options.raw ?? JSON.stringify(body),
  });
  return POST(request, undefined);
}

/** Points the app's getDb() (and env) at a test database. */
export function useDatabaseUrl(url: string, extraEnv: Record<string, string | undefined> = {}): void {
  process.env.DATABASE_URL = url;
  for (const [key, value] of Object.entries(extraEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvCache();
}

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}
