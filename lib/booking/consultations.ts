import "server-only";

import { recordAudit } from "@/lib/audit/record";
import { findSlots, loadBookingContext, slotRulesOf } from "@/lib/booking/availability";
import { consultationViewOf, type ConsultationView } from "@/lib/booking/consultation-view";
import { consultationHappened, type ConsultationEventType } from "@/lib/booking/events";
import { type BookedBy, CLINIC_CALENDAR, type ConsultationStatus, type ConsultationType } from "@/lib/booking/schemas";
import { getConsultationSettings } from "@/lib/booking/settings";
import { blockedRangeOf, freeSlots, lastBookableDate, type Slot } from "@/lib/booking/slots";
import { getClinicProfile } from "@/lib/clinic/store";
import { localDateOf, localDatesRange } from "@/lib/clinic/time";
import type { Db, DbTransaction } from "@/lib/db/client";
import { newId } from "@/lib/db/ids";
import { recordStage } from "@/lib/leads/lead-stages";
import {
  AlreadyBookedError,
  ConflictError,
  InvalidError,
  NotFoundError,
  type OfferedSlot,
  SlotTakenError,
  TooLateToChangeError,
} from "@/lib/errors";

/**
 * Booking, moving, cancelling and marking consultations (decision 022). The database refuses what
 * must never happen twice (an overlap on one calendar, a second booked consultation of an inquiry);
 * the checks here (notice, window, the slot grid, the cut-off) come first so a refusal says why, and
 * the database's refusal is translated into the same domain errors (SLOT_TAKEN, ALREADY_BOOKED).
 * Notice, window and cut-off are enforced HERE, on the server, whatever the client shows.
 */

export type BookingLocale = "en" | "es";

export interface Actor {
  by: BookedBy;
  /** The staff member; null for the patient (with their link) and the system. */
  userId: string | null;
}

export type { ConsultationView } from "@/lib/booking/consultation-view";

const MINUTE_MS = 60_000;
/** An auto-picked consultant may be taken between the check and the write: try the next free one. */
const AUTO_PICK_ATTEMPTS = 3;

export const BOOKING_TEXT = {
  en: {
    slotTaken: "Sorry, that time was just taken. Please choose another time.",
    alreadyBooked: "This inquiry already has a consultation booked. Move it instead of booking another.",
    tooSoon: (hours: string) => `Please choose a time at least ${hours} from now.`,
    tooFar: (days: number) => `Please choose a time within the next ${days} days.`,
    notASlot: "That is not one of the times we offer. Please choose a time from the list.",
    tooLate: (phone: string) => `It is too late to change this consultation online. Please call the clinic on ${phone}.`,
    noConsultation: "There is no consultation booked.",
    stale: "This consultation was changed meanwhile. Reload it and try again.",
  },
  es: {
    slotTaken: "Lo sentimos, esa hora se acaba de ocupar. Por favor, elija otra hora.",
    alreadyBooked: "Esta solicitud ya tiene una consulta reservada. Cámbiela de hora en lugar de reservar otra.",
    tooSoon: (hours: string) => `Por favor, elija una hora con al menos ${hours} de antelación.`,
    tooFar: (days: number) => `Por favor, elija una hora dentro de los próximos ${days} días.`,
    notASlot: "Esa no es una de las horas que ofrecemos. Por favor, elija una hora de la lista.",
    tooLate: (phone: string) => `Ya es tarde para cambiar esta consulta en línea. Por favor, llame a la clínica al ${phone}.`,
    noConsultation: "No hay ninguna consulta reservada.",
    stale: "Esta consulta cambió mientras tanto. Vuelva a cargarla e inténtelo de nuevo.",
  },
} as const;

function durationWords(minutes: number, locale: BookingLocale): string {
  if (minutes % 60 === 0) {
    const h = minutes / 60;
    return locale === "es" ? `${h} ${h === 1 ? "hora" : "horas"}` : `${h} ${h === 1 ? "hour" : "hours"}`;
  }
  return locale === "es" ? `${minutes} minutos` : `${minutes} minutes`;
}

// --- the database's refusals -----------------------------------------------------------------------

function errorTexts(error: unknown, depth = 0): string[] {
  if (typeof error !== "object" || error === null || depth > 4) return [];
  const e = error as { message?: unknown; code?: unknown; meta?: unknown; cause?: unknown; originalCode?: unknown; constraint?: unknown };
  const own = [e.message, e.code, e.originalCode, e.constraint, e.meta === undefined ? undefined : JSON.stringify(e.meta)].filter(
    (x): x is string => typeof x === "string",
  );
  return [...own, ...errorTexts(e.cause, depth + 1)];
}

/** PostgreSQL's exclusion violation (23P01) of Consultation_no_overlap, or the SQLite trigger's RAISE. */
export function isOverlapRefusal(error: unknown): boolean {
  return errorTexts(error).some((t) => t.includes("Consultation_no_overlap") || t.includes("23P01") || t.includes("SLOT_TAKEN"));
}

/**
 * PostgreSQL may abort one of two concurrent inserts that conflict on an exclusion constraint with a
 * deadlock (40P01) instead of the exclusion violation: each waits on the other's uncommitted row
 * (exclusion constraints have no speculative insertion as unique indexes do). A serialization failure
 * or Prisma's write conflict is the same kind of answer: nothing was written, try again.
 */
export function isWriteConflict(error: unknown): boolean {
  return errorTexts(error).some((t) => t === "40P01" || t === "40001" || t === "P2034" || t.includes("deadlock detected") || t.includes("TransactionWriteConflict"));
}

/** A write transaction on one calendar, run again (at most 3 times) when the database answered a write conflict; the retry then meets the winner's row (23P01: slot taken). */
async function withConflictRetry<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= 3 || !isWriteConflict(error)) throw error;
    }
  }
}

/** The partial unique index "one booked consultation per inquiry". */
export function isAlreadyBookedRefusal(error: unknown): boolean {
  const texts = errorTexts(error);
  if (texts.some((t) => t.includes("Consultation_one_booked_per_lead"))) return true;
  // SQLite names the columns, not the index: "UNIQUE constraint failed: Consultation.leadId".
  return texts.some((t) => t.includes("Consultation.leadId")) || (texts.includes("P2002") && texts.some((t) => t.includes("leadId")));
}

// --- views -----------------------------------------------------------------------------------------

type ConsultationRow = NonNullable<Awaited<ReturnType<Db["consultation"]["findUnique"]>>>;


function eventOf(type: ConsultationEventType, row: ConsultationRow, actor: Actor, previousStartsAt?: Date) {
  return {
    type,
    consultationId: row.id,
    leadId: row.leadId,
    consultationType: row.type as ConsultationType,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    ...(previousStartsAt ? { previousStartsAt: previousStartsAt.toISOString() } : {}),
    status: row.status as ConsultationStatus,
    icsSequence: row.icsSequence,
    consultantId: row.consultantId,
    by: actor.by,
    actorId: actor.userId,
  };
}

const offered = (slots: readonly Slot[]): OfferedSlot[] => slots.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString() }));

// --- the checks before a write ------------------------------------------------------------------------

interface Placement {
  calendarKeys: string[];
  lengthMinutes: number;
}

/**
 * Where `start` can go: the calendars free at that instant, the automatic pick first (or the
 * staff's choice). InvalidError outside notice / window / the slot grid; SlotTakenError (with the
 * date's fresh slots) when the time exists but nobody is free.
 */
async function placeStart(
  db: Db,
  input: { type: ConsultationType; start: Date; consultantId?: string; excludeConsultationId?: string; now: Date; locale: BookingLocale },
): Promise<Placement> {
  const [profile, settings] = await Promise.all([getClinicProfile(db), getConsultationSettings(db)]);
  const text = BOOKING_TEXT[input.locale];
  const t = input.start.getTime();
  if (t < input.now.getTime() + settings.minNoticeMinutes * MINUTE_MS) {
    const message = text.tooSoon(durationWords(settings.minNoticeMinutes, input.locale));
    throw new InvalidError(message, { start: message }, "outside_notice");
  }
  const date = localDateOf(input.start, profile.timeZone);
  if (date > lastBookableDate(input.now, { timeZone: profile.timeZone, bookingWindowDays: settings.bookingWindowDays })) {
    const message = text.tooFar(settings.bookingWindowDays);
    throw new InvalidError(message, { start: message }, "outside_window");
  }
  const base = { type: input.type, from: date, to: date, now: input.now, ...(input.consultantId ? { consultantId: input.consultantId } : {}) };
  const free = await findSlots(db, { ...base, ...(input.excludeConsultationId ? { excludeConsultationId: input.excludeConsultationId } : {}) });
  const here = free.slots.find((s) => s.start.getTime() === t);
  if (here) {
    // The pick first; then any other calendar free at that instant (for a retry after a race).
    const others = input.consultantId ? [] : await calendarsFreeAt(db, base, input.excludeConsultationId, t, here.calendarKey);
    return { calendarKeys: [here.calendarKey, ...others], lengthMinutes: free.lengthMinutes };
  }
  throw await takenOrInvalid(db, base, t, free.slots, input.locale);
}

/** Other calendars free at `t`: the slots of each calendar alone. */
async function calendarsFreeAt(
  db: Db,
  base: { type: ConsultationType; from: string; to: string; now: Date },
  excludeId: string | undefined,
  t: number,
  picked: string,
): Promise<string[]> {
  const consultants = await db.consultant.findMany({ where: { active: true, user: { deactivatedAt: null }, id: { not: picked } }, select: { id: true } });
  const keys: string[] = [];
  for (const c of consultants) {
    const own = await findSlots(db, { ...base, consultantId: c.id, ...(excludeId ? { excludeConsultationId: excludeId } : {}) });
    if (own.slots.some((s) => s.start.getTime() === t)) keys.push(c.id);
  }
  return keys.slice(0, AUTO_PICK_ATTEMPTS - 1);
}

/** SlotTakenError when `t` is a time of the grid (taken), else InvalidError (not a time offered). */
async function takenOrInvalid(
  db: Db,
  base: { type: ConsultationType; from: string; to: string; now: Date; consultantId?: string },
  t: number,
  fresh: readonly Slot[],
  locale: BookingLocale,
): Promise<Error> {
  const grid = await findSlotsIgnoringBookings(db, base);
  if (grid.some((s) => s.start.getTime() === t)) return new SlotTakenError(BOOKING_TEXT[locale].slotTaken, offered(fresh));
  return new InvalidError(BOOKING_TEXT[locale].notASlot, { start: BOOKING_TEXT[locale].notASlot }, "not_a_slot");
}

/** The date's grid of times as if nothing were booked (to tell "taken" from "never offered"). */
async function findSlotsIgnoringBookings(db: Db, base: { type: ConsultationType; from: string; to: string; now: Date; consultantId?: string }) {
  const profile = await getClinicProfile(db);
  const context = await loadBookingContext(db, localDatesRange(base.from, base.to, profile.timeZone), profile);
  const calendars = base.consultantId ? context.calendars.filter((c) => c.key === base.consultantId) : context.calendars;
  return freeSlots(slotRulesOf(profile, context.settings, base.type), { from: base.from, to: base.to, now: base.now, calendars, bookings: [] });
}

async function freshSlotsOf(db: Db, type: ConsultationType, start: Date, now: Date, excludeId?: string): Promise<OfferedSlot[]> {
  const profile = await getClinicProfile(db);
  const date = localDateOf(start, profile.timeZone);
  try {
    const free = await findSlots(db, { type, from: date, to: date, now, ...(excludeId ? { excludeConsultationId: excludeId } : {}) });
    return offered(free.slots);
  } catch {
    return [];
  }
}

// --- book ------------------------------------------------------------------------------------------

export interface BookInput {
  leadId: string;
  type: ConsultationType;
  start: Date;
  /** Staff choose; default the automatic pick (fewest consultations that day among the free). */
  consultantId?: string;
  actor: Actor;
  now?: Date;
  locale?: BookingLocale;
}

/**
 * Books a consultation for an inquiry. The inquiry moves to consultation_booked by itself when it
 * was new or contacted (audited as the system: no actor). Throws InvalidError (notice, window, not a
 * slot), SlotTakenError (taken, also when another request won the race: the database refused it),
 * AlreadyBookedError, NotFoundError.
 */
export async function bookConsultation(db: Db, input: BookInput): Promise<ConsultationView> {
  const now = input.now ?? new Date();
  const locale = input.locale ?? "en";
  const lead = await db.lead.findUnique({ where: { id: input.leadId }, select: { id: true, mergedIntoId: true } });
  if (!lead || lead.mergedIntoId !== null) throw new NotFoundError("This inquiry does not exist.");
  const booked = await db.consultation.findFirst({ where: { leadId: input.leadId, status: "booked" }, select: { id: true } });
  if (booked) throw new AlreadyBookedError(BOOKING_TEXT[locale].alreadyBooked);

  const placement = await placeStart(db, { type: input.type, start: input.start, now, locale, ...(input.consultantId ? { consultantId: input.consultantId } : {}) });
  const settings = await getConsultationSettings(db);
  const range = blockedRangeOf(input.start, settings.types[input.type]);
  for (const calendarKey of placement.calendarKeys) {
    try {
      return await withConflictRetry(() => db.$transaction(async (tx) => {
        const row = await tx.consultation.create({
          data: {
            id: newId(),
            leadId: input.leadId,
            consultantId: calendarKey === CLINIC_CALENDAR ? null : calendarKey,
            calendarKey,
            type: input.type,
            startsAt: range.start,
            endsAt: range.end,
            blockedStart: range.blockedStart,
            blockedEnd: range.blockedEnd,
            bookedBy: input.actor.by,
            bookedById: input.actor.userId,
          },
        });
        await moveInquiryToBooked(tx, input.leadId);
        await consultationHappened(tx, eventOf("booked", row, input.actor));
        return consultationViewOf(row);
      }));
    } catch (error) {
      if (isAlreadyBookedRefusal(error)) throw new AlreadyBookedError(BOOKING_TEXT[locale].alreadyBooked);
      if (!isOverlapRefusal(error)) throw error;
      // Taken meanwhile: the next free calendar at that instant, if any.
    }
  }
  throw new SlotTakenError(BOOKING_TEXT[locale].slotTaken, await freshSlotsOf(db, input.type, input.start, now));
}

/** new | contacted -> consultation_booked, audited as the system (actor null). Other statuses stay. Also on a merge (lib/leads/lead-merge.ts). */
export async function moveInquiryToBooked(tx: DbTransaction, leadId: string): Promise<void> {
  const lead = await tx.lead.findUnique({ where: { id: leadId }, select: { status: true } });
  if (!lead || (lead.status !== "new" && lead.status !== "contacted")) return;
  const moved = await tx.lead.updateMany({
    where: { id: leadId, status: lead.status },
    data: { status: "consultation_booked", version: { increment: 1 } },
  });
  if (moved.count === 1) {
    await recordStage(tx, leadId, "consultation_booked", new Date());
    await recordAudit(tx, { actorId: null, leadId, type: "status_changed", data: { from: lead.status, to: "consultation_booked", by: "system" } });
  }
}

// --- move, cancel, outcome -------------------------------------------------------------------------

async function requireConsultation(db: Db | DbTransaction, id: string): Promise<ConsultationRow> {
  const row = await db.consultation.findUnique({ where: { id } });
  if (!row) throw new NotFoundError("This consultation does not exist.");
  return row;
}

/** The patient's self-service cut-off: TooLateToChangeError (with the clinic's phone) once it passed. */
/**
 * Whether the patient may still move or cancel by themselves: before the self-service cut-off. The one
 * home of the rule: the check below and the patient's page (which shows Move and Cancel only then).
 */
export function selfServiceOpen(startsAt: Date, settings: { selfServiceCutoffMinutes: number }, now: Date): boolean {
  return now.getTime() <= startsAt.getTime() - settings.selfServiceCutoffMinutes * MINUTE_MS;
}

async function checkCutoff(db: Db, row: ConsultationRow, now: Date, locale: BookingLocale): Promise<void> {
  const settings = await getConsultationSettings(db);
  if (!selfServiceOpen(row.startsAt, settings, now)) {
    const profile = await getClinicProfile(db);
    throw new TooLateToChangeError(BOOKING_TEXT[locale].tooLate(profile.phone));
  }
}

export interface MoveInput {
  consultationId: string;
  start: Date;
  version: number;
  actor: Actor;
  /** Another consultant (staff); default: the automatic pick when the patient moves, the same one when staff move. */
  consultantId?: string;
  /** The patient with their link: the self-service cut-off applies. */
  selfService: boolean;
  now?: Date;
  locale?: BookingLocale;
}

/** Moves a booked consultation: the same id, version + 1, ICS sequence + 1. */
export async function moveConsultation(db: Db, input: MoveInput): Promise<ConsultationView> {
  const now = input.now ?? new Date();
  const locale = input.locale ?? "en";
  const row = await requireConsultation(db, input.consultationId);
  if (row.status !== "booked") throw new ConflictError("Only a booked consultation can be moved.", "not_booked");
  if (row.version !== input.version) throw new ConflictError(BOOKING_TEXT[locale].stale, "stale_version");
  if (input.selfService) await checkCutoff(db, row, now, locale);
  const type = row.type as ConsultationType;
  const consultantId = input.consultantId ?? (input.selfService ? undefined : (row.consultantId ?? undefined));
  const placement = await placeStart(db, { type, start: input.start, now, locale, excludeConsultationId: row.id, ...(consultantId ? { consultantId } : {}) });
  const settings = await getConsultationSettings(db);
  const range = blockedRangeOf(input.start, settings.types[type]);
  for (const calendarKey of placement.calendarKeys) {
    try {
      return await withConflictRetry(() => db.$transaction(async (tx) => {
        const updated = await tx.consultation.updateMany({
          where: { id: row.id, version: input.version, status: "booked" },
          data: {
            consultantId: calendarKey === CLINIC_CALENDAR ? null : calendarKey,
            calendarKey,
            startsAt: range.start,
            endsAt: range.end,
            blockedStart: range.blockedStart,
            blockedEnd: range.blockedEnd,
            version: { increment: 1 },
            icsSequence: { increment: 1 },
          },
        });
        if (updated.count !== 1) throw new ConflictError(BOOKING_TEXT[locale].stale, "stale_version");
        const after = await requireConsultation(tx, row.id);
        await consultationHappened(tx, eventOf("moved", after, input.actor, row.startsAt));
        return consultationViewOf(after);
      }));
    } catch (error) {
      if (!isOverlapRefusal(error)) throw error;
    }
  }
  throw new SlotTakenError(BOOKING_TEXT[locale].slotTaken, await freshSlotsOf(db, type, input.start, now, row.id));
}

export interface CancelInput {
  consultationId: string;
  /** Staff send the version they read; the patient's DELETE has none (the latest is cancelled). */
  version?: number;
  actor: Actor;
  selfService: boolean;
  now?: Date;
  locale?: BookingLocale;
}

/** Cancels a booked consultation (ICS sequence + 1; its time is free again). */
export async function cancelConsultation(db: Db, input: CancelInput): Promise<ConsultationView> {
  const now = input.now ?? new Date();
  const locale = input.locale ?? "en";
  const row = await requireConsultation(db, input.consultationId);
  if (row.status !== "booked") throw new ConflictError("Only a booked consultation can be cancelled.", "not_booked");
  if (input.version !== undefined && row.version !== input.version) throw new ConflictError(BOOKING_TEXT[locale].stale, "stale_version");
  if (input.selfService) await checkCutoff(db, row, now, locale);
  return db.$transaction(async (tx) => {
    const updated = await tx.consultation.updateMany({
      where: { id: row.id, version: row.version, status: "booked" },
      data: { status: "cancelled", cancelledAt: now, version: { increment: 1 }, icsSequence: { increment: 1 } },
    });
    if (updated.count !== 1) throw new ConflictError(BOOKING_TEXT[locale].stale, "stale_version");
    const after = await requireConsultation(tx, row.id);
    await moveInquiryOffBooked(tx, row.leadId);
    await consultationHappened(tx, eventOf("cancelled", after, input.actor));
    return consultationViewOf(after);
  });
}

/**
 * After a cancellation, an inquiry still in consultation_booked with no booked consultation left goes
 * back to where it stood before it was booked (new or contacted, from the latest move into
 * consultation_booked in its history; contacted when none is recorded), audited as the system. So the
 * inbox and the patient's own page never say "booked" for a cancelled consultation; the funnel keeps
 * the stage it reached (LeadStage). Other statuses (became a patient, not proceeding) stay.
 */
export async function moveInquiryOffBooked(tx: DbTransaction, leadId: string): Promise<void> {
  const lead = await tx.lead.findUnique({ where: { id: leadId }, select: { status: true } });
  if (!lead || lead.status !== "consultation_booked") return;
  if ((await tx.consultation.count({ where: { leadId, status: "booked" } })) > 0) return;
  const intoBooked = await tx.leadEvent.findMany({
    where: { leadId, type: "status_changed" },
    select: { data: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 20,
  });
  const from = intoBooked
    .map((event) => (event.data !== null && typeof event.data === "object" && !Array.isArray(event.data) ? event.data : {}))
    .find((data) => data.to === "consultation_booked")?.from;
  const back = from === "new" || from === "contacted" ? from : "contacted";
  const moved = await tx.lead.updateMany({ where: { id: leadId, status: "consultation_booked" }, data: { status: back, version: { increment: 1 } } });
  if (moved.count === 1) {
    await recordAudit(tx, { actorId: null, leadId, type: "status_changed", data: { from: "consultation_booked", to: back, by: "system", because: "consultation_cancelled" } });
  }
}

export interface OutcomeInput {
  consultationId: string;
  version: number;
  status: "attended" | "no_show";
  actor: Actor;
  now?: Date;
}

/** Marks a consultation attended or no-show: only once it has started (staff). */
export async function markConsultation(db: Db, input: OutcomeInput): Promise<ConsultationView> {
  const now = input.now ?? new Date();
  const row = await requireConsultation(db, input.consultationId);
  if (row.version !== input.version) throw new ConflictError(BOOKING_TEXT.en.stale, "stale_version");
  if (row.status === "cancelled") throw new ConflictError("A cancelled consultation cannot be marked.", "cancelled");
  if (now.getTime() < row.startsAt.getTime()) {
    throw new ConflictError("A consultation can be marked attended or no-show only once it has started.", "not_started");
  }
  if (row.status === input.status) return consultationViewOf(row);
  return db.$transaction(async (tx) => {
    const updated = await tx.consultation.updateMany({
      where: { id: row.id, version: input.version },
      data: { status: input.status, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new ConflictError(BOOKING_TEXT.en.stale, "stale_version");
    // Attended: the inquiry reached the funnel's "attended" stage (the first time only; a later
    // correction to no-show leaves it, as every stage keeps its first time).
    if (input.status === "attended") await recordStage(tx, row.leadId, "attended", now);
    const after = await requireConsultation(tx, row.id);
    await consultationHappened(tx, eventOf(input.status, after, input.actor));
    return consultationViewOf(after);
  });
}

/** The inquiry's booked consultation, or null. */
export async function bookedConsultationOf(db: Db, leadId: string): Promise<ConsultationRow | null> {
  return db.consultation.findFirst({ where: { leadId, status: "booked" } });
}
