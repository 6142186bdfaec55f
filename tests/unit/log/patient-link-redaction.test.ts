/**
 * The patient's link is a bearer credential: the logger never writes the token after /my/, wherever
 * it appears (message, url/path fields, nested objects, errors), and keeps the rest of the line.
 */
import { Writable } from "node:stream";

import { createLogger } from "@/lib/log/logger";
import { redactPatientLinks } from "@/lib/log/redact";
import { newAccessToken } from "@/lib/patient-access/tokens";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString("utf8"));
      callback();
    },
  });
  return { logger: createLogger(stream, "info"), lines };
}

describe("patient link redaction in logs", () => {
  it("removes the token from the message, url and path fields, nested objects and errors", () => {
    const token = newAccessToken();
    const { logger, lines } = capture();
    logger.info({ url: `https://clinic.example.com/my/${token}?locale=es`, req: { path: `/api/v1/my/${token}/export` } }, `GET /my/${token}`);
    logger.error({ err: new Error(`failed for /api/v1/my/${token}`), list: [`/my/${token}`] }, "boom");
    logger.warn(`plain message /my/${token}`);
    const out = lines.join("");
    expect(out).not.toContain(token);
    expect(out).toContain("https://clinic.example.com/my/[redacted]?locale=es");
    expect(out).toContain("/api/v1/my/[redacted]/export");
    expect(out).toContain("GET /my/[redacted]");
    expect(out).toContain("failed for /api/v1/my/[redacted]");
    expect(out).toContain("plain message /my/[redacted]");
    expect(lines).toHaveLength(3);
  });

  it("keeps paths that carry no token and a field named token is censored", () => {
    const { logger, lines } = capture();
    logger.info({ path: "/my/link", token: "abc" }, "link request");
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line.path).toBe("/my/link");
    expect(line.token).toBe("[redacted]");
    expect(redactPatientLinks("/staff/leads/abc")).toBe("/staff/leads/abc");
    expect(redactPatientLinks("/my/link?x=1")).toBe("/my/link?x=1");
  });

  it("removes a calendar feed's token (/cal/<token>.ics) too", () => {
    const { logger, lines } = capture();
    logger.info({ url: "https://clinic.example.com/cal/Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA.ics" }, "GET /cal/Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA.ics");
    const out = lines.join("");
    expect(out).not.toContain("Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA");
    expect(out).toContain("https://clinic.example.com/cal/[redacted]");
    expect(redactPatientLinks("GET /calendar/ok")).toBe("GET /calendar/ok");
  });
});
