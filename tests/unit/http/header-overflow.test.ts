import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";

import { installHttpGuards } from "@/lib/http/node-server";

/** Raw HTTP over loopback: the client-side parser would refuse to send headers this long. */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let response = "";
    socket.on("data", (d: Buffer) => (response += d.toString("utf8")));
    socket.on("error", reject);
    socket.on("close", () => resolve(response));
    socket.write(request);
  });
}

describe("oversized request headers (lib/http/node-server.ts)", () => {
  let server: http.Server;
  let port = 0;

  beforeAll(async () => {
    installHttpGuards({ bodyTimeoutMs: 5000 });
    server = http.createServer({ maxHeaderSize: 1024 }, (_req, res) => res.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("answers 431 with the contract's error body and closes the connection", async () => {
    const response = await rawRequest(port, `GET /api/v1/leads?q=${"x".repeat(4096)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expect(response).toMatch(/^HTTP\/1\.1 431 /);
    expect(response.toLowerCase()).toContain("content-type: application/json");
    expect(response.toLowerCase()).toContain("connection: close");
    const body = JSON.parse(response.slice(response.indexOf("\r\n\r\n") + 4)) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("HEADERS_TOO_LARGE");
    expect(body.error.message.length).toBeGreaterThan(0);
  });

  it("leaves other requests and other client errors alone", async () => {
    expect(await rawRequest(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")).toMatch(/^HTTP\/1\.1 200 [\s\S]*ok$/);
    expect(await rawRequest(port, "NOT HTTP AT ALL\r\n\r\n")).toMatch(/^HTTP\/1\.1 400 Bad Request/);
  });
});
