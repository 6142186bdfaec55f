import { BlockList, isIP } from "node:net";

import type { TrustedProxies } from "@/lib/env";

/**
 * The client's address, the one function every per-client decision uses (lead limit, Better Auth's
 * sign-in limit, the audit's IP hash).
 *
 * The TCP peer address reaches route handlers in PEER_ADDRESS_HEADER, written by the server itself
 * for every request (lib/http/peer-address.ts, installed by instrumentation.ts) over whatever a
 * client sent under that name. X-Forwarded-For is believed only as far as TRUSTED_PROXIES says
 * (lib/env.ts): by default nobody is trusted and the client is the TCP peer, so a forged header
 * changes nothing.
 */

export const PEER_ADDRESS_HEADER = "x-smp-peer-address";

/**
 * The header that carries the resolved client address into Better Auth (its only IP header:
 * lib/staff/auth.ts advanced.ipAddress). Always overwritten by the app before Better Auth sees a request.
 */
export const CLIENT_IP_HEADER = "x-smp-client-ip";

/** Used when the peer address is unknown (never on the production server; in-process tests without it). */
export const UNKNOWN_CLIENT = "0.0.0.0";

/** "::ffff:192.0.2.1" -> "192.0.2.1"; lower case; undefined for anything that is not an IP address. */
export function normalizeIp(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  let ip = value.trim().toLowerCase();
  // [v6]:port or v4:port from odd proxies
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracketed) ip = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(":"));
  if (ip.startsWith("::ffff:") && isIP(ip.slice(7)) === 4) ip = ip.slice(7);
  return isIP(ip) === 0 ? undefined : ip;
}

const blockLists = new WeakMap<readonly string[], BlockList>();

function trustedList(ranges: readonly string[]): BlockList {
  let list = blockLists.get(ranges);
  if (!list) {
    list = new BlockList();
    for (const range of ranges) {
      const [address = "", prefix] = range.split("/");
      const normalized = normalizeIp(address) ?? address;
      const type = isIP(normalized) === 6 ? "ipv6" : "ipv4";
      if (prefix === undefined) list.addAddress(normalized, type);
      else list.addSubnet(normalized, Number(prefix), type);
    }
    blockLists.set(ranges, list);
  }
  return list;
}

function isTrusted(ip: string, ranges: readonly string[]): boolean {
  return trustedList(ranges).check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4");
}

/**
 * The hop chain, nearest last: X-Forwarded-For's entries (left = farthest) then the TCP peer.
 * An entry that is not an address ends the trustworthy part: `undefined` marks it.
 */
function hopChain(headers: Headers, peer: string | undefined): (string | undefined)[] {
  const forwarded = headers.get("x-forwarded-for");
  const entries = forwarded ? forwarded.split(",").map((e) => normalizeIp(e)) : [];
  return [...entries, peer];
}

export function clientIpFromHeaders(headers: Headers, trusted: TrustedProxies): string {
  const peer = normalizeIp(headers.get(PEER_ADDRESS_HEADER));
  if (trusted.kind === "none") return peer ?? UNKNOWN_CLIENT;
  const chain = hopChain(headers, peer);
  if (trusted.kind === "hops") {
    // The last `hops` entries are our proxies (the peer is the nearest one); the entry before
    // them is the address the outermost proxy saw. Walk right to left so that a garbage entry
    // beyond a proxy's own can never be picked.
    let client = peer;
    for (let i = chain.length - 1, seen = 0; i >= 0 && seen < trusted.hops; i--, seen++) {
      const next = chain[i - 1];
      if (next === undefined) break;
      client = next;
    }
    return client ?? UNKNOWN_CLIENT;
  }
  // CIDR list: skip trusted hops from the right; the first untrusted address is the client.
  let client = peer;
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = chain[i];
    if (hop === undefined) break;
    client = hop;
    if (!isTrusted(hop, trusted.ranges)) break;
  }
  return client ?? UNKNOWN_CLIENT;
}

export function clientIp(request: Request, trusted: TrustedProxies): string {
  return clientIpFromHeaders(request.headers, trusted);
}

/** A copy of `headers` with CLIENT_IP_HEADER set to the resolved client address (whatever the client sent). */
export function withClientIpHeader(headers: Headers, trusted: TrustedProxies): Headers {
  const copy = new Headers(headers);
  copy.set(CLIENT_IP_HEADER, clientIpFromHeaders(headers, trusted));
  return copy;
}
