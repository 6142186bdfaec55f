/**
 * A loopback TCP proxy in front of PostgreSQL that can stall: while stalled, no byte moves in
 * either direction on existing connections and new connections are accepted but go nowhere, as on
 * a network that silently drops traffic. `flow()` lets everything through again.
 */
import net from "node:net";

export interface StallableProxy {
  port: number;
  stall(): void;
  flow(): void;
  close(): Promise<void>;
}

export async function startStallableProxy(target: URL): Promise<StallableProxy> {
  const host = target.hostname || "127.0.0.1";
  const port = Number(target.port || 5432);
  let stalled = false;
  const sockets = new Set<net.Socket>();
  const waiting: (() => void)[] = [];

  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => undefined);
    const connect = () => {
      if (client.destroyed) return;
      const upstream = net.connect(port, host);
      sockets.add(upstream);
      upstream.on("close", () => {
        sockets.delete(upstream);
        client.destroy();
      });
      upstream.on("error", () => client.destroy());
      client.on("close", () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      if (stalled) {
        client.pause();
        upstream.pause();
      }
    };
    if (stalled) {
      client.pause();
      waiting.push(connect);
    } else {
      connect();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port: listening } = server.address() as net.AddressInfo;

  return {
    port: listening,
    stall() {
      stalled = true;
      for (const s of sockets) s.pause();
    },
    flow() {
      stalled = false;
      for (const s of sockets) s.resume();
      for (const connect of waiting.splice(0)) connect();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
