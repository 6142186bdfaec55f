import "server-only";

import { getConsultationSettings, type ConsultationSettings } from "@/lib/booking/settings";
import { BOOKING_MESSAGES, CLINIC_CALENDAR, type ConsultationType } from "@/lib/booking/schemas";
import { type BusyRange, freeSlots, type Slot, type SlotCalendar, type SlotRules } from "@/lib/booking/slots";
import { openingHoursSchema } from "@/lib/clinic/schemas";
import { getClinicProfile, type ClinicProfile } from "@/lib/clinic/store";
import { addLocalDays, type LocalDate, localDatesRange } from "@/lib/clinic/time";
import { type ArrayReadPath, epochMs, queryArrays } from "@/lib/db/array-query";
import { type Db, dbProviderOf, Prisma } from "@/lib/db/client";
import { InvalidError } from "@/lib/errors";

/**
 * Reads what the slots depend on (lib/booking/slots.ts is the pure part): the clinic's profile and
 * consultation settings, the calendars (active consultants whose account is active; none: the
 * clinic's single calendar on its opening hours), their time off and the consultations of the
 * window only (an index range on blockedStart; no consultation blocks more than a day, so
 * blockedStart >= from - 1 day bounds the scan from below).
 */

const DAY_MS = 86_400_000;

export const TYPE_NOT_OFFERED_MESSAGE = BOOKING_MESSAGES.typeNotOffered;

export interface BookingContext {
  profile: ClinicProfile;
  settings: ConsultationSettings;
  calendars: SlotCalendar[];
}

export interface SlotQuery {
  type: ConsultationType;
  from: LocalDate;
  to: LocalDate;
  /** Only this consultant's calendar (staff choose); default every calendar, the consultant picked automatically. */
  consultantId?: string;
  /** Leave this consultation's own blocked range out (it is being moved). */
  excludeConsultationId?: string;
  now?: Date;
}

/** The calendars slots are offered on, in a stable order (consultants by creation, then id). */
export async function loadCalendars(db: Db, profile: ClinicProfile, range: { gte: Date; lt: Date }): Promise<SlotCalendar[]> {
  const consultants = await db.consultant.findMany({
    where: { active: true, user: { deactivatedAt: null } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      weeklyHours: true,
      timeOff: { where: { endsAt: { gt: range.gte }, startsAt: { lt: range.lt } }, select: { startsAt: true, endsAt: true } },
    },
  });
  if (consultants.length === 0) return [{ key: CLINIC_CALENDAR, weeklyHours: profile.openingHours, timeOff: [] }];
  return consultants.map((c) => {
    const own = c.weeklyHours === null ? null : openingHoursSchema.safeParse(c.weeklyHours);
    return {
      key: c.id,
      weeklyHours: own?.success ? own.data : profile.openingHours,
      timeOff: c.timeOff.map((t) => ({ start: t.startsAt.getTime(), end: t.endsAt.getTime() })),
    };
  });
}

/**
 * Consultations that are not cancelled and block some time of [gte, lt): one statement on the
 * index (blockedStart, blockedEnd, calendarKey, status), which holds every column it reads (an
 * index-only range scan from gte - 1 day), rows read as arrays with the instants computed by the
 * database as epoch milliseconds (lib/db/array-query.ts): a 60-day window of three busy
 * consultants is about 1,500 rows, and Prisma's row objects cost several times the query.
 */
export async function loadBusyRanges(db: Db, range: { gte: Date; lt: Date }, excludeId?: string, path?: ArrayReadPath): Promise<BusyRange[]> {
  const ms = epochMs[dbProviderOf(db)];
  const exclude = excludeId ? Prisma.sql` AND "id" <> ${excludeId}` : Prisma.empty;
  const rows = await queryArrays(
    db,
    Prisma.sql`SELECT "calendarKey", ${Prisma.raw(`${ms(`"startsAt"`)} AS "startsAt", ${ms(`"blockedStart"`)} AS "blockedStart", ${ms(`"blockedEnd"`)} AS "blockedEnd"`)}
      FROM "Consultation"
      WHERE "blockedStart" >= ${new Date(range.gte.getTime() - DAY_MS)} AND "blockedStart" < ${range.lt} AND "blockedEnd" > ${range.gte}
        AND "status" <> 'cancelled'${exclude}`,
    path,
  );
  return rows.map((r) => ({ calendarKey: String(r[0]), startsAt: Number(r[1]), blockedStart: Number(r[2]), blockedEnd: Number(r[3]) }));
}

export function slotRulesOf(profile: ClinicProfile, settings: ConsultationSettings, type: ConsultationType): SlotRules {
  const t = settings.types[type];
  return {
    timeZone: profile.timeZone,
    openingHours: profile.openingHours,
    closedDates: profile.closedDates,
    lengthMinutes: t.lengthMinutes,
    bufferBeforeMinutes: t.bufferBeforeMinutes,
    bufferAfterMinutes: t.bufferAfterMinutes,
    minNoticeMinutes: settings.minNoticeMinutes,
    bookingWindowDays: settings.bookingWindowDays,
    stepMinutes: settings.slotStepMinutes,
  };
}

export async function loadBookingContext(db: Db, range: { gte: Date; lt: Date }, profile?: ClinicProfile): Promise<BookingContext> {
  const clinic = profile ?? (await getClinicProfile(db));
  const [settings, calendars] = await Promise.all([getConsultationSettings(db), loadCalendars(db, clinic, range)]);
  return { profile: clinic, settings, calendars };
}

export interface SlotsAnswer {
  timeZone: string;
  type: ConsultationType;
  lengthMinutes: number;
  slots: Slot[];
}

/**
 * The free slots of `query` (GET /api/v1/booking/slots, the booking's own check, the fresh slots of a
 * SLOT_TAKEN answer). InvalidError when the type is off, or the consultant is not one.
 */
export async function findSlots(db: Db, query: SlotQuery): Promise<SlotsAnswer> {
  const now = query.now ?? new Date();
  const profile = await getClinicProfile(db);
  // One day either side: the buffers of a consultation on a neighbouring date may reach into the window.
  const range = localDatesRange(addLocalDays(query.from, -1), addLocalDays(query.to, 1), profile.timeZone);
  // The consultations are read beside the settings and calendars (one round trip less on PostgreSQL).
  const [context, bookings] = await Promise.all([loadBookingContext(db, range, profile), loadBusyRanges(db, range, query.excludeConsultationId)]);
  const settings = context.settings.types[query.type];
  if (!settings.enabled) throw new InvalidError(TYPE_NOT_OFFERED_MESSAGE, { type: TYPE_NOT_OFFERED_MESSAGE });
  let calendars = context.calendars;
  if (query.consultantId !== undefined) {
    calendars = calendars.filter((c) => c.key === query.consultantId);
    if (calendars.length === 0) throw new InvalidError("This staff member does not take consultations.", { consultantId: "Not a consultant." });
  }
  const slots = freeSlots(slotRulesOf(profile, context.settings, query.type), { from: query.from, to: query.to, now, calendars, bookings });
  return { timeZone: profile.timeZone, type: query.type, lengthMinutes: settings.lengthMinutes, slots };
}
