/**
 * The staff pages' loaders and server actions, run in-process by the integration tests: next/headers
 * answers with the request headers of the test's user (`as(who)`, as Next.js would supply them) and
 * records the cookies an action sets, next/cache's revalidatePath is a no-op, and `outcome()` reads
 * back the control-flow errors that redirect(), notFound() and forbidden() throw. A test file mocks
 * the two modules with this one's objects (vi.mock is hoisted, so the factory imports them):
 *
 *   vi.mock("next/headers", async () => (await import("@/tests/support/staff-request")).nextHeadersMock);
 *   vi.mock("next/cache", async () => (await import("@/tests/support/staff-request")).nextCacheMock);
 */
import { anonymousHeaders, type SignedInStaff } from "./staff-auth";

// What `experimental.authInterrupts` in next.config.js sets for the app's build: forbidden() is allowed.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

/** The current request as next/headers shows it; `setCookies` holds what actions set. */
export const request = { headers: new Headers(), setCookies: new Map<string, string>() };

export const nextHeadersMock = {
  headers: async () => request.headers,
  cookies: async () => ({
    get: () => undefined,
    // The request's own cookies, as Next parses them (what a page rendered after an action reads).
    getAll: () => requestCookies(),
    has: () => false,
    set: (name: string, value: string) => {
      request.setCookies.set(name, value);
    },
    delete: () => undefined,
  }),
};

function requestCookies(): { name: string; value: string }[] {
  return (request.headers.get("cookie") ?? "")
    .split(";")
    .map((pair) => pair.trim())
    .filter((pair) => pair.includes("="))
    .map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: decodeURIComponent(pair.slice(at + 1)) };
    });
}

export const nextCacheMock = { revalidatePath: () => undefined, revalidateTag: () => undefined };

/** The next requests come from this staff user (null: anonymous). */
export function as(who: SignedInStaff | null): void {
  request.headers = who ? who.headers : anonymousHeaders();
}

export type Outcome<T> = { kind: "ok"; value: T } | { kind: "redirect"; to: string } | { kind: "not_found" } | { kind: "forbidden" };

export async function outcome<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { kind: "ok", value: await run() };
  } catch (e) {
    const digest = typeof e === "object" && e !== null ? String((e as { digest?: unknown }).digest ?? "") : "";
    if (digest.startsWith("NEXT_REDIRECT;")) return { kind: "redirect", to: digest.split(";")[2] ?? "" };
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return { kind: "not_found" };
    // next/navigation forbidden(): Next answers 403 and renders app/staff/forbidden.tsx.
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;403") return { kind: "forbidden" };
    throw e;
  }
}

/** FormData as a browser sends a form. */
export function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}
