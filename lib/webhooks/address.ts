import "server-only";

import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";

import { getEnv } from "@/lib/env";

/**
 * Request forgery guard for webhook endpoints (docs/decisions/024-api-keys-and-webhooks.md): an
 * endpoint may not be on a private, loopback, link-local or otherwise non-public address unless the
 * operator allows it (WEBHOOK_ALLOW_PRIVATE=on). Checked when an endpoint is added (the host as
 * written, and what it resolves to now) and at EVERY delivery against the address actually connected
 * to: the delivery resolves the name itself (`guardedLookup`) and connects to that address only, and
 * checks the socket's peer once connected, so a name that later resolves inside the network is refused.
 */

const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24],
  ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) BLOCKED.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128], ["::1", 128], ["64:ff9b::", 96], ["64:ff9b:1::", 48], ["100::", 64], ["2001::", 23], ["2001:db8::", 32], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8],
] as const) BLOCKED.addSubnet(network, prefix, "ipv6");

/** True for an address a webhook may not reach by default (private, loopback, link-local, reserved). */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, "ipv4");
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return BLOCKED.check(mapped[1], "ipv4");
  return BLOCKED.check(address, "ipv6");
}

export function privateAddressesAllowed(): boolean {
  return getEnv().WEBHOOK_ALLOW_PRIVATE === "on";
}

export class ForbiddenAddressError extends Error {
  readonly code = "EWEBHOOKADDRESS";
  constructor(address: string) {
    super(`refused: ${address} is a private, loopback or link-local address (WEBHOOK_ALLOW_PRIVATE=on allows it)`);
    this.name = "ForbiddenAddressError";
  }
}

/** The host of a URL without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "");
}

/** Every address `host` resolves to now ([] when it does not resolve). */
export async function resolveAll(host: string): Promise<string[]> {
  if (isIP(host)) return [host];
  return new Promise((resolve) => {
    dnsLookup(host, { all: true }, (error, addresses) => resolve(error ? [] : addresses.map((a) => a.address)));
  });
}

/** The first refused address of a URL's host (as written, then as it resolves now), or null. */
export async function refusedAddressOf(url: URL): Promise<string | null> {
  if (privateAddressesAllowed()) return null;
  const host = hostOf(url);
  if (host === "localhost" || host.endsWith(".localhost")) return host;
  for (const address of await resolveAll(host)) if (isNonPublicAddress(address)) return address;
  return null;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request: resolves the name, refuses it when any address it resolves to is not
 * public (unless allowed), and hands the socket only the vetted addresses.
 */
export function guardedLookup(hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void {
  dnsLookup(hostname, { all: true, family: typeof options.family === "number" ? options.family : 0 }, (error, addresses) => {
    if (error) return callback(error, []);
    if (!privateAddressesAllowed()) {
      const refused = addresses.find((a) => isNonPublicAddress(a.address));
      if (refused) return callback(new ForbiddenAddressError(refused.address), []);
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} does not resolve`), { code: "ENOTFOUND" }), []);
    callback(null, first.address, first.family);
  });
}
