/**
 * Two-factor sign-in facts shared by the server (Better Auth's twoFactor plugin, lib/staff/auth.ts)
 * and the account page (client-safe).
 */

/** How many backup codes an enrolment or a regeneration gives; each signs in once. */
export const BACKUP_CODE_COUNT = 10;
/** At or below this many unused codes the page suggests generating new ones. */
export const BACKUP_CODES_LOW = 3;
