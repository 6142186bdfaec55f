import { spawn } from "node:child_process";

/**
 * Runs `script` (a TypeScript file that prints one JSON line on stdout) in a child process whose own
 * time zone is `tz` (node + tsx, as the scripts run), and resolves with what it printed, parsed.
 * The clinic-time and slot tests compare such reports under several TZ values with their own
 * process's (results must not depend on the server's zone: decision 017). Rejects with the child's
 * stderr when it exits non-zero.
 */
export function reportUnderTz<T>(script: string, tz: string, args: readonly string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      env: { ...process.env, TZ: tz },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`TZ=${tz}: exit ${code}\n${err}`));
      else {
        try {
          resolve(JSON.parse(out) as T);
        } catch (e) {
          reject(new Error(`TZ=${tz}: the child printed no JSON report (${e instanceof Error ? e.message : String(e)})\n${out}\n${err}`));
        }
      }
    });
  });
}
