import http from "node:http";
import type { Socket } from "node:net";

import { PEER_ADDRESS_HEADER } from "@/lib/http/client-ip";
import { TRANSPORT_HEADER } from "@/lib/http/edge-contract";
import type { ApiErrorBody } from "@/lib/http/errors";

/**
 * Guards on the Node.js HTTP server itself, below Next.js (installed once per process by
 * instrumentation.ts, Node.js runtime):
 *
 * 1. The peer address. Next.js gives route handlers no access to the TCP connection (no
 *    `request.ip` since Next 15), and its own `x-forwarded-for` is only filled in when the client did
 *    not send one, so the peer address would be lost exactly when a client forges that header. Every
 *    request gets the peer address in PEER_ADDRESS_HEADER, replacing whatever the client sent under
 *    that name, before the server sees it (lib/http/client-ip.ts builds on it); likewise whether the
 *    connection is TLS, in TRANSPORT_HEADER (lib/http/edge-contract.ts: HSTS).
 * 2. Slow uploads. A request whose body has not fully arrived `bodyTimeoutMs` after its headers is
 *    answered 408 (when nothing was answered yet: JSON routes answer it themselves, with the
 *    contract's body, from lib/http/json-body.ts) and its connection is closed, so trickling bodies
 *    cannot hold connections (server actions and every other route included).
 * 3. Oversized request headers (a URL or cookies past Node.js's header limit, 16 KiB by default).
 *    Node.js answers them below Next.js with a bare 431 and no body; the answer here is the same
 *    status with the contract's error body (HEADERS_TOO_LARGE), then the connection is closed.
 */

interface PatchedGlobal {
  __smpHttpGuards?: { bodyTimeoutMs: number };
}

export function stampPeerAddress(req: http.IncomingMessage): void {
  const socket: Socket | undefined = req.socket;
  const address = socket?.remoteAddress;
  if (address) req.headers[PEER_ADDRESS_HEADER] = address;
  else delete req.headers[PEER_ADDRESS_HEADER];
  // The connection's own scheme, over whatever a client sent under that name (edge-contract.ts:
  // HSTS is sent only over HTTPS or when a trusted proxy says so).
  req.headers[TRANSPORT_HEADER] = socket && "encrypted" in socket && socket.encrypted === true ? "https" : "http";
}

function hasBody(req: http.IncomingMessage): boolean {
  const length = req.headers["content-length"];
  if (length !== undefined) return Number(length) > 0;
  return req.headers["transfer-encoding"] !== undefined;
}

const TIMEOUT_BODY = JSON.stringify({
  error: { code: "REQUEST_TIMEOUT", message: "The request body took too long to arrive. Please try again." },
});

const HEADERS_TOO_LARGE_BODY = JSON.stringify({
  error: { code: "HEADERS_TOO_LARGE", message: "The request's address or headers are too long." },
} satisfies ApiErrorBody);

const HEADERS_TOO_LARGE_RESPONSE = [
  "HTTP/1.1 431 Request Header Fields Too Large",
  "Content-Type: application/json",
  "Cache-Control: no-store",
  "Connection: close",
  `Content-Length: ${Buffer.byteLength(HEADERS_TOO_LARGE_BODY)}`,
  "",
  HEADERS_TOO_LARGE_BODY,
].join("\r\n");

/**
 * A request whose headers overflow the parser's limit: 431 with the contract's body (Node.js's own
 * answer has none). True when answered here; every other client error keeps Node.js's handling.
 */
export function answerHeaderOverflow(error: unknown, socket: unknown): boolean {
  if ((error as { code?: unknown } | null)?.code !== "HPE_HEADER_OVERFLOW") return false;
  if (!(socket instanceof Object) || typeof (socket as Socket).end !== "function") return false;
  const s = socket as Socket & { _httpMessage?: { headersSent?: boolean } | null };
  if (s.writable && !s._httpMessage?.headersSent) {
    s.end(HEADERS_TOO_LARGE_RESPONSE);
    setTimeout(() => s.destroy(), 1000).unref();
  } else {
    s.destroy();
  }
  return true;
}

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
    if (event === "clientError" && answerHeaderOverflow(args[0], args[1])) return true;
    return emit.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
}
