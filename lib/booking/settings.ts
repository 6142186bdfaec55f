import "server-only";

import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
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

/**
 * Saves the admin's consultation settings if the stored version is still `expectedVersion`
 * (ConflictError "stale_version" otherwise). One audit row ("consultation_settings_updated").
 * `input` is already parsed with consultationSettingsSchema (the form's and the server's one schema).
 */
export async function saveConsultationSettings(db: Db, actorId: string, input: ConsultationSettingsInput, expectedVersion: number): Promise<ConsultationSettings> {
  const data = {
    inPersonEnabled: input.types.in_person.enabled,
    inPersonMinutes: input.types.in_person.lengthMinutes,
    inPersonBufferBefore: input.types.in_person.bufferBeforeMinutes,
    inPersonBufferAfter: input.types.in_person.bufferAfterMinutes,
    videoEnabled: input.types.video.enabled,
    videoMinutes: input.types.video.lengthMinutes,
    videoBufferBefore: input.types.video.bufferBeforeMinutes,
    videoBufferAfter: input.types.video.bufferAfterMinutes,
    phoneEnabled: input.types.phone.enabled,
    phoneMinutes: input.types.phone.lengthMinutes,
    phoneBufferBefore: input.types.phone.bufferBeforeMinutes,
    phoneBufferAfter: input.types.phone.bufferAfterMinutes,
    minNoticeMinutes: input.minNoticeMinutes,
    bookingWindowDays: input.bookingWindowDays,
    slotStepMinutes: input.slotStepMinutes,
    selfServiceCutoffMinutes: input.selfServiceCutoffMinutes,
    reminderLeadMinutes: input.reminderLeadMinutes,
    updatedById: actorId,
  };
  return db.$transaction(async (tx) => {
    const existing = await tx.consultationSettings.findUnique({ where: { id: CONSULTATION_SETTINGS_ROW_ID }, select: { version: true } });
    if (!existing) {
      await tx.consultationSettings.create({ data: { id: CONSULTATION_SETTINGS_ROW_ID, ...data } });
    } else {
      const updated = await tx.consultationSettings.updateMany({
        where: { id: CONSULTATION_SETTINGS_ROW_ID, version: expectedVersion },
        data: { ...data, version: { increment: 1 } },
      });
      if (updated.count !== 1) throw new ConflictError(CONSULTATION_SETTINGS_STALE_MESSAGE, "stale_version");
    }
    const row = await tx.consultationSettings.findUniqueOrThrow({ where: { id: CONSULTATION_SETTINGS_ROW_ID } });
    await recordAudit(tx, { actorId, type: "consultation_settings_updated", data: { version: row.version } });
    return settingsOfRow(row);
  });
}

export const CONSULTATION_SETTINGS_STALE_MESSAGE = "Someone else saved the consultation settings meanwhile. Reload the page to see them, then make your change again.";
