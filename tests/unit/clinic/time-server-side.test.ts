import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

/**
 * Clinic time is server-side (decision 017): temporal-polyfill (19.3 KB gzipped) must not reach a
 * browser bundle. Follows the static value imports of every "use client" module and fails if one
 * leads to lib/clinic/time.ts or imports temporal-polyfill itself.
 */
const ROOT = path.resolve(import.meta.dirname, "../../..");
const CLINIC_TIME = path.join(ROOT, "lib/clinic/time.ts");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" || name === "node_modules" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? path.join(ROOT, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(from), specifier) : null;
  if (base === null) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The modules a file imports for their values (`import type` and `export type` lines are erased by the compiler). */
function valueImports(file: string): { local: string[]; packages: string[] } {
  const text = readFileSync(file, "utf8");
  const local: string[] = [];
  const packages: string[] = [];
  for (const match of text.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm)) {
    const specifier = match[1] as string;
    const resolved = resolveImport(file, specifier);
    if (resolved) local.push(resolved);
    else if (!specifier.startsWith(".") && !specifier.startsWith("@/")) packages.push(specifier);
  }
  return { local, packages };
}

describe("clinic time stays on the server", () => {
  it("no client component reaches lib/clinic/time.ts or temporal-polyfill", () => {
    const clientEntries = ["app", "components", "lib"]
      .flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
      .filter((file) => /^\s*["']use client["']/.test(readFileSync(file, "utf8")));
    expect(clientEntries.length).toBeGreaterThan(10);
    const reached: string[] = [];
    const seen = new Set<string>();
    const queue = [...clientEntries];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      const { local, packages } = valueImports(file);
      if (file === CLINIC_TIME || packages.some((p) => p.startsWith("temporal-polyfill"))) reached.push(path.relative(ROOT, file));
      queue.push(...local);
    }
    expect(reached).toEqual([]);
    // The walk does see the module graph: the questionnaire's client code reaches the rules.
    expect(seen.has(path.join(ROOT, "lib/candidacy/clearance.ts"))).toBe(true);
  });
});
