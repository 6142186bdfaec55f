/**
 * Small real files (2x2 pixels, written once by sharp 0.35; a hand-written PDF and HEIC header) and the
 * hostile variants the route wrapper's binary bodies must refuse (lib/http/sniff.ts).
 */
import { crc32 } from "node:zlib";

const b64 = (text: string) => Buffer.from(text, "base64");

export const JPEG = b64(
  "/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAABv/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AKAA+YP/2Q==",
);
export const PNG = b64("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEklEQVQImWM4URF1oiKKAUIBAC6eBml6vIlZAAAAAElFTkSuQmCC");
export const WEBP = b64("UklGRjgAAABXRUJQVlA4ICwAAACwAQCdASoCAAIAAUAmJaACdLoABDAAAP7bUf/Ys5bAvH/8zR+k30m7mAAAAA==");
export const GIF = b64("R0lGODlhAgACAIAAAExpcch4WiH5BAUAAAAALAAAAAACAAIAAAICjFMAOw==");
export const AVIF = b64(
  "AAAAHGZ0eXBhdmlmAAAAAG1pZjFhdmlmbWlhZgAAANZtZXRhAAAAAAAAACFoZGxyAAAAAAAAAABwaWN0AAAAAAAAAAAAAAAAAAAAACJpbG9jAAAAAERAAAEAAQAAAAAA+gABAAAAAAAAACIAAAAjaWluZgAAAAAAAQAAABVpbmZlAgAAAAABAABhdjAxAAAAAA5waXRtAAAAAAABAAAAVmlwcnAAAAA4aXBjbwAAAAxhdjFDgSACAAAAABRpc3BlAAAAAAAAAAIAAAACAAAAEHBpeGkAAAAAAwgICAAAABZpcG1hAAAAAAAAAAEAAQOBAgMAAAAqbWRhdBIACgc4ADaQENBpMhUZQmMEwAA0AACQQMkcUrJDMQGD/0A=",
);
/** The start of an iPhone photo: an ISO box "ftyp", major brand "heic", compatible "mif1", "heic". */
export const HEIC = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from("ftypheic", "latin1"),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from("mif1heic", "latin1"),
  Buffer.alloc(64),
]);
export const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
  "latin1",
);
export const SVG = Buffer.from(`<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="2" height="2"/></svg>`);
export const HTML = Buffer.from(`\uFEFF  <!DOCTYPE html><html><body><script>alert(1)</script></body></html>`);

/** A JPEG with a comment segment (FF FE) holding a PDF header right after SOI: a JPEG/PDF polyglot. */
export const JPEG_PDF_POLYGLOT = (() => {
  const comment = Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\n", "latin1");
  const length = Buffer.alloc(2);
  length.writeUInt16BE(comment.length + 2);
  return Buffer.concat([JPEG.subarray(0, 2), Buffer.from([0xff, 0xfe]), length, comment, JPEG.subarray(2)]);
})();

/** A PNG with a tEXt chunk of HTML after IHDR (valid CRC): an image an old browser would sniff as a page. */
export const PNG_HTML_POLYGLOT = (() => {
  const data = Buffer.from("Comment\0<html><script>alert(document.cookie)</script></html>", "latin1");
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const type = Buffer.from("tEXt", "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])));
  const afterIhdr = 8 + 4 + 4 + 13 + 4;
  return Buffer.concat([PNG.subarray(0, afterIhdr), head, type, data, crc, PNG.subarray(afterIhdr)]);
})();
