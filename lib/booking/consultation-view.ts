import type { BookedBy, ConsultationStatus, ConsultationType } from "@/lib/booking/schemas";

/**
 * The ONE mapping of a stored consultation to what the code hands on (issue 20): the API's view
 * (lib/booking/consultations.ts), the staff screens' (lib/booking/staff-booking.ts: inquiry page,
 * agenda) and the staff API's (lib/booking/api.ts) all select CONSULTATION_COLUMNS (plus what they
 * add) and map with consultationViewOf. Instants become ISO-8601 UTC text; the enum columns are the
 * values the database's CHECK constraints allow.
 */

/** The consultation's own columns every view reads (a Prisma `select`). */
export const CONSULTATION_COLUMNS = {
  id: true,
  leadId: true,
  type: true,
  startsAt: true,
  endsAt: true,
  status: true,
  version: true,
  consultantId: true,
  icsSequence: true,
  bookedBy: true,
} as const;

/** The consultant's name (a Prisma `select` to spread beside CONSULTATION_COLUMNS). */
export const CONSULTANT_NAME = { consultant: { select: { user: { select: { name: true } } } } } as const;

/** A row as CONSULTATION_COLUMNS reads it. */
export interface ConsultationColumns {
  id: string;
  leadId: string;
  type: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  version: number;
  consultantId: string | null;
  icsSequence: number;
  bookedBy: string;
}

/** The consultation as the API answers it. */
export interface ConsultationView {
  id: string;
  leadId: string;
  type: ConsultationType;
  start: string;
  end: string;
  status: ConsultationStatus;
  version: number;
  consultantId: string | null;
  icsSequence: number;
  bookedBy: BookedBy;
}

export function consultationViewOf(row: ConsultationColumns): ConsultationView {
  return {
    id: row.id,
    leadId: row.leadId,
    type: row.type as ConsultationType,
    start: row.startsAt.toISOString(),
    end: row.endsAt.toISOString(),
    status: row.status as ConsultationStatus,
    version: row.version,
    consultantId: row.consultantId,
    icsSequence: row.icsSequence,
    bookedBy: row.bookedBy as BookedBy,
  };
}

/** The consultant's name as CONSULTANT_NAME reads it; null on the clinic's own calendar. */
export function consultantNameOf(row: { consultant: { user: { name: string } } | null }): string | null {
  return row.consultant?.user.name ?? null;
}
