/**
 * A small MIME reader for the e-mails the tests receive over real SMTP: headers (unfolded, RFC 2047
 * encoded words decoded), multipart bodies split on their boundary (recursively), and each part
 * decoded from quoted-printable or base64 as UTF-8. Enough to read what nodemailer sends; a message
 * it cannot read makes the test fail, not pass.
 */

export interface MimePart {
  /** Lower-cased header names; values unfolded and decoded. */
  headers: Record<string, string>;
  /** "text/plain", "multipart/alternative", ... (lower-cased, without parameters). */
  contentType: string;
  /** The decoded body of a leaf part ("" for a multipart). */
  body: string;
  parts: MimePart[];
}

function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*(?==\?)?/g, (_m, _charset: string, enc: string, data: string) => {
    if (enc.toUpperCase() === "B") return Buffer.from(data, "base64").toString("utf8");
    const bytes = data.replace(/_/g, " ").replace(/=([0-9A-Fa-f]{2})/g, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  });
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return headers;
}

function param(header: string, name: string): string | undefined {
  const match = new RegExp(`${name}="?([^";]+)"?`, "i").exec(header);
  return match?.[1];
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case "quoted-printable": {
      const bytes = body.replace(/=\r\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, "latin1").toString("utf8");
    }
    case "base64":
      return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    default:
      return body;
  }
}

export function parseMime(raw: string): MimePart {
  const normalised = raw.replace(/\r?\n/g, "\r\n");
  const split = normalised.indexOf("\r\n\r\n");
  const headers = parseHeaders(split === -1 ? normalised : normalised.slice(0, split));
  const rawBody = split === -1 ? "" : normalised.slice(split + 4);
  const typeHeader = headers["content-type"] ?? "text/plain";
  const contentType = (typeHeader.split(";")[0] ?? "").trim().toLowerCase();
  if (contentType.startsWith("multipart/")) {
    const boundary = param(typeHeader, "boundary");
    if (!boundary) throw new Error(`multipart without a boundary: ${typeHeader}`);
    const sections = rawBody.split(`--${boundary}`);
    // sections[0] is the preamble; the last one starts with "--" (the closing delimiter).
    const parts = sections
      .slice(1)
      .filter((section) => !section.startsWith("--"))
      .map((section) => parseMime(section.replace(/^\r\n/, "").replace(/\r\n$/, "")));
    return { headers, contentType, body: "", parts };
  }
  return { headers, contentType, body: decodeBody(rawBody, headers["content-transfer-encoding"] ?? "7bit"), parts: [] };
}

/** Every leaf part of a message, depth first. */
export function leafParts(part: MimePart): MimePart[] {
  return part.parts.length === 0 ? [part] : part.parts.flatMap(leafParts);
}

/** The one leaf of this type (throws when there is none or several). */
export function onlyPart(message: MimePart, contentType: string): MimePart {
  const found = leafParts(message).filter((p) => p.contentType === contentType);
  if (found.length !== 1) throw new Error(`expected one ${contentType} part, found ${found.length}`);
  return found[0] as MimePart;
}
