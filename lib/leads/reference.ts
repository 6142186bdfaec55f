import { randomInt } from "node:crypto";

/**
 * The short human reference of an inquiry, e.g. "SMP-7KQ2-94": easy to read out on the phone and
 * to type into the staff search. Four characters from 25 without look-alikes (no 0/O, 1/I/L,
 * 5/S, 2/Z, 8/B) and two digits: 25^4 * 100, about 39 million. Uniqueness is the database's
 * unique index on Lead.reference; createLead draws a new one on the rare collision.
 */
export const REFERENCE_LETTERS = "ACDEFGHJKMNPQRTUVWXY34679";
export const REFERENCE_PATTERN = /^SMP-[ACDEFGHJKMNPQRTUVWXY34679]{4}-\d{2}$/;

export function newLeadReference(random: (max: number) => number = randomInt): string {
  let code = "";
  for (let i = 0; i < 4; i++) code += REFERENCE_LETTERS[random(REFERENCE_LETTERS.length)];
  const digits = String(random(100)).padStart(2, "0");
  return `SMP-${code}-${digits}`;
}
