import "server-only";

import sharp from "sharp";

import { UnprocessableError } from "@/lib/errors";

/**
 * Every photo and image document is rewritten here before it is stored (docs/decisions/023-photos.md):
 *
 * - decoded by sharp under a pixel limit checked from the header first (a 20,000 x 20,000 PNG of a
 *   few KB is refused before a pixel is decoded) and again by libvips (`limitInputPixels`);
 * - turned upright by its EXIF orientation (`autoOrient()`) BEFORE anything is dropped, so a phone's
 *   sideways photo stays upright once its EXIF is gone;
 * - resized to fit PHOTO_MAX_SIDE (never enlarged), and a thumbnail of THUMB_MAX_SIDE;
 * - encoded as a NEW JPEG: sharp writes no metadata unless asked (`withMetadata`/`keepExif` are never
 *   called), so EXIF, GPS, XMP, IPTC, comments and the camera's ICC profile are gone (pixels are
 *   converted to sRGB), and the encoder writes one image, so nothing after the original's end survives.
 *
 * The route's sniffer (lib/http/sniff.ts) has already admitted only JPEG, PNG and WebP by their bytes.
 */

export const PHOTO_MAX_SIDE = 2048;
export const THUMB_MAX_SIDE = 320;
/** Larger than any phone's camera (48 MP sensors write 8064 x 6048 = 48.8 MP); bombs are far beyond. */
export const MAX_INPUT_PIXELS = 50_000_000;
const JPEG_QUALITY = 80;
const THUMB_QUALITY = 72;
/** libvips gives up on one image after this long (a crafted file that decodes forever). */
const TIMEOUT_SECONDS = 10;

export const IMAGE_MESSAGES = {
  unreadable: "This image could not be read. Please take the photo again, or send it as a JPEG or PNG.",
  tooManyPixels: "This image is too large to read. Please send a photo straight from your phone's camera.",
} as const;

// Memory for concurrent uploads (decision 023): one libvips thread per image (the libuv pool runs a
// few images at once on this 2-core host instead of each image claiming every core's buffers), and
// no operation cache (every upload is a new image; a cache would only keep their pixels alive).
sharp.concurrency(1);
sharp.cache(false);

export interface ProcessedImage {
  /** The re-encoded JPEG. */
  jpeg: Buffer;
  width: number;
  height: number;
}

export interface ProcessedPhoto {
  full: ProcessedImage;
  thumb: ProcessedImage;
}

const decodeOptions = { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error", sequentialRead: true } as const;

/** Refuses an image whose header names more pixels than the limit, or no readable size; cheap (header only). */
async function checkHeader(bytes: Buffer): Promise<void> {
  let width: number | undefined;
  let height: number | undefined;
  try {
    ({ width, height } = await sharp(bytes, { ...decodeOptions, limitInputPixels: false }).metadata());
  } catch {
    throw new UnprocessableError(IMAGE_MESSAGES.unreadable, "unreadable");
  }
  if (!width || !height) throw new UnprocessableError(IMAGE_MESSAGES.unreadable, "unreadable");
  if (width * height > MAX_INPUT_PIXELS) throw new UnprocessableError(IMAGE_MESSAGES.tooManyPixels, "too_many_pixels");
}

/** One re-encoded JPEG of `bytes`, upright, fitting `maxSide`, no metadata. */
async function encode(bytes: Buffer, maxSide: number, quality: number): Promise<ProcessedImage> {
  try {
    const { data, info } = await sharp(bytes, decodeOptions)
      .timeout({ seconds: TIMEOUT_SECONDS })
      .autoOrient()
      .resize({ width: maxSide, height: maxSide, fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .jpeg({ quality, mozjpeg: false, optimiseCoding: true })
      .toBuffer({ resolveWithObject: true });
    return { jpeg: data, width: info.width, height: info.height };
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw new UnprocessableError(IMAGE_MESSAGES.tooManyPixels, "too_many_pixels");
    throw new UnprocessableError(IMAGE_MESSAGES.unreadable, "unreadable");
  }
}

/**
 * A photo as stored: the full image (longest side <= PHOTO_MAX_SIDE) and its thumbnail, made from
 * the re-encoded full image (already upright and clean). UnprocessableError for what cannot be read.
 */
export async function processPhoto(bytes: Buffer): Promise<ProcessedPhoto> {
  await checkHeader(bytes);
  const full = await encode(bytes, PHOTO_MAX_SIDE, JPEG_QUALITY);
  const thumb = await encode(full.jpeg, THUMB_MAX_SIDE, THUMB_QUALITY);
  return { full, thumb };
}

/** An image document (a clearance letter photographed or scanned): rewritten like a photo, no thumbnail. */
export async function processDocumentImage(bytes: Buffer): Promise<ProcessedImage> {
  await checkHeader(bytes);
  return encode(bytes, PHOTO_MAX_SIDE, 85);
}
