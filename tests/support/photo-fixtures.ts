import { deflateSync } from "node:zlib";

import sharp from "sharp";

/**
 * Images made in the test (no binary fixtures in the repository): a phone-like JPEG carrying what a
 * phone writes (camera make and model, GPS, an orientation, XMP, a comment) and bytes after its end,
 * a PNG decompression bomb, and the refused kinds' headers. Shared by the photo tests and
 * scripts/bench/photos.ts.
 */

export interface PhoneJpegOptions {
  width?: number;
  height?: number;
  /** EXIF Orientation (6: the camera was turned, the viewer must rotate 90 degrees clockwise). */
  orientation?: number;
  /** Bytes appended after the JPEG's end-of-image marker (a hidden second file). */
  trailing?: Buffer;
  quality?: number;
}

export const PHONE_MAKE = "PhotoTestMaker";
export const PHONE_MODEL = "PT-Model-42";
export const PHONE_COMMENT = "secret comment from the camera";
export const TRAILING_MARKER = "<html><script>alert('after the image')</script></html>";

/**
 * Pixels that compress like a photo (smooth shading with fine grain), not flat colour or pure noise:
 * a 12 MP image at quality 92 comes out at a few MB, as a phone's does.
 */
function photoLikePixels(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  let seed = 12345;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const grain = (seed >> 16) % 24;
      const i = (y * width + x) * 3;
      data[i] = (120 + 60 * Math.sin(x / 97) + grain) & 0xff;
      data[i + 1] = (100 + 50 * Math.cos(y / 71) + grain) & 0xff;
      data[i + 2] = (90 + 40 * Math.sin((x + y) / 53) + grain) & 0xff;
    }
  }
  return data;
}

/** Inserts a JPEG comment segment (COM, FF FE) right after the start-of-image marker. */
function withComment(jpeg: Buffer, text: string): Buffer {
  const body = Buffer.from(text, "latin1");
  const segment = Buffer.concat([Buffer.from([0xff, 0xfe, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

/** A JPEG as a phone writes it: stored sideways with an Orientation tag, camera, GPS, XMP, a comment. */
export async function phoneJpeg(options: PhoneJpegOptions = {}): Promise<Buffer> {
  const { width = 1200, height = 900, orientation = 6, trailing, quality = 92 } = options;
  const encoded = await sharp(photoLikePixels(width, height), { raw: { width, height, channels: 3 } })
    .withExif({
      IFD0: { Make: PHONE_MAKE, Model: PHONE_MODEL },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "40/1 26/1 4603/100", GPSLongitudeRef: "W", GPSLongitude: "79/1 58/1 5615/100" },
    })
    // sharp writes the Orientation tag itself (withMetadata), after the EXIF given above.
    .withMetadata({ orientation })
    .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Patient Name</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>')
    .jpeg({ quality })
    .toBuffer();
  const commented = withComment(encoded, PHONE_COMMENT);
  return trailing ? Buffer.concat([commented, trailing]) : commented;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A complete, valid PNG of side x side black pixels (1-bit greyscale) whose pixels compress away:
 * 20,000 x 20,000 (400 MP, 1.2 GB as RGB once decoded) in a few tens of KB.
 */
export function pngBomb(side = 20_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((1 + Math.ceil(side / 8)) * side); // filter byte 0 + zero pixels per row
  const idat = deflateSync(raw, { level: 9 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk("IHDR", ihdr), pngChunk("IDAT", idat), pngChunk("IEND", Buffer.alloc(0))]);
}

/** Bodies every upload route must refuse as 415 whatever their declared type. */
export const REFUSED_BODIES: Readonly<Record<string, Buffer>> = {
  svg: Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  gif: Buffer.concat([Buffer.from("GIF89a", "latin1"), Buffer.from([1, 0, 1, 0, 0x80, 0, 0]), Buffer.alloc(64)]),
  html: Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>"),
  heic: Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypheic\0\0\0\0mif1heic", "latin1"), Buffer.alloc(64)]),
  /** A JPEG's first bytes with an HTML document inside its first KiB (a polyglot). */
  polyglot: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), Buffer.from("JFIF\0<html><script>alert(1)</script></html>", "latin1"), Buffer.alloc(256)]),
};
