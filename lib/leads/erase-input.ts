import { z } from "zod";

/** What the admin types to confirm an erasure. */
export const ERASE_CONFIRMATION_WORD = "ERASE";

/** `DELETE /api/v1/leads/{id}?person=1` (or 0, or absent); nothing else. */
export const eraseQuerySchema = z.strictObject({
  person: z.enum(["0", "1"], { error: "Use person=1 to erase every inquiry of the same person, or leave it out." }).optional(),
});

/** The lead page's erase form: which lead, the typed confirmation, and whether to follow the same person. */
export const eraseLeadFormSchema = z.strictObject({
  leadId: z.string({ error: "The inquiry id is missing." }).min(1, { error: "The inquiry id is missing." }),
  confirmation: z
    .string({ error: `Type ${ERASE_CONFIRMATION_WORD} in capital letters to confirm.` })
    .trim()
    .refine((value) => value === ERASE_CONFIRMATION_WORD, { error: `Type ${ERASE_CONFIRMATION_WORD} in capital letters to confirm.` }),
  person: z.enum(["1"]).optional(),
});

/** The retention form: a number of months, or "off"; the settings version the page was rendered with. */
export const retentionFormSchema = z.strictObject({
  retentionMonths: z.union(
    [
      z.literal("off"),
      z.coerce
        .number({ error: "Enter a whole number of months (1 to 240), or turn retention off." })
        .int({ error: "Enter a whole number of months (1 to 240), or turn retention off." })
        .min(1, { error: "Enter a whole number of months (1 to 240), or turn retention off." })
        .max(240, { error: "Enter a whole number of months (1 to 240), or turn retention off." }),
    ],
    { error: "Enter a whole number of months (1 to 240), or turn retention off." },
  ),
  version: z.coerce.number({ error: "Reload the page and try again." }).int({ error: "Reload the page and try again." }),
});

/** `?preview=N` on the data protection page. */
export const retentionPreviewQuerySchema = z.coerce.number().int().min(1).max(240);
