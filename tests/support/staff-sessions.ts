/**
 * Sessions for the staff account tests: a fresh client address per sign-in call (the sign-in and
 * two-factor rate limits never interfere between tests), the session cookie an action set (the
 * next/headers mock records it), and a signed-in user with another cookie.
 */
import type { ActionState } from "@/lib/workspace/action-state";
import { PEER_ADDRESS_HEADER } from "@/lib/http/client-ip";

import type { SignedInStaff } from "./staff-auth";
import { request } from "./staff-request";

let ipCounter = 0;
/** A fresh client address per sign-in call, so the sign-in rate limits never interfere between tests. */
export const browser = (cookie?: string): Headers => {
  ipCounter += 1;
  const h = new Headers({ [PEER_ADDRESS_HEADER]: `198.18.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}` });
  if (cookie) h.set("cookie", cookie);
  return h;
};

/** The session cookie an action set through next/headers (the mock records it), as a Cookie header. */
export function cookieSetByAction(): string {
  const pairs = [...request.setCookies].filter(([name, value]) => name.includes("session_token") && value !== "");
  if (pairs.length === 0) throw new Error("the action set no session cookie");
  return pairs.map(([name, value]) => `${name}=${value}`).join("; ");
}

export const asHeaders = (who: SignedInStaff, cookie: string): SignedInStaff => ({ ...who, cookie, headers: new Headers({ cookie }) });

export const run = (action: Promise<ActionState>): Promise<ActionState> => action;

