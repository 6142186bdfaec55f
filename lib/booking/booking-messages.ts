/**
 * The booking schemas' limits and messages, without zod (lib/booking/schemas.ts uses them), so the
 * API's Spanish messages (lib/i18n/api-messages.ts, also in the questionnaire's bundle) can name
 * them without pulling the schemas in. Client-safe.
 */

export const BOOKING_LIMITS = {
  lengthMinutesMin: 5,
  lengthMinutesMax: 480,
  bufferMinutesMax: 240,
  /** Two weeks. */
  minNoticeMinutesMax: 20_160,
  bookingWindowDaysMin: 1,
  bookingWindowDaysMax: 365,
  slotStepMinutesMin: 5,
  slotStepMinutesMax: 240,
  /** One week. */
  cutoffMinutesMax: 10_080,
  reminderLeadMinutesMin: 15,
  reminderLeadMinutesMax: 10_080,
  /** The slots API answers at most this many clinic dates per request (the contract). */
  slotsDaysMax: 62,
  callbackPreferredTimesMax: 200,
} as const;

export const BOOKING_MESSAGES = {
  wholeMinutes: (min: number, max: number) => `Enter a whole number of minutes from ${min} to ${max}.`,
  wholeDays: (min: number, max: number) => `Enter a whole number of days from ${min} to ${max}.`,
  noTypeEnabled: "Turn on at least one consultation type.",
  typeInvalid: "Choose in person, video or phone.",
  typeNotOffered: "This type of consultation is not offered at the moment.",
  dateInvalid: "Enter dates as YYYY-MM-DD, e.g. 2026-12-25 (a real calendar date).",
  rangeBackwards: "The end date must be on or after the start date.",
  rangeTooLong: `Ask for at most ${BOOKING_LIMITS.slotsDaysMax} days at a time.`,
  startInvalid: "Enter the start as an ISO-8601 date and time with its offset, e.g. 2026-12-08T09:00:00-08:00.",
  versionInvalid: "Send the version you last read.",
  statusInvalid: "Choose attended, no-show or cancelled.",
  preferredTimesMissing: "Tell us when you would like a call.",
  preferredTimesTooLong: `Keep it to ${BOOKING_LIMITS.callbackPreferredTimesMax} characters or fewer.`,
  dayInvalid: "Choose days of the week.",
  timeOffBackwards: "The end must be after the start.",
} as const;

