import http from "node:http";
import type { Socket } from "node:net";

import { PEER_ADDRESS_HEADER } from "@/lib/http/client-ip";

/**
 * Guards on the Node.js HTTP server itself, below Next.js (installed once per process by
 * instrumentation.ts, Node.js runtime):
 *
 * 1. The peer address. Next.js gives route handlers no access to the TCP connection (no
 *    `request.ip` since Next 15), and its own `x-forwarded-for` is only filled in when the client did
 *    not send one, so the peer address would be lost exactly when a client forges that header. Every
 *    request gets the peer address in PEER_ADDRESS_HEADER, replacing whatever the client sent under
 *    that name, before the server sees it (lib/http/client-ip.ts builds on it).
 * 2. Slow uploads. A request whose body has not fully arrived `bodyTimeoutMs` after its headers is
 *    answered 408 (when nothing was answered yet: JSON routes answer it themselves, with the
 *    contract's body, from lib/http/json-body.ts) and its connection is closed, so trickling bodies
 *    cannot hold connections (server actions and every other route included).
 */

interface PatchedGlobal {
  __smpHttpGuards?: { bodyTimeoutMs: number };
}

export function stampPeerAddress(req: http.IncomingMessage): void {
  const socket: Socket | undefined = req.socket;
  const address = socket?.remoteAddress;
  if (address) req.headers[PEER_ADDRESS_HEADER] = address;
  else delete req.headers[PEER_ADDRESS_HEADER];
}

function hasBody(req: http.IncomingMessage): boolean {
  const length = req.headers["content-length"];
  if (length !== undefined) return Number(length) > 0;
  return req.headers["transfer-encoding"] !== undefined;
}

const TIMEOUT_BODY = JSON.stringify({
  error: { code: "REQUEST_TIMEOUT", message: "The request body took too long to arrive. Please try again." },
});

/**
 * Closes a connection whose request body is still arriving: FIN after the response (a reset right
 * away could discard the response on the client's side), then the socket is destroyed.
 */
function closeAfterResponse(req: http.IncomingMessage): void {
  const socket = req.socket;
  if (!socket || socket.destroyed) return;
  socket.end();
  setTimeout(() => socket.destroy(), 1000).unref();
}

/** Cuts off a request whose body is still arriving after `ms`. */
export function guardBodyTime(req: http.IncomingMessage, res: http.ServerResponse, ms: number): void {
  if (!hasBody(req) || req.complete) return;
  const timer = setTimeout(() => {
    if (req.complete) return;
    if (!res.headersSent) {
      res.writeHead(408, {
        "content-type": "application/json",
        "cache-control": "no-store",
        connection: "close",
        "content-length": Buffer.byteLength(TIMEOUT_BODY),
      });
      res.end(TIMEOUT_BODY, () => closeAfterResponse(req));
    } else {
      req.socket?.destroy();
    }
  }, ms);
  timer.unref();
  const clear = () => clearTimeout(timer);
  req.once("end", clear);
  req.once("close", clear);
  // Answered before the body arrived (e.g. 408 or 413 from the route): close rather than keep
  // reading a body nobody wants.
  res.once("finish", () => {
    if (!req.complete) closeAfterResponse(req);
  });
}

export function installHttpGuards({ bodyTimeoutMs }: { bodyTimeoutMs: number }): void {
  const g = globalThis as typeof globalThis & PatchedGlobal;
  if (g.__smpHttpGuards) {
    g.__smpHttpGuards.bodyTimeoutMs = bodyTimeoutMs;
    return;
  }
  const settings = { bodyTimeoutMs };
  g.__smpHttpGuards = settings;
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function guardedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request" && args[0] instanceof http.IncomingMessage) {
      stampPeerAddress(args[0]);
      if (args[1] instanceof http.ServerResponse) guardBodyTime(args[0], args[1], settings.bodyTimeoutMs + 1000);
    }
    return emit.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
}
