import exifr from "exifr";
import sharp from "sharp";
import { describe, expect, it } from "vitest";

import { UnprocessableError } from "@/lib/errors";
import { PHOTO_MAX_SIDE, processPhoto, THUMB_MAX_SIDE } from "@/lib/photos/process";
import { PHONE_COMMENT, PHONE_MAKE, PHONE_MODEL, phoneJpeg, pngBomb, TRAILING_MARKER } from "@/tests/support/photo-fixtures";

/** Index just past the first end-of-image marker (FF D9) that ends the JPEG's entropy-coded data. */
function endOfImage(jpeg: Buffer): number {
  // Encoded data never contains FF D9 except as the end marker (FF is stuffed as FF 00).
  const at = jpeg.lastIndexOf(Buffer.from([0xff, 0xd9]));
  return at + 2;
}

describe("processPhoto (lib/photos/process.ts)", () => {
  it("drops camera, GPS, XMP, the comment and the bytes after the image, and stores it upright", async () => {
    const input = await phoneJpeg({ width: 1200, height: 900, orientation: 6, trailing: Buffer.from(TRAILING_MARKER) });
    // The fixture really carries all of it.
    const before = await exifr.parse(input, { tiff: true, gps: true, xmp: true });
    expect(before?.Make).toBe(PHONE_MAKE);
    expect(before?.latitude).toBeCloseTo(40.44, 1);
    expect(input.includes(Buffer.from(PHONE_COMMENT))).toBe(true);
    expect(input.includes(Buffer.from("Patient Name"))).toBe(true);
    const stored = await sharp(input).metadata();
    expect([stored.width, stored.height, stored.orientation]).toEqual([1200, 900, 6]);

    const { full, thumb } = await processPhoto(input);
    for (const image of [full, thumb]) {
      const meta = await exifr.parse(image.jpeg, { tiff: true, gps: true, xmp: true, icc: true, iptc: true, jfif: false, ihdr: false });
      expect(meta).toBeUndefined();
      expect(await exifr.gps(image.jpeg).catch(() => undefined)).toBeUndefined();
      for (const text of [PHONE_MAKE, PHONE_MODEL, PHONE_COMMENT, "Patient Name", "<html", "Exif"]) {
        expect(image.jpeg.includes(Buffer.from(text)), text).toBe(false);
      }
      expect(endOfImage(image.jpeg)).toBe(image.jpeg.length);
      const decoded = await sharp(image.jpeg).metadata();
      expect(decoded.format).toBe("jpeg");
      expect(decoded.orientation).toBeUndefined();
      expect([decoded.width, decoded.height]).toEqual([image.width, image.height]);
    }
    // Stored 1200 x 900 with Orientation 6: upright it is 900 wide and 1200 high.
    expect([full.width, full.height]).toEqual([900, 1200]);
    expect(Math.max(thumb.width, thumb.height)).toBe(THUMB_MAX_SIDE);
    expect(thumb.height).toBeGreaterThan(thumb.width);
  });

  it("resizes a 12 MP photo to the stored size, never enlarges a small one", async () => {
    const big = await processPhoto(await phoneJpeg({ width: 4032, height: 3024, orientation: 1 }));
    expect([big.full.width, big.full.height]).toEqual([PHOTO_MAX_SIDE, 1536]);
    const small = await processPhoto(await phoneJpeg({ width: 400, height: 300, orientation: 1 }));
    expect([small.full.width, small.full.height]).toEqual([400, 300]);
  });

  it("refuses a 20,000 x 20,000 PNG of a few KB from its header, fast", async () => {
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(100 * 1024);
    const start = performance.now();
    await expect(processPhoto(bomb)).rejects.toBeInstanceOf(UnprocessableError);
    expect(performance.now() - start).toBeLessThan(5_000); // generous here; the route test holds it to 200 ms
  });

  it("refuses a JPEG cut short", async () => {
    const input = await phoneJpeg({ width: 600, height: 400 });
    await expect(processPhoto(input.subarray(0, 2_000))).rejects.toBeInstanceOf(UnprocessableError);
  });
});
