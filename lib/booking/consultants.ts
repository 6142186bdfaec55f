import "server-only";

import { recordAudit } from "@/lib/audit/record";
import type { z } from "zod";
import type { consultantSchema, timeOffSchema } from "@/lib/booking/schemas";
import { openingHoursSchema, type OpeningHours } from "@/lib/clinic/schemas";
import { type Db, Prisma } from "@/lib/db/client";
import { toJson } from "@/lib/db/json";
import { newId } from "@/lib/db/ids";
import { InvalidError, NotFoundError } from "@/lib/errors";

/**
 * Who takes consultations (the admin's /staff/consultations): staff accounts marked as consultants,
 * each with weekly hours (null: the clinic's opening hours) and time off. Until one is marked, the
 * clinic's opening hours form one calendar (lib/booking/availability.ts). Every change is audited.
 */

export type ConsultantInput = z.output<typeof consultantSchema>;
export type TimeOffInput = z.output<typeof timeOffSchema>;

export interface ConsultantAdminRow {
  userId: string;
  name: string;
  email: string;
  consultantId: string | null;
  active: boolean;
  /** null: the clinic's hours. */
  weeklyHours: OpeningHours | null;
  timeOff: { id: string; startsAt: string; endsAt: string; note: string | null }[];
}

/** Every active staff account with its consultant settings (if any) and its time off still to come. */
export async function listConsultantsForAdmin(db: Db, now: Date = new Date()): Promise<ConsultantAdminRow[]> {
  const users = await db.user.findMany({
    where: { deactivatedAt: null },
    orderBy: [{ name: "asc" }, { email: "asc" }],
    select: { id: true, name: true, email: true },
  });
  const consultants = await db.consultant.findMany({
    where: { userId: { in: users.map((u) => u.id) } },
    select: {
      id: true,
      userId: true,
      active: true,
      weeklyHours: true,
      timeOff: { where: { endsAt: { gt: now } }, orderBy: { startsAt: "asc" }, select: { id: true, startsAt: true, endsAt: true, note: true } },
    },
  });
  const byUser = new Map(consultants.map((c) => [c.userId, c]));
  return users.map((u) => {
    const c = byUser.get(u.id);
    const hours = c?.weeklyHours == null ? null : openingHoursSchema.safeParse(c.weeklyHours);
    return {
      userId: u.id,
      name: u.name,
      email: u.email,
      consultantId: c?.id ?? null,
      active: c?.active ?? false,
      weeklyHours: hours?.success ? hours.data : null,
      timeOff: (c?.timeOff ?? []).map((t) => ({ id: t.id, startsAt: t.startsAt.toISOString(), endsAt: t.endsAt.toISOString(), note: t.note })),
    };
  });
}

/** Marks a staff account as taking consultations or not, with its weekly hours. Creates the consultant row the first time. */
export async function saveConsultant(db: Db, actorId: string, userId: string, input: ConsultantInput): Promise<string> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, deactivatedAt: true } });
  if (!user) throw new NotFoundError("This staff account does not exist.");
  if (user.deactivatedAt && input.active) throw new InvalidError("A deactivated account cannot take consultations.", { active: "Reactivate the account first." });
  return db.$transaction(async (tx) => {
    const existing = await tx.consultant.findUnique({ where: { userId }, select: { id: true } });
    // SQL NULL (not JSON null): the clinic's hours.
    const weeklyHours = input.weeklyHours === null ? Prisma.DbNull : toJson(input.weeklyHours);
    const id = existing?.id ?? newId();
    if (existing) {
      await tx.consultant.update({ where: { id }, data: { active: input.active, weeklyHours, version: { increment: 1 } } });
    } else {
      await tx.consultant.create({ data: { id, userId, active: input.active, weeklyHours } });
    }
    await recordAudit(tx, { actorId, type: "consultant_updated", data: { userId, active: input.active, ownHours: input.weeklyHours !== null } });
    return id;
  });
}

/** Time off [startsAt, endsAt) of a consultant. */
export async function addTimeOff(db: Db, actorId: string, consultantId: string, input: TimeOffInput): Promise<string> {
  const consultant = await db.consultant.findUnique({ where: { id: consultantId }, select: { id: true, userId: true } });
  if (!consultant) throw new NotFoundError("Mark this person as taking consultations first.");
  return db.$transaction(async (tx) => {
    const id = newId();
    await tx.consultantTimeOff.create({ data: { id, consultantId, startsAt: input.startsAt, endsAt: input.endsAt, note: input.note ?? null } });
    await recordAudit(tx, { actorId, type: "consultant_updated", data: { userId: consultant.userId, timeOffAdded: id } });
    return id;
  });
}

export async function removeTimeOff(db: Db, actorId: string, timeOffId: string): Promise<void> {
  const row = await db.consultantTimeOff.findUnique({ where: { id: timeOffId }, select: { id: true, consultant: { select: { userId: true } } } });
  if (!row) throw new NotFoundError("This time off is already removed.");
  await db.$transaction(async (tx) => {
    await tx.consultantTimeOff.delete({ where: { id: timeOffId } });
    await recordAudit(tx, { actorId, type: "consultant_updated", data: { userId: row.consultant.userId, timeOffRemoved: timeOffId } });
  });
}
