/**
 * The limits of an inquiry's fields: the schema (lead-input.ts) enforces them, and the form's
 * hints and messages quote them (formatted by lib/i18n/numbers.ts). No dependencies, so the
 * consultation form can show them without loading zod.
 */
export const LEAD_LIMITS = {
  nameMax: 100,
  emailMax: 254,
  phoneMax: 40,
  notesMax: 2000,
  consentTextVersionMax: 100,
  sourceFieldMax: 200,
  referrerMax: 2000,
  honeypotMax: 500,
} as const;
