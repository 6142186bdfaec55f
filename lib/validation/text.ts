import { z } from "zod";

/**
 * Text input hygiene, shared by every schema (forms and API alike) and by both wrappers.
 * C0 control characters (U+0000-U+001F) have no place in a name, an email or a search: PostgreSQL
 * refuses U+0000 in text outright, and the others are invisible tricks. Multi-line fields (notes,
 * reasons) may hold tab, CR and LF; nothing else of C0.
 */

/** Any C0 control character: never in single-line text. */
export const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001F]/;
/** C0 except tab (U+0009), LF (U+000A) and CR (U+000D): never in any text. */
export const ANY_TEXT_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

export const CONTROL_CHARACTER_MESSAGE = "Please remove the invisible control characters (such as U+0000) from this text.";
export const LINE_BREAK_MESSAGE = "Please keep this to one line (no tabs or line breaks).";

type StringParams = Parameters<typeof z.string>[0];

/**
 * A single-line text field: `z.string(params)` that refuses every C0 control character first
 * (tab and line breaks included), then whatever checks the caller chains (`.trim().min().max()`).
 */
export function singleLineText(params?: StringParams) {
  return z
    .string(params)
    .refine((value) => !ANY_TEXT_FORBIDDEN.test(value), { error: CONTROL_CHARACTER_MESSAGE, abort: true })
    .refine((value) => !SINGLE_LINE_FORBIDDEN.test(value), { error: LINE_BREAK_MESSAGE, abort: true });
}

/** A multi-line text field (notes): tab, CR and LF allowed; every other C0 control character refused. */
export function multiLineText(params?: StringParams) {
  return z.string(params).refine((value) => !ANY_TEXT_FORBIDDEN.test(value), { error: CONTROL_CHARACTER_MESSAGE, abort: true });
}

/**
 * The paths of every string in a parsed JSON value (or a form/query record) that holds a control
 * character no text may hold (`ANY_TEXT_FORBIDDEN`), in document order, at most `limit`. The route
 * and action wrappers run it on every input before its schema, so no route can let a U+0000 through
 * to the database, whatever its schema says. Own keys only; `__proto__` is a key like any other.
 */
export function forbiddenControlPaths(value: unknown, limit = 20): string[] {
  const out: string[] = [];
  const walk = (node: unknown, path: string, depth: number) => {
    if (out.length >= limit || depth > 64) return;
    if (typeof node === "string") {
      if (ANY_TEXT_FORBIDDEN.test(node)) out.push(path || "_root");
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, path ? `${path}.${index}` : String(index), depth + 1));
      return;
    }
    if (typeof node === "object" && node !== null) {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) walk(record[key], path ? `${path}.${key}` : key, depth + 1);
    }
  };
  walk(value, "", 0);
  return out;
}
