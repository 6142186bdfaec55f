/**
 * The week's days, Monday first: the keys of the clinic's opening hours. Their own module, free of zod
 * and libphonenumber-js, so the patient's booking panel reads them without loading the clinic's
 * schemas (lib/clinic/schemas.ts re-exports them).
 */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
