/**
 * Search params (URLSearchParams or Next's `searchParams` record) as a plain record for a zod
 * schema; repeated keys keep the first value. Keys are defined as own properties, so `__proto__`
 * or `constructor` in a query string stay visible to the schema (a strict schema rejects them).
 */
export function searchParamsRecord(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, value: string) => {
    if (!Object.hasOwn(out, key)) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  };
  if (params instanceof URLSearchParams) {
    for (const [key, value] of params) put(key, value);
  } else {
    for (const key of Object.keys(params)) {
      const value = params[key];
      const first = Array.isArray(value) ? value[0] : value;
      if (first !== undefined) put(key, first);
    }
  }
  return out;
}
