/**
 * What a file is, by its bytes (magic numbers), never by the name or the declared Content-Type
 * (docs/decisions/018-uploads-and-erasure.md). Used by the route wrapper's binary bodies.
 *
 * It confirms the four types an upload may be (JPEG, PNG, WebP, PDF) and recognises the ones that
 * must be refused by name even when declared as an accepted type: GIF, SVG (an image that can carry
 * scripts, and that sharp would render), HTML and XML, HEIC (sharp's libvips here cannot decode it;
 * iOS converts photos to JPEG when the page accepts only JPEG, PNG and WebP) and AVIF. A file that starts as one type
 * but carries the markers of another in its first KiB (a polyglot: a JPEG with a PDF header that PDF
 * readers would find, an image with HTML tags that an old browser would sniff) is reported as such.
 */

/** The types an upload may be: each one the sniffer can confirm. */
export const UPLOAD_TYPES = ["image/jpeg", "image/png", "image/webp", "application/pdf"] as const;
export type UploadType = (typeof UPLOAD_TYPES)[number];

/** Every type the sniffer names: the accepted ones and those it recognises in order to refuse them. */
export type SniffedType = UploadType | "image/gif" | "image/heic" | "image/avif" | "image/svg+xml" | "text/html" | "text/xml";

export interface Sniffed {
  /** What the bytes are, or null when no known signature matches. */
  type: SniffedType | null;
  /** Other types whose markers the same bytes carry (a polyglot); empty for an honest file. */
  alsoLooksLike: SniffedType[];
}

/** How far markers of another type are looked for: PDF readers find "%PDF-" anywhere in the first 1024 bytes. */
export const SNIFF_WINDOW_BYTES = 1024;

/** Short names for people ("JPEG, PNG or WebP"). */
export const UPLOAD_TYPE_NAMES: Readonly<Record<UploadType, string>> = {
  "image/jpeg": "JPEG",
  "image/png": "PNG",
  "image/webp": "WebP",
  "application/pdf": "PDF",
};

const ascii = (bytes: Uint8Array, start: number, end: number): string => {
  let out = "";
  for (let i = start; i < Math.min(end, bytes.length); i++) out += String.fromCharCode(bytes[i] as number);
  return out;
};

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

const HEIC_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1"]);
const AVIF_BRANDS = new Set(["avif", "avis"]);

/** An ISO base media file (HEIF/AVIF): "ftyp" box first, then its major and compatible brands. */
function isoBrandType(bytes: Uint8Array): SniffedType | null {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== "ftyp") return null;
  const boxSize = ((bytes[0] as number) << 24) | ((bytes[1] as number) << 16) | ((bytes[2] as number) << 8) | (bytes[3] as number);
  const end = Math.min(bytes.length, boxSize >= 16 ? boxSize : 16);
  const brands = [ascii(bytes, 8, 12)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, at + 4));
  if (brands.some((b) => AVIF_BRANDS.has(b))) return "image/avif";
  if (brands.some((b) => HEIC_BRANDS.has(b))) return "image/heic";
  return null;
}

/** Lower-cased text of the window (bytes as Latin-1: markers are ASCII). */
const windowText = (bytes: Uint8Array): string => ascii(bytes, 0, SNIFF_WINDOW_BYTES).toLowerCase();

/** Markup: what a browser sniffing for HTML, or an SVG renderer, would act on. */
function markupType(text: string): SniffedType | null {
  if (text.includes("<svg")) return "image/svg+xml";
  if (/<(?:!doctype html|html|head|body|script|iframe|object|embed|meta|style)[\s>/]/.test(text)) return "text/html";
  return null;
}

/** A text file that starts with markup (after a byte order mark and white space). */
function textType(text: string): SniffedType | null {
  const trimmed = text.replace(/^\u00ef\u00bb\u00bf/, "").trimStart();
  if (!trimmed.startsWith("<")) return null;
  return markupType(trimmed) ?? (trimmed.startsWith("<?xml") ? "text/xml" : "text/html");
}

function signatureType(bytes: Uint8Array): SniffedType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) && ascii(bytes, 12, 16) === "IHDR") return "image/png";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP" && ascii(bytes, 12, 15) === "VP8") return "image/webp";
  if (ascii(bytes, 0, 5) === "%PDF-") return "application/pdf";
  if (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a") return "image/gif";
  return isoBrandType(bytes);
}

/** What `bytes` are, and what else they look like (see the module comment). */
export function sniffType(bytes: Uint8Array): Sniffed {
  const text = windowText(bytes);
  const type = signatureType(bytes) ?? textType(text);
  const also = new Set<SniffedType>();
  if (type !== null && type !== "application/pdf" && text.includes("%pdf-")) also.add("application/pdf");
  const markup = type === null || type === "image/svg+xml" || type === "text/html" || type === "text/xml" ? null : markupType(text);
  if (markup) also.add(markup);
  return { type, alsoLooksLike: [...also] };
}

/** The media type of a Content-Type header, lower-cased, without parameters; common aliases of JPEG folded. */
export function declaredMediaType(header: string | null): string | null {
  if (header === null) return null;
  const type = (header.split(";")[0] ?? "").trim().toLowerCase();
  if (type === "") return null;
  return type === "image/jpg" || type === "image/pjpeg" ? "image/jpeg" : type;
}
