import { z } from "zod";

import { LUDWIG_STAGES, NORWOOD_STAGES, SCAR_KINDS } from "@/lib/candidacy/options";
import { candidacyResultSchema } from "@/lib/candidacy/result";

import { MAX_PHOTOS_PER_INQUIRY, PHOTO_VIEWS } from "./photo-limits";

/**
 * Shapes of the photo and assessment endpoints (docs/api-v1.md, "Photos and assessment"), client-safe:
 * the capture UI, the staff forms and the API share them; the OpenAPI document describes them.
 */

/** The views, the photo limit and the upload types live in ./photo-limits (zod-free, for the browser). */
export { MAX_PHOTOS_PER_INQUIRY, PHOTO_UPLOAD_TYPES, PHOTO_VIEWS, type PhotoView } from "./photo-limits";

/** An upload's bound (the route's 413); the browser resizes before sending, so a photo is far smaller. */
export const PHOTO_MAX_UPLOAD_BYTES = 10 * 1024 * 1024 - 1;
export const DOCUMENT_UPLOAD_TYPES = ["image/jpeg", "image/png", "application/pdf"] as const;
export const DOCUMENT_KINDS = ["clearance_letter"] as const;

export const PHOTO_MESSAGES = {
  tooMany: `An inquiry can have at most ${MAX_PHOTOS_PER_INQUIRY} photos. Remove one to send another.`,
  view: "Choose which part of the scalp the photo shows.",
  stageBoth: "Confirm either a Norwood or a Ludwig stage, not both.",
  note: "Please keep the note under 2,000 characters.",
} as const;

export const photoUploadQuerySchema = z.strictObject({
  view: z.enum(PHOTO_VIEWS, { error: PHOTO_MESSAGES.view }).describe("Which part of the scalp: front (hairline), top, crown, back (donor area), scar."),
  locale: z.string().optional(),
});

export const photoSizeQuerySchema = z.strictObject({
  size: z.enum(["thumb", "full"]).default("thumb").describe("thumb (<= 320 px, default) or full (<= 2048 px)."),
});

export const myPhotoParamsSchema = z.strictObject({ token: z.string(), photoId: z.string().min(1).max(64) });
export const leadPhotoParamsSchema = z.strictObject({ id: z.string().min(1), photoId: z.string().min(1).max(64) });
export const leadDocumentParamsSchema = z.strictObject({ id: z.string().min(1), documentId: z.string().min(1).max(64) });

export const documentUploadQuerySchema = z.strictObject({
  kind: z.enum(DOCUMENT_KINDS).default("clearance_letter").describe("What the document is (today only the dermatologist's clearance letter)."),
});

const isoDateTime = z.string().describe("ISO 8601 date-time (UTC)");

/** 201 of POST /api/v1/my/{token}/photos. */
export const storedPhotoSchema = z.object({
  id: z.string(),
  view: z.enum(PHOTO_VIEWS),
  width: z.number().int().describe("Of the stored image, upright, in pixels."),
  height: z.number().int(),
  bytes: z.number().int().describe("Size of the stored JPEG."),
});
export type StoredPhoto = z.infer<typeof storedPhotoSchema>;

/** GET /api/v1/leads/{id}/photos: the list, no bytes. */
export const leadPhotoListSchema = z.object({
  photos: z.array(storedPhotoSchema.extend({ createdAt: isoDateTime })),
  documents: z.array(z.object({ id: z.string(), kind: z.enum(DOCUMENT_KINDS), contentType: z.string(), bytes: z.number().int(), createdAt: isoDateTime })),
});
export type LeadPhotoList = z.infer<typeof leadPhotoListSchema>;

export const storedDocumentSchema = z.object({ id: z.string(), kind: z.enum(DOCUMENT_KINDS), contentType: z.string(), bytes: z.number().int() });

/** Confirmable stages: what staff see on the photos ("unknown" is the patient's answer, never a confirmation). */
export const CONFIRMABLE_NORWOOD_STAGES = NORWOOD_STAGES.filter((s) => s !== "unknown") as Exclude<(typeof NORWOOD_STAGES)[number], "unknown">[];

/** POST /api/v1/leads/{id}/assessment (and the staff form, after its own coercion). */
export const assessmentInputSchema = z
  .strictObject({
    version: z.number().int().positive().optional().describe("The inquiry's version (409 when stale)."),
    norwoodStage: z.enum(CONFIRMABLE_NORWOOD_STAGES as [string, ...string[]]).optional(),
    ludwigStage: z.enum(LUDWIG_STAGES).optional(),
    scars: z.array(z.enum(SCAR_KINDS)).max(SCAR_KINDS.length).optional().describe("The scars seen; omitted: the patient's answer stands."),
    note: z.string().trim().max(2000, { error: PHOTO_MESSAGES.note }).optional(),
  })
  .refine((v) => !(v.norwoodStage !== undefined && v.ludwigStage !== undefined), { error: PHOTO_MESSAGES.stageBoth, path: ["ludwigStage"] });
export type AssessmentInput = z.infer<typeof assessmentInputSchema>;

export const assessmentResponseSchema = z.object({ confirmedResult: candidacyResultSchema, version: z.number().int() });

/**
 * The staff assessment form as the API's body: one "stage" select ("norwood:5", "ludwig:II" or ""
 * to keep the patient's), the scar checkboxes ("scarsGiven" marks that the scar question was
 * answered on the form, so none ticked means "no scars"), the note and the version.
 */
export function assessmentFromForm(form: FormData): unknown {
  const text = (key: string) => {
    const value = form.get(key);
    return typeof value === "string" ? value : "";
  };
  const [pattern, stage] = text("stage").split(":");
  const version = Number(text("version"));
  return {
    ...(Number.isInteger(version) && version > 0 ? { version } : {}),
    ...(pattern === "norwood" && stage ? { norwoodStage: stage } : {}),
    ...(pattern === "ludwig" && stage ? { ludwigStage: stage } : {}),
    ...(text("scarsGiven") === "1" ? { scars: form.getAll("scars").filter((v): v is string => typeof v === "string") } : {}),
    ...(text("note").trim() !== "" ? { note: text("note") } : {}),
  };
}
