"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { addTimeOff, removeTimeOff, saveConsultant } from "@/lib/booking/consultants";
import { consultantSchema, consultationSettingsSchema, timeOffSchema } from "@/lib/booking/schemas";
import { consultantFromForm, consultationSettingsFromForm } from "@/lib/booking/settings-form";
import { saveConsultationSettings } from "@/lib/booking/settings";
import { getClinicProfile } from "@/lib/clinic/store";
import { instantAt } from "@/lib/clinic/time";
import { getDb } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
import { staffAction } from "@/lib/workspace/staff-action";

/**
 * The admin's consultation settings (/staff/consultations): types, notice, window, step, cut-off and
 * reminder; who takes consultations with their weekly hours; time off. Each is staffAction with the
 * shared schema of lib/booking/schemas.ts and a lib/booking function (decision 010).
 */

const formText = (form: FormData, key: string): string => {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
};

const PATH = "/staff/consultations";

export const saveConsultationSettingsAction = staffAction(
  { name: "saveConsultationSettings", role: "admin", schema: consultationSettingsSchema, fromForm: consultationSettingsFromForm, returnTo: PATH },
  async ({ user, input, form }) => {
    await saveConsultationSettings(getDb(), user.id, input, Number(formText(form, "version")));
    revalidatePath(PATH);
    return "Consultation settings saved.";
  },
);

export const saveConsultantAction = staffAction(
  { name: "saveConsultant", role: "admin", schema: consultantSchema, fromForm: consultantFromForm, returnTo: PATH },
  async ({ user, input, form }) => {
    await saveConsultant(getDb(), user.id, formText(form, "userId"), input);
    revalidatePath(PATH);
    revalidatePath("/staff/agenda");
    return input.active ? "Saved: takes consultations." : "Saved: takes no new consultations.";
  },
);

/**
 * Time off as the admin types it (clinic dates and wall times) -> the instants of timeOffSchema. The
 * page sends the clinic's time zone it showed; a page from before a change of zone is refused.
 */
function timeOffFromForm(form: FormData): unknown {
  const zone = formText(form, "timeZone");
  const at = (date: string, time: string): string => {
    try {
      return instantAt(date, time || "00:00", zone).toISOString();
    } catch {
      return `${date}T${time}`; // Not a date: timeOffSchema says so.
    }
  };
  const note = formText(form, "note").trim();
  return {
    startsAt: at(formText(form, "startDate"), formText(form, "startTime")),
    endsAt: at(formText(form, "endDate"), formText(form, "endTime") || "24:00"),
    ...(note ? { note } : {}),
  };
}

export const addTimeOffAction = staffAction(
  { name: "addTimeOff", role: "admin", schema: timeOffSchema, fromForm: timeOffFromForm, returnTo: PATH },
  async ({ user, input, form }) => {
    const db = getDb();
    if ((await getClinicProfile(db)).timeZone !== formText(form, "timeZone")) {
      throw new ConflictError("The clinic's time zone changed meanwhile. Reload the page and enter the time off again.", "stale_version");
    }
    await addTimeOff(db, user.id, formText(form, "consultantId"), input);
    revalidatePath(PATH);
    return "Time off added.";
  },
);

export const removeTimeOffAction = staffAction(
  { name: "removeTimeOff", role: "admin", schema: z.strictObject({ timeOffId: z.string().min(1).max(64) }), returnTo: PATH },
  async ({ user, input }) => {
    await removeTimeOff(getDb(), user.id, input.timeOffId);
    revalidatePath(PATH);
    return "Time off removed.";
  },
);
