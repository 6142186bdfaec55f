import "server-only";

import type { Db } from "@/lib/db/client";
import {
  type ConsultationSettingsInput,
  type ConsultationType,
  type ConsultationTypeSettings,
  DEFAULT_CONSULTATION_SETTINGS,
} from "@/lib/booking/schemas";

/**
 * The clinic's consultation settings (one row, id "clinic", created by the migration with the
 * defaults of DEFAULT_CONSULTATION_SETTINGS). Read through here only.
 */

export const CONSULTATION_SETTINGS_ROW_ID = "clinic";

export interface ConsultationSettings extends ConsultationSettingsInput {
  version: number;
}

type Row = NonNullable<Awaited<ReturnType<Db["consultationSettings"]["findUnique"]>>>;

function typeOf(row: Row, prefix: "inPerson" | "video" | "phone"): ConsultationTypeSettings {
  return {
    enabled: row[`${prefix}Enabled`],
    lengthMinutes: row[`${prefix}Minutes`],
    bufferBeforeMinutes: row[`${prefix}BufferBefore`],
    bufferAfterMinutes: row[`${prefix}BufferAfter`],
  };
}

export function settingsOfRow(row: Row): ConsultationSettings {
  return {
    types: { in_person: typeOf(row, "inPerson"), video: typeOf(row, "video"), phone: typeOf(row, "phone") },
    minNoticeMinutes: row.minNoticeMinutes,
    bookingWindowDays: row.bookingWindowDays,
    slotStepMinutes: row.slotStepMinutes,
    selfServiceCutoffMinutes: row.selfServiceCutoffMinutes,
    reminderLeadMinutes: row.reminderLeadMinutes,
    version: row.version,
  };
}

/** The settings; the defaults when the row is missing (a database restored from before the migration's insert). */
export async function getConsultationSettings(db: Db): Promise<ConsultationSettings> {
  const row = await db.consultationSettings.findUnique({ where: { id: CONSULTATION_SETTINGS_ROW_ID } });
  return row ? settingsOfRow(row) : { ...DEFAULT_CONSULTATION_SETTINGS, version: 0 };
}

/** The settings of one type. */
export function typeSettings(settings: ConsultationSettingsInput, type: ConsultationType): ConsultationTypeSettings {
  return settings.types[type];
}
