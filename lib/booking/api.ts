import "server-only";

import { z } from "zod";

import { findSlots } from "@/lib/booking/availability";
import { CONSULTANT_NAME, CONSULTATION_COLUMNS, consultantNameOf, consultationViewOf } from "@/lib/booking/consultation-view";
import {
  type Actor,
  bookConsultation,
  bookedConsultationOf,
  type BookingLocale,
  BOOKING_TEXT,
  cancelConsultation,
  type ConsultationView,
  markConsultation,
  moveConsultation,
} from "@/lib/booking/consultations";
import {
  type CallbackPreferenceInput,
  CONSULTATION_STATUSES,
  CONSULTATION_TYPES,
  type ConsultationStatus,
  type SlotsQuery,
} from "@/lib/booking/schemas";
import { recordAudit } from "@/lib/audit/record";
import { getClinicProfile } from "@/lib/clinic/store";
import { isoWithOffset, localDatesRange } from "@/lib/clinic/time";
import type { Db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { requireAccess } from "@/lib/patient-access/patient-view";

/**
 * The HTTP shapes of consultations (docs/api-v1.md, "Consultations") and the calls the routes make:
 * routes parse with lib/booking/schemas.ts, call one function here, answer its value.
 */

const slotSchema = z.object({
  start: z.string().describe("ISO-8601 with the clinic's offset at that instant"),
  end: z.string(),
});

export const slotsResponseSchema = z.object({
  timeZone: z.string().describe("The clinic's IANA time zone; the dates asked for are its local dates"),
  type: z.enum(CONSULTATION_TYPES),
  lengthMinutes: z.number().int(),
  slots: z.array(slotSchema).describe("Only free, bookable slots (notice, window, hours, closed days, time off, buffers), in time order"),
});

const patientConsultationSchema = z.object({
  id: z.string(),
  type: z.enum(CONSULTATION_TYPES),
  start: z.string(),
  end: z.string(),
  status: z.enum(CONSULTATION_STATUSES),
  version: z.number().int(),
});
export const patientConsultationResponseSchema = z.object({ consultation: patientConsultationSchema });

export const staffConsultationSchema = patientConsultationSchema.extend({
  leadId: z.string(),
  reference: z.string().nullable(),
  firstName: z.string(),
  consultantId: z.string().nullable().describe("null: the clinic's single calendar"),
  consultantName: z.string().nullable(),
  icsSequence: z.number().int(),
  bookedBy: z.enum(["patient", "staff", "system"]),
});
export const staffConsultationResponseSchema = z.object({ consultation: staffConsultationSchema });
export const consultationListResponseSchema = z.object({ timeZone: z.string(), consultations: z.array(staffConsultationSchema) });

export const callbackResponseSchema = z.object({
  callbackPreference: z.object({ preferredTimes: z.string(), days: z.array(z.string()), updatedAt: z.string() }),
});

/** GET /api/v1/booking/slots. */
export async function slotsAnswer(db: Db, query: SlotsQuery, now: Date = new Date()): Promise<z.output<typeof slotsResponseSchema>> {
  const answer = await findSlots(db, { type: query.type, from: query.from, to: query.to, now });
  return {
    timeZone: answer.timeZone,
    type: answer.type,
    lengthMinutes: answer.lengthMinutes,
    slots: answer.slots.map((s) => ({ start: isoWithOffset(s.start, answer.timeZone), end: isoWithOffset(s.end, answer.timeZone) })),
  };
}

function patientShape(view: ConsultationView) {
  return { consultation: { id: view.id, type: view.type, start: view.start, end: view.end, status: view.status, version: view.version } };
}

async function patientLead(db: Db, token: string): Promise<{ leadId: string; locale: BookingLocale }> {
  const leadId = await requireAccess(db, token);
  const lead = await db.lead.findUnique({ where: { id: leadId }, select: { locale: true } });
  return { leadId, locale: lead?.locale === "es" ? "es" : "en" };
}

const PATIENT: Actor = { by: "patient", userId: null };

/** POST /api/v1/my/{token}/consultation. */
export async function patientBook(db: Db, token: string, body: { type: (typeof CONSULTATION_TYPES)[number]; start: Date }) {
  const { leadId, locale } = await patientLead(db, token);
  return patientShape(await bookConsultation(db, { leadId, type: body.type, start: body.start, actor: PATIENT, locale }));
}

async function patientBooked(db: Db, token: string) {
  const { leadId, locale } = await patientLead(db, token);
  const row = await bookedConsultationOf(db, leadId);
  if (!row) throw new NotFoundError(BOOKING_TEXT[locale].noConsultation);
  return { row, locale };
}

/** PATCH /api/v1/my/{token}/consultation. */
export async function patientMove(db: Db, token: string, body: { start: Date; version: number }) {
  const { row, locale } = await patientBooked(db, token);
  return patientShape(await moveConsultation(db, { consultationId: row.id, start: body.start, version: body.version, actor: PATIENT, selfService: true, locale }));
}

/** DELETE /api/v1/my/{token}/consultation. */
export async function patientCancel(db: Db, token: string) {
  const { row, locale } = await patientBooked(db, token);
  return patientShape(await cancelConsultation(db, { consultationId: row.id, actor: PATIENT, selfService: true, locale }));
}

/** POST /api/v1/my/{token}/callback: "none of these times suit me" (replaces an earlier one). */
export async function patientCallback(db: Db, token: string, body: CallbackPreferenceInput) {
  const { leadId } = await patientLead(db, token);
  const days = body.days ?? [];
  const saved = await db.$transaction(async (tx) => {
    const row = await tx.callbackPreference.upsert({
      where: { leadId },
      create: { leadId, preferredTimes: body.preferredTimes, days },
      update: { preferredTimes: body.preferredTimes, days },
    });
    // The patient's own words stay on the inquiry; the audit names the days only.
    await recordAudit(tx, { actorId: null, leadId, type: "callback_requested", data: { by: "patient", days } });
    return row;
  });
  return { callbackPreference: { preferredTimes: saved.preferredTimes, days, updatedAt: saved.updatedAt.toISOString() } };
}

// --- staff ------------------------------------------------------------------------------------------

const staffSelect = {
  ...CONSULTATION_COLUMNS,
  ...CONSULTANT_NAME,
  lead: { select: { reference: true, firstName: true } },
} as const;

type StaffRow = NonNullable<Awaited<ReturnType<typeof readStaffRow>>>;

function readStaffRow(db: Db, id: string) {
  return db.consultation.findUnique({ where: { id }, select: staffSelect });
}

function staffShape(row: StaffRow): z.output<typeof staffConsultationSchema> {
  return { ...consultationViewOf(row), reference: row.lead.reference, firstName: row.lead.firstName, consultantName: consultantNameOf(row) };
}

async function staffAnswer(db: Db, id: string) {
  const row = await readStaffRow(db, id);
  if (!row) throw new NotFoundError("This consultation does not exist.");
  return { consultation: staffShape(row) };
}

/** GET /api/v1/consultations: the agenda of clinic dates from..to (front desk, admin). */
export async function listConsultations(
  db: Db,
  query: { from: string; to: string; consultantId?: string; status?: ConsultationStatus },
) {
  const profile = await getClinicProfile(db);
  const range = localDatesRange(query.from, query.to, profile.timeZone);
  const rows = await db.consultation.findMany({
    where: {
      startsAt: { gte: range.gte, lt: range.lt },
      ...(query.consultantId ? { consultantId: query.consultantId } : {}),
      ...(query.status ? { status: query.status } : {}),
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: staffSelect,
    take: 2000,
  });
  return { timeZone: profile.timeZone, consultations: rows.map(staffShape) };
}

/** POST /api/v1/leads/{id}/consultation: staff book for a phone-in. */
export async function staffBook(db: Db, userId: string, leadId: string, body: { type: (typeof CONSULTATION_TYPES)[number]; start: Date; consultantId?: string | undefined }) {
  const view = await bookConsultation(db, {
    leadId,
    type: body.type,
    start: body.start,
    actor: { by: "staff", userId },
    ...(body.consultantId ? { consultantId: body.consultantId } : {}),
  });
  return staffAnswer(db, view.id);
}

/** PATCH /api/v1/consultations/{id}: move, another consultant, cancel, attended, no-show (staff: no cut-off). */
export async function staffUpdate(
  db: Db,
  userId: string,
  id: string,
  body: { version: number; start?: Date | undefined; status?: "attended" | "no_show" | "cancelled" | undefined; consultantId?: string | undefined },
) {
  const actor: Actor = { by: "staff", userId };
  if (body.status === "cancelled") {
    await cancelConsultation(db, { consultationId: id, version: body.version, actor, selfService: false });
  } else if (body.status) {
    await markConsultation(db, { consultationId: id, version: body.version, status: body.status, actor });
  } else {
    const current = await db.consultation.findUnique({ where: { id }, select: { startsAt: true } });
    if (!current) throw new NotFoundError("This consultation does not exist.");
    await moveConsultation(db, {
      consultationId: id,
      start: body.start ?? current.startsAt,
      version: body.version,
      actor,
      selfService: false,
      ...(body.consultantId ? { consultantId: body.consultantId } : {}),
    });
  }
  return staffAnswer(db, id);
}
