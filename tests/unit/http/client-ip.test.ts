import { parseEnv } from "@/lib/env";
import { CLIENT_IP_HEADER, clientIpFromHeaders, normalizeIp, PEER_ADDRESS_HEADER, UNKNOWN_CLIENT, withClientIpHeader } from "@/lib/http/client-ip";

const trusted = (value?: string) => parseEnv({ TRUSTED_PROXIES: value }).TRUSTED_PROXIES;
const headers = (peer: string | undefined, forwarded?: string) => {
  const h = new Headers();
  if (peer !== undefined) h.set(PEER_ADDRESS_HEADER, peer);
  if (forwarded !== undefined) h.set("x-forwarded-for", forwarded);
  return h;
};

describe("TRUSTED_PROXIES (lib/env.ts)", () => {
  it("is none by default and accepts none / 0, a hop count, or addresses and CIDR ranges", () => {
    expect(trusted()).toEqual({ kind: "none" });
    expect(trusted(" ")).toEqual({ kind: "none" });
    expect(trusted("none")).toEqual({ kind: "none" });
    expect(trusted("0")).toEqual({ kind: "none" });
    expect(trusted("2")).toEqual({ kind: "hops", hops: 2 });
    expect(trusted("10.0.0.0/8, 192.168.1.5 ,fd00::/8")).toEqual({ kind: "cidrs", ranges: ["10.0.0.0/8", "192.168.1.5", "fd00::/8"] });
  });

  it("refuses what it cannot understand, naming the variable", () => {
    for (const bad of ["yes", "10.0.0.0/33", "10.0.0/8", "::1/129", "11", "10.0.0.1/8/2", "1.2.3.4,"]) {
      if (bad === "1.2.3.4,") {
        // a trailing comma is only an empty entry: tolerated
        expect(trusted(bad)).toEqual({ kind: "cidrs", ranges: ["1.2.3.4"] });
        continue;
      }
      expect(() => trusted(bad), bad).toThrow(/TRUSTED_PROXIES/);
    }
  });
});

describe("clientIpFromHeaders", () => {
  it("trusts nobody by default: the TCP peer, whatever X-Forwarded-For says", () => {
    expect(clientIpFromHeaders(headers("198.51.100.7", "1.2.3.4"), trusted())).toBe("198.51.100.7");
    expect(clientIpFromHeaders(headers("::ffff:198.51.100.7", "1.2.3.4, 5.6.7.8"), trusted())).toBe("198.51.100.7");
    expect(clientIpFromHeaders(headers(undefined, "1.2.3.4"), trusted())).toBe(UNKNOWN_CLIENT);
  });

  it("with a hop count, takes the address the outermost proxy saw; forged entries on the left change nothing", () => {
    // client 203.0.113.9 -> proxy (appends 203.0.113.9) -> app (peer = proxy 10.0.0.2)
    expect(clientIpFromHeaders(headers("10.0.0.2", "203.0.113.9"), trusted("1"))).toBe("203.0.113.9");
    expect(clientIpFromHeaders(headers("10.0.0.2", "6.6.6.6, 7.7.7.7, 203.0.113.9"), trusted("1"))).toBe("203.0.113.9");
    // two proxies: CDN appends the client, the load balancer appends the CDN
    expect(clientIpFromHeaders(headers("10.0.0.2", "9.9.9.9, 203.0.113.9, 172.16.0.1"), trusted("2"))).toBe("203.0.113.9");
    // fewer entries than hops (someone reached the inner proxy directly): the leftmost one there is
    expect(clientIpFromHeaders(headers("10.0.0.2"), trusted("1"))).toBe("10.0.0.2");
    // garbage where the proxy's entry should be: never believed past it
    expect(clientIpFromHeaders(headers("10.0.0.2", "1.1.1.1, not-an-ip"), trusted("1"))).toBe("10.0.0.2");
  });

  it("with CIDR ranges, skips trusted hops from the right; the first untrusted one is the client", () => {
    const ranges = trusted("10.0.0.0/8, 172.16.0.0/12");
    expect(clientIpFromHeaders(headers("10.0.0.2", "6.6.6.6, 203.0.113.9, 172.16.4.4"), ranges)).toBe("203.0.113.9");
    // a peer outside the ranges is the client itself: its X-Forwarded-For is not believed
    expect(clientIpFromHeaders(headers("198.51.100.7", "203.0.113.9"), ranges)).toBe("198.51.100.7");
    // everything trusted: the farthest one
    expect(clientIpFromHeaders(headers("10.0.0.2", "10.1.1.1"), ranges)).toBe("10.1.1.1");
    expect(clientIpFromHeaders(headers("::1", "2001:db8::5"), trusted("::1/128"))).toBe("2001:db8::5");
  });

  it("normalizes addresses and rejects non-addresses", () => {
    expect(normalizeIp(" 2001:DB8::1 ")).toBe("2001:db8::1");
    expect(normalizeIp("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normalizeIp("192.0.2.1:8080")).toBe("192.0.2.1");
    expect(normalizeIp("<script>")).toBeUndefined();
    expect(normalizeIp("")).toBeUndefined();
  });

  it("hands Better Auth the resolved address only, over anything the client sent under that name", () => {
    const h = headers("198.51.100.7", "1.2.3.4");
    h.set(CLIENT_IP_HEADER, "6.6.6.6");
    expect(withClientIpHeader(h, trusted()).get(CLIENT_IP_HEADER)).toBe("198.51.100.7");
  });
});
