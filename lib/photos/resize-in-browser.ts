/**
 * Resizing a photo on the patient's device before it is sent (client-only; no server imports).
 * iOS Safari draws a black image for a canvas over 16.7 megapixels, and a phone on a slow network
 * sends ~1-2 MB in the server's 10 s body timeout (decision 018), so the photo is drawn upright
 * (`imageOrientation: "from-image"`) into a canvas whose longest side is at most BROWSER_MAX_SIDE
 * (2048 x 1536 = 3.1 MP) and sent as a JPEG of a few hundred KB. The server re-encodes it anyway.
 */
export const BROWSER_MAX_SIDE = 2048;
const BROWSER_JPEG_QUALITY = 0.85;
/** The sizes a canvas may have on iOS (pixels). */
export const IOS_CANVAS_MAX_PIXELS = 16_777_216;

/** Width and height fitting `maxSide`, never enlarged, never over the iOS canvas limit. */
export function fitWithin(width: number, height: number, maxSide = BROWSER_MAX_SIDE): { width: number; height: number } {
  let scale = Math.min(1, maxSide / Math.max(width, height));
  if (width * scale * height * scale > IOS_CANVAS_MAX_PIXELS) scale = Math.sqrt(IOS_CANVAS_MAX_PIXELS / (width * height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * The photo as a JPEG Blob of at most BROWSER_MAX_SIDE, upright; or the file itself when this
 * browser cannot decode it here (the server then decides: a JPEG, PNG or WebP is accepted).
 */
export async function resizeForUpload(file: Blob): Promise<Blob> {
  if (typeof createImageBitmap !== "function" || typeof document === "undefined") return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    return file;
  }
  try {
    const size = fitWithin(bitmap.width, bitmap.height);
    const canvas = document.createElement("canvas");
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext("2d");
    if (!context) return file;
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", BROWSER_JPEG_QUALITY));
    // Free the canvas's memory at once (iOS counts every live canvas against one budget).
    canvas.width = 0;
    canvas.height = 0;
    return blob ?? file;
  } finally {
    bitmap.close();
  }
}
