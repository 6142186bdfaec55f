import "server-only";

import { randomBytes } from "node:crypto";

/**
 * A new row id in the shape of Prisma's cuid(): "c", 8 base-36 characters of the time in ms (ids
 * sort roughly by creation), 16 random base-36 characters (about 82 bits).
 */
export function newId(): string {
  const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
  const time = Date.now().toString(36).padStart(8, "0").slice(-8);
  const bytes = randomBytes(16);
  let rest = "";
  for (const byte of bytes) rest += alphabet[byte % 36];
  return `c${time}${rest}`;
}
