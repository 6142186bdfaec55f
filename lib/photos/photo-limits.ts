/**
 * The photo facts the patient's capture needs in the browser, free of zod, so the patient page does
 * not load the API's schemas (lib/photos/schemas.ts re-exports them).
 */

/** The guided views, in the order the patient is asked for them. */
export const PHOTO_VIEWS = ["front", "top", "crown", "back", "scar"] as const;
export type PhotoView = (typeof PHOTO_VIEWS)[number];

/** At most this many photos per inquiry (the database refuses more: slots 1..5, decision 023). */
export const MAX_PHOTOS_PER_INQUIRY = 5;
export const PHOTO_UPLOAD_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
