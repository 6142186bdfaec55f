import { declaredMediaType, sniffType } from "@/lib/http/sniff";
import { AVIF, GIF, HEIC, HTML, JPEG, JPEG_PDF_POLYGLOT, PDF, PNG, PNG_HTML_POLYGLOT, SVG, WEBP } from "@/tests/support/upload-fixtures";

describe("sniffType: a file's type by its bytes", () => {
  it.each([
    ["JPEG", JPEG, "image/jpeg"],
    ["PNG", PNG, "image/png"],
    ["WebP", WEBP, "image/webp"],
    ["PDF", PDF, "application/pdf"],
    ["GIF", GIF, "image/gif"],
    ["HEIC", HEIC, "image/heic"],
    ["AVIF", AVIF, "image/avif"],
    ["SVG", SVG, "image/svg+xml"],
    ["HTML (byte order mark, spaces)", HTML, "text/html"],
  ] as const)("%s", (_name, bytes, type) => {
    expect(sniffType(bytes)).toEqual({ type, alsoLooksLike: [] });
  });

  it("names XML that is not SVG, and markup that starts anywhere in the text", () => {
    expect(sniffType(Buffer.from(`<?xml version="1.0"?><note/>`)).type).toBe("text/xml");
    expect(sniffType(Buffer.from(`<div>hello</div>`)).type).toBe("text/html");
  });

  it("knows nothing of plain text, empty or truncated files", () => {
    for (const bytes of [Buffer.from("just some text"), Buffer.alloc(0), JPEG.subarray(0, 2), PNG.subarray(0, 12), Buffer.from("RIFF\0\0\0\0WAVEfmt ")]) {
      expect(sniffType(bytes).type).toBeNull();
    }
  });

  it("reports a polyglot: a JPEG carrying a PDF header, a PNG carrying HTML", () => {
    expect(sniffType(JPEG_PDF_POLYGLOT)).toEqual({ type: "image/jpeg", alsoLooksLike: ["application/pdf"] });
    expect(sniffType(PNG_HTML_POLYGLOT)).toEqual({ type: "image/png", alsoLooksLike: ["text/html"] });
    const svgInWebp = Buffer.concat([WEBP, Buffer.from("<svg onload=alert(1)>")]);
    expect(sniffType(svgInWebp)).toEqual({ type: "image/webp", alsoLooksLike: ["image/svg+xml"] });
  });

  it("looks for another type's markers in the first KiB only (where PDF readers and old browsers look)", () => {
    const late = Buffer.concat([JPEG, Buffer.alloc(1024), Buffer.from("%PDF-1.4 <script>")]);
    expect(sniffType(late)).toEqual({ type: "image/jpeg", alsoLooksLike: [] });
  });
});

describe("declaredMediaType", () => {
  it("lower-cases, drops parameters, folds JPEG's aliases", () => {
    expect(declaredMediaType("Image/PNG; charset=binary")).toBe("image/png");
    expect(declaredMediaType("image/jpg")).toBe("image/jpeg");
    expect(declaredMediaType("image/pjpeg")).toBe("image/jpeg");
    expect(declaredMediaType(" ; x=y")).toBeNull();
    expect(declaredMediaType(null)).toBeNull();
  });
});
