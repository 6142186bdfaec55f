/**
 * The version of the privacy text a patient agrees to: the privacy notice (/privacy, messages
 * "privacy" in lib/i18n/messages/*.json) and the consent box of the consultation form (messages
 * lead.consentContact, lead.consentPrivacy). Each inquiry stores `${PRIVACY_NOTICE_VERSION}.${locale}`
 * as its consent text version, and the notice shows it. Change any of those texts: bump this, and
 * update PRIVACY_TEXT_SHA256 (tests/unit/privacy-notice.test.ts fails until both are done).
 */
export const PRIVACY_NOTICE_VERSION = "2026-12-privacy-v1";

/** SHA-256 of the texts above in both languages, as computed by the test. */
export const PRIVACY_TEXT_SHA256 = "757ff2d7ea0ea2edf2a642c6e0050c5b1b4621db54e99ae60110f3f999b280a2";
