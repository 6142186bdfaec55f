"use server";

import { revalidatePath } from "next/cache";

import { staffAction } from "@/lib/workspace/staff-action";
import { clinicProfileFromForm, clinicSettingsFromForm, versionFromForm } from "@/lib/clinic/form";
import { clinicProfileSchema, clinicSettingsSchema } from "@/lib/clinic/schemas";
import { updateClinicProfile, updateClinicSettings } from "@/lib/clinic/store";
import { getDb } from "@/lib/db/client";

/**
 * The admin's clinic page (/staff/clinic): one action per form, through the staff action wrapper
 * (session and admin role checked on the server, input parsed with the shared schema, domain errors
 * mapped to the form with what was typed).
 */

export const updateClinicProfileAction = staffAction(
  {
    name: "updateClinicProfile",
    role: "admin",
    schema: clinicProfileSchema,
    fromForm: clinicProfileFromForm,
    returnTo: "/staff/clinic",
    invalidMessage: "Some details need another look. Nothing was saved.",
  },
  async ({ user, input, form }) => {
    await updateClinicProfile(getDb(), input, user.id, versionFromForm(form));
    // Every page shows the clinic's name and phone.
    revalidatePath("/", "layout");
    return "Saved. Patients see the new details from now on.";
  },
);

export const updateClinicSettingsAction = staffAction(
  {
    name: "updateClinicSettings",
    role: "admin",
    schema: clinicSettingsSchema,
    fromForm: clinicSettingsFromForm,
    returnTo: "/staff/clinic",
    invalidMessage: "Some settings need another look. Nothing was saved.",
  },
  async ({ user, input, form }) => {
    await updateClinicSettings(getDb(), input, user.id, versionFromForm(form));
    revalidatePath("/staff", "layout");
    return "Settings saved.";
  },
);
