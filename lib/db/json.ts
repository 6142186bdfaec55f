import type { Prisma } from "@/lib/db/client";

/** Zod output is plain JSON data (no Dates, no undefined values inside arrays); this only changes the type. */
export function toJson(value: object): Prisma.InputJsonObject {
  return value as Prisma.InputJsonObject;
}
